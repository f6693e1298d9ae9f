// Helpers for the project's scripts. Node built-ins only: these run before anything is installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

/** Runs a command with the terminal attached; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(1);
    });
  });
}

/** Installs the npm packages when node_modules is missing or older than package-lock.json. */
export function ensureInstall() {
  const lock = join(root, 'package-lock.json');
  const installed = join(root, 'node_modules', '.package-lock.json');
  const fresh = existsSync(installed) && existsSync(lock) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs;
  if (fresh) return;
  console.log('Installing dependencies (npm ci)…');
  const result = spawnSync('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm could not install the dependencies; see the messages above.');
    process.exit(result.status ?? 1);
  }
}

export const bin = (name) => join(root, 'node_modules', '.bin', name);

/**
 * Installs Debian's packages for commands the tests run (as root, where apt-get works), when a command is missing.
 * `commands` maps each command to the package that brings it. Returns whether every command is there after.
 */
export function ensureDebianCommands(commands, purpose) {
  const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  const missing = [...new Set(Object.entries(commands).filter(([command]) => !has(command)).map(([, pkg]) => pkg))];
  if (missing.length === 0) return true;
  if (process.getuid?.() === 0) {
    console.log(`Installing Debian's ${missing.join(' ')} for ${purpose}…`);
    spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`], { stdio: 'inherit' });
    if (Object.keys(commands).every(has)) return true;
  }
  console.error(`${purpose} need ${missing.join(' and ')}: install them (on Debian: apt-get install ${missing.join(' ')}).`);
  return false;
}
