<?php
/**
 * The block "E-service": the block editor's way to the same elements as the shortcodes.
 */

defined( 'ABSPATH' ) || exit;

add_action(
	'init',
	static function () {
		$block = register_block_type( dirname( __DIR__ ) . '/blocks/e-service' );
		$handle = $block ? ( $block->editor_script_handles[0] ?? '' ) : '';
		if ( '' === $handle ) {
			return;
		}
		$texts = array(
			'title'        => __( 'E-service', 'e-service-kit' ),
			'description'  => __( 'An e-service form, the e-ID login or a part of Mina sidor, from the municipality’s e-service server.', 'e-service-kit' ),
			'instructions' => __( 'Choose what to show here; visitors see the e-service itself.', 'e-service-kit' ),
			'element'      => __( 'Show', 'e-service-kit' ),
			'service'      => __( 'E-service', 'e-service-kit' ),
			'serviceId'    => __( 'The e-service’s id', 'e-service-kit' ),
			'choose'       => __( '— Choose an e-service —', 'e-service-kit' ),
			'elements'     => array(
				'e-service'     => __( 'An e-service form', 'e-service-kit' ),
				'eid-login'     => __( 'Log in with e-ID', 'e-service-kit' ),
				'my-cases'      => __( 'My cases (Mina sidor)', 'e-service-kit' ),
				'my-profile'    => __( 'My contact details (Mina sidor)', 'e-service-kit' ),
				'case-messages' => __( 'Messages about a case', 'e-service-kit' ),
				'cosign-status' => __( 'Signing by the other guardian', 'e-service-kit' ),
			),
		);
		wp_add_inline_script( $handle, 'window.eServiceKitBlock = ' . wp_json_encode( $texts ) . ';', 'before' );
	}
);
