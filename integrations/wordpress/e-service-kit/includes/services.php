<?php
/**
 * The server's e-services, for the block's picker and the settings page's connection check. Asked
 * by WordPress itself rather than by the editor's browser, so that the server need not admit the
 * admin screens' origin, and kept for five minutes.
 */

defined( 'ABSPATH' ) || exit;

/**
 * @return array<int, array{id: string, title: string, login: string}>|WP_Error titles in the site's
 *         language (Swedish, else English).
 */
function e_service_kit_services( bool $fresh = false ) {
	$server = e_service_kit_server_url();
	if ( '' === $server ) {
		return new WP_Error( 'e_service_kit_no_server', __( 'The e-service server’s address is not set (Settings → E-services).', 'e-service-kit' ), array( 'status' => 503 ) );
	}
	$cache_key = 'e_service_kit_services_' . md5( $server );
	$cached    = $fresh ? false : get_transient( $cache_key );
	if ( false === $cached ) {
		$response = wp_remote_get(
			$server . '/api/services',
			array(
				'timeout' => 5,
				'headers' => array( 'Accept' => 'application/json' ),
			)
		);
		$status = is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response );
		$body   = 200 === $status ? json_decode( wp_remote_retrieve_body( $response ), true ) : null;
		if ( ! is_array( $body ) || ! isset( $body['services'] ) || ! is_array( $body['services'] ) ) {
			$reason = is_wp_error( $response ) ? $response->get_error_message() : sprintf( 'HTTP %d', $status );
			return new WP_Error(
				'e_service_kit_unreachable',
				/* translators: 1: the server's address, 2: what went wrong */
				sprintf( __( 'Could not get the e-services from %1$s (%2$s).', 'e-service-kit' ), $server, $reason ),
				array( 'status' => 502 )
			);
		}
		$cached = $body['services'];
		set_transient( $cache_key, $cached, 5 * MINUTE_IN_SECONDS );
	}
	$language = 0 === strpos( get_user_locale(), 'sv' ) ? 'sv' : 'en';
	$services = array();
	foreach ( $cached as $service ) {
		if ( ! is_array( $service ) || ! isset( $service['id'] ) || ! is_string( $service['id'] ) ) {
			continue;
		}
		$title      = $service['title'][ $language ] ?? $service['title']['sv'] ?? $service['id'];
		$services[] = array(
			'id'    => $service['id'],
			'title' => is_string( $title ) ? $title : $service['id'],
			'login' => is_string( $service['login'] ?? null ) ? $service['login'] : 'none',
		);
	}
	return $services;
}

add_action(
	'rest_api_init',
	static function () {
		register_rest_route(
			'e-service-kit/v1',
			'/services',
			array(
				'methods'             => 'GET',
				'permission_callback' => static function () {
					return current_user_can( 'edit_posts' );
				},
				'callback'            => static function () {
					$services = e_service_kit_services();
					return is_wp_error( $services ) ? $services : rest_ensure_response( $services );
				},
			)
		);
	}
);
