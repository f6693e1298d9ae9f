<?php
/**
 * Where the e-service server is: the constant E_SERVICE_KIT_URL (wp-config.php) wins over the
 * option set on the settings page, so that a site whose configuration is kept in code cannot have
 * it changed from the admin screens.
 */

defined( 'ABSPATH' ) || exit;

const E_SERVICE_KIT_OPTION = 'e_service_kit_url';

/** The server's address as given, without a trailing slash; '' when none is set or it is not a web address. */
function e_service_kit_server_url(): string {
	$value = defined( 'E_SERVICE_KIT_URL' ) ? (string) E_SERVICE_KIT_URL : (string) get_option( E_SERVICE_KIT_OPTION, '' );
	return e_service_kit_normalise_url( $value ) ?? '';
}

/** Whether wp-config.php sets the address (the settings page then only shows it). */
function e_service_kit_url_is_constant(): bool {
	return defined( 'E_SERVICE_KIT_URL' );
}

/**
 * An http(s) address without query, fragment or trailing slash, or null. Only the scheme and the
 * host matter for where the kit and its API are; anything else in the address is a mistake.
 */
function e_service_kit_normalise_url( string $value ): ?string {
	$value = trim( $value );
	if ( '' === $value ) {
		return null;
	}
	$parts = wp_parse_url( $value );
	if ( ! is_array( $parts ) || empty( $parts['host'] ) || ! in_array( strtolower( $parts['scheme'] ?? '' ), array( 'http', 'https' ), true ) ) {
		return null;
	}
	if ( isset( $parts['query'] ) || isset( $parts['fragment'] ) || isset( $parts['user'] ) || isset( $parts['pass'] ) ) {
		return null;
	}
	$url = strtolower( $parts['scheme'] ) . '://' . strtolower( $parts['host'] ) . ( isset( $parts['port'] ) ? ':' . (int) $parts['port'] : '' );
	return $url . rtrim( $parts['path'] ?? '', '/' );
}

/** The kit's script on the server. */
function e_service_kit_script_url(): string {
	$server = e_service_kit_server_url();
	return '' === $server ? '' : $server . '/kit/e-service-kit.js';
}
