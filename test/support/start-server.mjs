// Starts the real reference backend as a child process for the browser and end-to-end tests.
import { spawn } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;

/**
 * @param {Record<string, string>} env settings for the server (PORT=0 picks a free port)
 * @returns {Promise<{ url: string, stop: () => Promise<void>, kill: () => Promise<void>, output: () => string }>}
 */
export function startServer(env = {}) {
  // --liftoff-only: a test's server lives for seconds, in which optimising PGlite's WebAssembly costs more than it wins
  // (scripts/test.mjs).
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--liftoff-only', '--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', DATA_DIR: ':memory:', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/running at (http:\/\/\S+?)\/?\s/);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          output: () => output,
          /** SIGKILL, as a crash or an out-of-memory kill ends it: nothing is finished or handed back. */
          kill: () =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
          // SIGTERM, as a process manager stops it; should it not end within 20 s, SIGKILL — a test
          // must fail on what it checks, never hang on a server that would not stop.
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
              child.once('exit', () => {
                clearTimeout(kill);
                done();
              });
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before it started:\n${output}`));
    });
  });
}
