<?php
/**
 * Settings → E-services: the e-service server's address, and whether the server answers. Set in
 * wp-config.php as E_SERVICE_KIT_URL, the address is only shown here.
 */

defined( 'ABSPATH' ) || exit;

add_action(
	'admin_init',
	static function () {
		register_setting(
			'e-service-kit',
			E_SERVICE_KIT_OPTION,
			array(
				'type'              => 'string',
				'default'           => '',
				'sanitize_callback' => 'e_service_kit_sanitize_url',
			)
		);
	}
);

/** Keeps the address only when it is a web address; otherwise says why and keeps the one before. */
function e_service_kit_sanitize_url( $value ): string {
	$value = is_string( $value ) ? $value : '';
	if ( '' === trim( $value ) ) {
		return '';
	}
	$url = e_service_kit_normalise_url( $value );
	if ( null === $url ) {
		add_settings_error(
			E_SERVICE_KIT_OPTION,
			'invalid-url',
			/* translators: %s: what the administrator wrote */
			sprintf( __( '“%s” is not the address of a server. Write it as https://etjanster.kommun.se — the address was not changed.', 'e-service-kit' ), $value )
		);
		return (string) get_option( E_SERVICE_KIT_OPTION, '' );
	}
	return $url;
}

add_action(
	'admin_menu',
	static function () {
		add_options_page(
			__( 'E-services', 'e-service-kit' ),
			__( 'E-services', 'e-service-kit' ),
			'manage_options',
			'e-service-kit',
			'e_service_kit_settings_page'
		);
	}
);

function e_service_kit_settings_page(): void {
	$constant = e_service_kit_url_is_constant();
	$value    = $constant ? (string) E_SERVICE_KIT_URL : (string) get_option( E_SERVICE_KIT_OPTION, '' );
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'E-services', 'e-service-kit' ); ?></h1>
		<form method="post" action="options.php">
			<?php settings_fields( 'e-service-kit' ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="e-service-kit-url"><?php esc_html_e( 'The e-service server’s address', 'e-service-kit' ); ?></label></th>
					<td>
						<input type="url" class="regular-text code" id="e-service-kit-url" name="<?php echo esc_attr( E_SERVICE_KIT_OPTION ); ?>"
							value="<?php echo esc_attr( $value ); ?>" placeholder="https://etjanster.kommun.se" aria-describedby="e-service-kit-url-hint"
							<?php disabled( $constant ); ?>>
						<p class="description" id="e-service-kit-url-hint">
							<?php
							echo esc_html(
								$constant
									? __( 'Set in wp-config.php (E_SERVICE_KIT_URL); change it there.', 'e-service-kit' )
									: __( 'The kit is loaded from this server on every page, and the e-services talk to it. The server must list this site in ALLOWED_ORIGINS.', 'e-service-kit' )
							);
							?>
						</p>
					</td>
				</tr>
			</table>
			<?php
			if ( ! $constant ) {
				submit_button();
			}
			?>
		</form>
		<?php e_service_kit_connection_status(); ?>
		<h2><?php esc_html_e( 'On a page', 'e-service-kit' ); ?></h2>
		<p><?php esc_html_e( 'Add the block “E-service”, or write a shortcode in any text:', 'e-service-kit' ); ?></p>
		<p><code>[e-service service="felanmalan"]</code> <code>[eid-login]</code> <code>[my-cases]</code> <code>[my-profile]</code></p>
	</div>
	<?php
}

/** Whether the server answers, and with how many e-services: the first thing to know after saving. */
function e_service_kit_connection_status(): void {
	if ( '' === e_service_kit_server_url() ) {
		return;
	}
	$services = e_service_kit_services( true );
	if ( is_wp_error( $services ) ) {
		printf( '<div class="notice notice-error inline"><p>%s</p></div>', esc_html( $services->get_error_message() ) );
		return;
	}
	printf(
		'<div class="notice notice-success inline"><p>%s</p></div>',
		esc_html(
			sprintf(
				/* translators: %d: how many e-services the server has */
				_n( 'The server answers: %d e-service.', 'The server answers: %d e-services.', count( $services ), 'e-service-kit' ),
				count( $services )
			)
		)
	);
}
