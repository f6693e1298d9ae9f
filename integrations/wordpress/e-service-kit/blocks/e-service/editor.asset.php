<?php
// The block editor's packages the editor script uses (read by register_block_type).
return array(
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-components', 'wp-block-editor', 'wp-api-fetch' ),
	'version'      => '0.1.0',
);
