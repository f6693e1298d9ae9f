<?php
/**
 * The block on the page: the same element the shortcode gives.
 *
 * @var array<string, mixed> $attributes the block's attributes (element, service).
 */

defined( 'ABSPATH' ) || exit;

$e_service_kit_element = is_string( $attributes['element'] ?? null ) ? $attributes['element'] : 'e-service';
$e_service_kit_html    = e_service_kit_render( $e_service_kit_element, array( 'service' => $attributes['service'] ?? '' ) );
if ( '' !== $e_service_kit_html ) {
	printf( '<div %s>%s</div>', get_block_wrapper_attributes(), $e_service_kit_html ); // phpcs:ignore WordPress.Security.EscapeOutput -- both are built escaped.
}
