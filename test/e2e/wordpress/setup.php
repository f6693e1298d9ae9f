<?php
/**
 * Sets up the test's WordPress from the command line, the way an administrator would by hand:
 * installs it (Swedish), makes an editor and an author, activates the plugin. Reads what to do as
 * JSON on stdin; prints the users' ids as JSON. Run with WORDPRESS_CONFIG and HTTP_HOST set, as
 * Debian's wp-config.php picks the site's config by them.
 */

$plan = json_decode( stream_get_contents( STDIN ), true );
define( 'WP_INSTALLING', true );
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$installed = wp_install( 'Exempelby kommun', 'admin', 'admin@exempelby.test', true, '', wp_slash( $plan['password'] ), 'sv_SE' );
if ( is_wp_error( $installed ) ) {
	fwrite( STDERR, $installed->get_error_message() );
	exit( 1 );
}
$ids = array( 'admin' => (int) $installed['user_id'] );
foreach ( $plan['users'] as $login => $role ) {
	$id = wp_insert_user(
		array(
			'user_login' => $login,
			'user_pass'  => $plan['password'],
			'user_email' => "$login@exempelby.test",
			'role'       => $role,
			'locale'     => 'sv_SE',
		)
	);
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, $id->get_error_message() );
		exit( 1 );
	}
	$ids[ $login ] = $id;
}
// Nobody is shown the block editor's welcome guide: it would stand in front of the editor in the test.
foreach ( $ids as $id ) {
	update_user_meta( $id, 'wp_persisted_preferences', array( 'core/edit-post' => array( 'welcomeGuide' => false ) ) );
}
update_option( 'WPLANG', 'sv_SE' );
$activated = activate_plugin( 'e-service-kit/e-service-kit.php' );
if ( is_wp_error( $activated ) ) {
	fwrite( STDERR, $activated->get_error_message() );
	exit( 1 );
}
echo wp_json_encode( $ids );
