<?php
/**
 * Loads the kit on every page of the site, once, as a module from the e-service server: tags,
 * shortcodes, blocks and the placeholders authors may write (<div data-e-service-form …>) all
 * need it, and a page that uses none of them loads the one small file and nothing more.
 */

defined( 'ABSPATH' ) || exit;

add_action(
	'wp_enqueue_scripts',
	static function () {
		$src = e_service_kit_script_url();
		if ( '' !== $src ) {
			// No version query: the server sets the file's caching itself.
			wp_enqueue_script( 'e-service-kit', $src, array(), null, false );
		}
	}
);

/** The kit is an ES module; WordPress before 6.5 has no API for modules, so the tag is written as one. */
add_filter(
	'script_loader_tag',
	static function ( $tag, $handle, $src ) {
		if ( 'e-service-kit' !== $handle ) {
			return $tag;
		}
		return wp_get_script_tag(
			array(
				'type' => 'module',
				'src'  => $src,
				'id'   => 'e-service-kit-js',
			)
		);
	},
	10,
	3
);
