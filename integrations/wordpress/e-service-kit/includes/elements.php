<?php
/**
 * The kit's elements as the plugin offers them: the shortcode's name, the element it becomes and
 * the attributes an editor may set. `backend` is never among them — the widgets talk to the server
 * the site's settings name — and only the element's own attributes are written out, escaped, so a
 * shortcode cannot be used to put a script or an event handler on the page.
 * test/e2e/wordpress.test.ts checks this list against the kit's custom-elements.json.
 */

defined( 'ABSPATH' ) || exit;

/**
 * @return array<string, array{tag: string, attributes: array<string, string>}> by shortcode; each
 *         attribute's kind: text, id (an e-service or case id), url, digits, flag.
 */
function e_service_kit_elements(): array {
	$common = array(
		'lang'  => 'language',
		'id'    => 'text',
		'class' => 'text',
	);
	return array(
		'e-service'     => array(
			'tag'        => 'e-service-form',
			'attributes' => array(
				'service'      => 'id',
				'case'         => 'id',
				'pay'          => 'id',
				'my-pages-url' => 'url',
			) + $common,
		),
		'eid-login'     => array(
			'tag'        => 'eid-login',
			'attributes' => array(
				'variant' => 'id',
			) + $common,
		),
		'my-cases'      => array(
			'tag'        => 'my-cases',
			'attributes' => array(
				'continue-url' => 'url',
				'cosign-url'   => 'url',
				'pay-url'      => 'url',
			) + $common,
		),
		'case-messages' => array(
			'tag'        => 'case-messages',
			'attributes' => array(
				'case'          => 'id',
				'heading-level' => 'digits',
				'poll-seconds'  => 'digits',
			) + $common,
		),
		'my-profile'    => array(
			'tag'        => 'my-profile',
			'attributes' => $common,
		),
		'cosign-status' => array(
			'tag'        => 'cosign-status',
			'attributes' => array(
				'invitation'    => 'id',
				'request'       => 'id',
				'case'          => 'id',
				'continue-url'  => 'url',
				'heading-level' => 'digits',
				'nested'        => 'flag',
			) + $common,
		),
	);
}

/**
 * The element's HTML for a shortcode or a block. Values that do not fit their kind are left out;
 * an e-service without `service` renders a note for those who can edit the page and nothing for
 * visitors.
 *
 * @param string               $shortcode one of e_service_kit_elements()'s keys.
 * @param array<string, mixed> $given     the attributes as the editor wrote them.
 */
function e_service_kit_render( string $shortcode, array $given ): string {
	$elements = e_service_kit_elements();
	if ( ! isset( $elements[ $shortcode ] ) ) {
		return '';
	}
	$element = $elements[ $shortcode ];
	$html    = '';
	foreach ( $element['attributes'] as $name => $kind ) {
		$value = e_service_kit_attribute_value( $given, $name, $kind );
		if ( null === $value ) {
			continue;
		}
		$html .= true === $value ? ' ' . $name : sprintf( ' %s="%s"', $name, esc_attr( $value ) );
	}
	if ( 'e-service-form' === $element['tag'] && false === strpos( $html, ' service="' ) ) {
		return e_service_kit_editor_note(
			/* translators: %s: the shortcode, e.g. [e-service service="felanmalan"] */
			sprintf( __( 'Choose the e-service: %s', 'e-service-kit' ), '[e-service service="…"]' )
		);
	}
	if ( '' === e_service_kit_server_url() ) {
		return e_service_kit_editor_note( __( 'The e-service server’s address is not set (Settings → E-services).', 'e-service-kit' ) );
	}
	return sprintf( '<%1$s%2$s></%1$s>', $element['tag'], $html );
}

/**
 * One attribute's value, or null when it is absent or not of its kind; true for a flag that is set.
 *
 * @param array<string|int, mixed> $given
 * @return string|true|null
 */
function e_service_kit_attribute_value( array $given, string $name, string $kind ) {
	if ( 'flag' === $kind ) {
		// [cosign-status nested] arrives as a value without a name; nested="true" as a name.
		$named = isset( $given[ $name ] ) && in_array( strtolower( (string) $given[ $name ] ), array( '1', 'true', 'yes', 'ja', $name ), true );
		return ( $named || in_array( $name, array_filter( $given, 'is_int', ARRAY_FILTER_USE_KEY ), true ) ) ? true : null;
	}
	if ( ! isset( $given[ $name ] ) || ! is_scalar( $given[ $name ] ) ) {
		return null;
	}
	$value = trim( (string) $given[ $name ] );
	switch ( $kind ) {
		case 'id':
			return preg_match( '/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/', $value ) ? $value : null;
		case 'digits':
			return preg_match( '/^\d{1,4}$/', $value ) ? $value : null;
		case 'language':
			return preg_match( '/^[a-z]{2}(-[A-Za-z]{2})?$/', $value ) ? $value : null;
		case 'url':
			return e_service_kit_is_link( $value ) ? $value : null;
		default:
			return '' === $value ? null : $value;
	}
}

/**
 * A web address or a path on the site, as the kit's address attributes take them: {serviceId} and
 * {id} in it are the kit's to fill in (continue-url="/e-tjanster/{serviceId}/?case={id}"), so the
 * address is checked with them filled. Never javascript:, data: or another scheme.
 */
function e_service_kit_is_link( string $value ): bool {
	$filled = preg_replace( '/\{[A-Za-z]+\}/', 'x', $value );
	if ( preg_match( '/[\s"<>\\\\]/', $filled ) || preg_match( '/[\x00-\x1f\x7f]/', $filled ) ) {
		return false;
	}
	$parts = wp_parse_url( $filled );
	if ( ! is_array( $parts ) ) {
		return false;
	}
	if ( isset( $parts['scheme'] ) ) {
		return in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true ) && ! empty( $parts['host'] );
	}
	// A path on the site: "/mina-sidor/", not "//another.site/".
	return 0 === strpos( $filled, '/' ) && 0 !== strpos( $filled, '//' );
}

/** A note for whoever can edit the page; visitors get nothing, not a broken element. */
function e_service_kit_editor_note( string $text ): string {
	if ( ! current_user_can( 'edit_posts' ) ) {
		return '';
	}
	return '<p class="e-service-kit-note" role="note"><strong>' . esc_html__( 'E-service', 'e-service-kit' ) . ':</strong> ' . esc_html( $text ) . '</p>';
}
