/**
 * The block in the editor: which element, and for an e-service form which e-service, picked from
 * the server's list. Plain script on WordPress's own packages, so the plugin needs no build step.
 * Its texts come from PHP (window.eServiceKitBlock), translated with the plugin's own .mo file.
 */
( function ( blocks, element, components, blockEditor, apiFetch ) {
	const el = element.createElement;
	const text = window.eServiceKitBlock || {};
	const ELEMENTS = [ 'e-service', 'eid-login', 'my-cases', 'my-profile', 'case-messages', 'cosign-status' ];

	function ServicePicker( { value, onChange } ) {
		const [ services, setServices ] = element.useState( null );
		const [ problem, setProblem ] = element.useState( '' );
		element.useEffect( () => {
			apiFetch( { path: '/e-service-kit/v1/services' } ).then( setServices, ( error ) => setProblem( error.message || String( error ) ) );
		}, [] );
		if ( problem ) {
			// Without the list the editor can still write the e-service's id.
			return el(
				element.Fragment,
				null,
				el( components.Notice, { status: 'warning', isDismissible: false }, problem ),
				el( components.TextControl, { label: text.serviceId, value, onChange } )
			);
		}
		if ( ! services ) {
			return el( components.Spinner );
		}
		const options = [ { value: '', label: text.choose } ].concat(
			services.map( ( service ) => ( { value: service.id, label: service.title } ) )
		);
		return el( components.SelectControl, { label: text.service, value, options, onChange } );
	}

	blocks.registerBlockType( 'e-service-kit/e-service', {
		title: text.title || 'E-service',
		description: text.description,
		edit( { attributes, setAttributes } ) {
			const props = blockEditor.useBlockProps();
			const picked = attributes.element || 'e-service';
			return el(
				'div',
				props,
				el(
					components.Placeholder,
					{ icon: 'forms', label: text.title, instructions: text.instructions },
					el( components.SelectControl, {
						label: text.element,
						value: picked,
						options: ELEMENTS.map( ( name ) => ( { value: name, label: text.elements[ name ] } ) ),
						onChange: ( value ) => setAttributes( { element: value } ),
					} ),
					'e-service' === picked
						? el( ServicePicker, { value: attributes.service, onChange: ( value ) => setAttributes( { service: value } ) } )
						: null
				)
			);
		},
		// Rendered by PHP (render.php), so a change to the kit or the server shows on every page at once.
		save: () => null,
	} );
} )( window.wp.blocks, window.wp.element, window.wp.components, window.wp.blockEditor, window.wp.apiFetch );
