// `npm start`: install what is missing, build the kit, start the reference backend with the demo page.
import { spawn } from 'node:child_process';
import { ensureInstall, root, run } from './lib.mjs';

ensureInstall();
if ((await run(process.execPath, ['scripts/build.mjs'])) !== 0) process.exit(1);

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
