<?php
/**
 * Shortcodes for every editor role: [e-service service="felanmalan"], [eid-login], [my-cases],
 * [case-messages], [my-profile], [cosign-status]. A shortcode is text, so the HTML filter that strips
 * an author's <script> and unknown tags leaves it alone; WordPress turns it into the element when
 * the page is shown.
 */

defined( 'ABSPATH' ) || exit;

add_action(
	'init',
	static function () {
		foreach ( array_keys( e_service_kit_elements() ) as $shortcode ) {
			add_shortcode(
				$shortcode,
				static function ( $attributes ) use ( $shortcode ) {
					return e_service_kit_render( $shortcode, is_array( $attributes ) ? $attributes : array() );
				}
			);
		}
	}
);
