import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../support/free-port.js';

/**
 * A real WordPress for the tests: Debian's packages (wordpress, mariadb-server, apache2 with
 * mod_php), each run as a throwaway instance of its own in a temporary folder on loopback ports,
 * with the plugin from integrations/wordpress copied in as an administrator would upload it.
 * Nothing of the machine's own Apache or MariaDB is used or changed; Debian's wp-config.php reads
 * the site's settings from /etc/wordpress/config-<name>.php, which is written for the run and removed.
 */

const root = new URL('../../..', import.meta.url).pathname;
const WORDPRESS = '/usr/share/wordpress';
const PACKAGES = 'wordpress mariadb-server apache2 libapache2-mod-php php-mysql php-cli';

export const PASSWORD = 'Exempelby-lösen-1';

export interface WordPressSite {
  url: string;
  /** Ids of the users setup.php made: admin, redaktor (editor), skribent (author). */
  users: Record<string, number>;
  /** Apache's and PHP's errors so far, for a failing test's message. */
  errors: () => string;
  stop: () => Promise<void>;
}

function need(path: string): string {
  if (!existsSync(path)) {
    throw new Error(`The WordPress tests need Debian's packages (${path} is missing): apt-get install ${PACKAGES}`);
  }
  return path;
}

function phpModule(): string {
  const modules = '/usr/lib/apache2/modules';
  const found = existsSync(modules) ? readdirSync(modules).find((name) => /^libphp[\d.]*\.so$/.test(name)) : undefined;
  return need(join(modules, found ?? 'libphp.so'));
}

async function waitFor(what: string, ready: () => boolean | Promise<boolean>, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (await ready()) return;
    await sleep(100);
  }
  throw new Error(`${what} did not start within 30 s:\n${log()}`);
}

function run(command: string, args: string[], input?: string, env?: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { input, encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const phpString = (value: string) => `'${value.replace(/[\\']/g, '\\$&')}'`;

/**
 * Starts MariaDB, Apache with WordPress, installs the site in Swedish with an administrator, an
 * editor and an author, and activates the plugin. `constants` go into the site's config
 * (e.g. E_SERVICE_KIT_URL, DISALLOW_UNFILTERED_HTML).
 */
export async function startWordPress(constants: Record<string, string | boolean> = {}): Promise<WordPressSite> {
  if (process.getuid?.() !== 0) throw new Error('The WordPress tests run as root: they write the site’s config to /etc/wordpress and start Apache as www-data.');
  need(join(WORDPRESS, 'wp-settings.php'));
  const mariadbd = need('/usr/sbin/mariadbd');
  const apache = need('/usr/sbin/apache2');
  const php = need('/usr/bin/php');
  const module = phpModule();

  const dir = mkdtempSync('/tmp/esk-wordpress-');
  chmodSync(dir, 0o755);
  const name = `esk-e2e-${randomBytes(4).toString('hex')}`;
  const configFile = `/etc/wordpress/config-${name}.php`;
  const processes: ChildProcess[] = [];
  let output = '';
  const collect = (child: ChildProcess) => {
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    processes.push(child);
  };
  const stop = async () => {
    for (const child of processes.reverse()) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
    }
    rmSync(configFile, { force: true });
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // MariaDB: a data folder of its own, reached only through its socket.
    const socket = join(dir, 'mysqld.sock');
    run('/usr/bin/mariadb-install-db', ['--no-defaults', `--datadir=${join(dir, 'db')}`, '--user=root', '--skip-test-db', '--auth-root-authentication-method=socket']);
    const database = spawn(mariadbd, ['--no-defaults', `--datadir=${join(dir, 'db')}`, `--socket=${socket}`, '--skip-networking',
      '--user=root', `--pid-file=${join(dir, 'mysqld.pid')}`, '--innodb-buffer-pool-size=32M', '--skip-log-bin'], { stdio: ['ignore', 'pipe', 'pipe'] });
    collect(database);
    await waitFor('MariaDB', () => existsSync(socket), () => output);
    const dbPassword = randomBytes(12).toString('hex');
    run('/usr/bin/mariadb', ['--no-defaults', '-S', socket, '-u', 'root', '-e',
      `CREATE DATABASE wordpress; CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '${dbPassword}'; GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';`]);

    // wp-content of the site's own: the plugin copied in, Debian's theme and translations linked.
    const content = join(dir, 'wp-content');
    mkdirSync(join(content, 'plugins'), { recursive: true });
    cpSync(join(root, 'integrations/wordpress/e-service-kit'), join(content, 'plugins/e-service-kit'), { recursive: true });
    symlinkSync(join(WORDPRESS, 'wp-content/themes'), join(content, 'themes'));
    symlinkSync(join(WORDPRESS, 'wp-content/languages'), join(content, 'languages'));
    mkdirSync(join(content, 'uploads'));
    chownSync(join(content, 'uploads'), 33, 33);

    const port = await freePort();
    const url = `http://localhost:${port}`;
    const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT']
      .map((key) => `define('${key}', '${randomBytes(24).toString('hex')}');`).join('\n');
    const extra = Object.entries(constants).map(([key, value]) => `define('${key}', ${typeof value === 'boolean' ? value : phpString(value)});`).join('\n');
    writeFileSync(configFile, `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '${dbPassword}');
define('DB_HOST', ${phpString(`localhost:${socket}`)});
define('WP_HOME', '${url}');
define('WP_SITEURL', '${url}');
define('WP_CONTENT_DIR', ${phpString(content)});
define('WP_CONTENT_URL', '${url}/wp-content');
${salts}
// The machine has no network: WordPress may reach only loopback (the e-service server), so no
// admin screen waits for wordpress.org.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', ${phpString(join(dir, 'php-errors.log'))});
${extra}
`);

    // Apache with mod_php, serving Debian's WordPress and the site's wp-content.
    const apacheConfig = join(dir, 'apache.conf');
    writeFileSync(apacheConfig, `
ServerRoot /etc/apache2
ServerName localhost
Listen 127.0.0.1:${port}
PidFile ${dir}/apache.pid
DefaultRuntimeDir ${dir}
ErrorLog ${dir}/apache-error.log
LogLevel warn
User www-data
Group www-data
LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule env_module /usr/lib/apache2/modules/mod_env.so
LoadModule php_module ${module}
StartServers 2
MinSpareServers 2
MaxSpareServers 4
TypesConfig /etc/mime.types
DocumentRoot ${WORDPRESS}
DirectoryIndex index.php index.html
Alias /wp-content ${content}
SetEnv WORDPRESS_CONFIG ${name}
<Directory />
  Require all denied
</Directory>
<Directory ${WORDPRESS}>
  Options FollowSymLinks
  Require all granted
</Directory>
<Directory ${content}>
  Options FollowSymLinks
  Require all granted
</Directory>
<Directory /usr/share/wordpress/wp-content>
  Require all granted
</Directory>
<FilesMatch "\\.php$">
  SetHandler application/x-httpd-php
</FilesMatch>
`);
    // A process group of its own: Apache ends by signalling its whole group, which would otherwise be ours.
    const web = spawn(apache, ['-f', apacheConfig, '-DFOREGROUND'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    collect(web);
    await waitFor('Apache', async () => {
      try {
        await fetch(`${url}/wp-includes/images/blank.gif`);
        return true;
      } catch {
        return false;
      }
    }, () => output);

    const users = JSON.parse(run(php, [join(root, 'test/e2e/wordpress/setup.php')],
      JSON.stringify({ password: PASSWORD, users: { redaktor: 'editor', skribent: 'author' } }),
      { WORDPRESS_CONFIG: name, HTTP_HOST: `localhost:${port}` })) as Record<string, number>;
    const errors = () => {
      const read = (file: string) => (existsSync(file) ? spawnSync('cat', [file], { encoding: 'utf8' }).stdout : '');
      return read(join(dir, 'apache-error.log')) + read(join(dir, 'php-errors.log'));
    };
    return { url, users, errors, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
