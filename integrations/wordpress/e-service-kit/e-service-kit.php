<?php
/**
 * Plugin Name:       E-service kit
 * Description:       Puts the municipality's e-services on the site's pages: a shortcode and a block for every editor role, and the kit loaded on every page.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       e-service-kit
 * Domain Path:       /languages
 *
 * One setting: the address of the e-service server (Settings → E-services, or the constant
 * E_SERVICE_KIT_URL in wp-config.php). The kit is loaded from that server, and the widgets talk to
 * the server they came from.
 */

defined( 'ABSPATH' ) || exit;

define( 'E_SERVICE_KIT_PLUGIN_FILE', __FILE__ );

require_once __DIR__ . '/includes/server-url.php';
require_once __DIR__ . '/includes/elements.php';
require_once __DIR__ . '/includes/loader.php';
require_once __DIR__ . '/includes/shortcodes.php';
require_once __DIR__ . '/includes/services.php';
require_once __DIR__ . '/includes/block.php';
require_once __DIR__ . '/includes/settings.php';

// Before the block and the shortcodes are registered (init, priority 10): their texts are translated then.
add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'e-service-kit', false, dirname( plugin_basename( E_SERVICE_KIT_PLUGIN_FILE ) ) . '/languages' );
	},
	0
);
