// `npm run bench [-- browser|server|data]`: the benchmarks, each printing its own table.
//   browser (default)  <e-service-form> with long e-services in Chromium, beside its peers
//   server             cases and drafts per second on PGlite and PostgreSQL, beside pgbench
//   data               periodic jobs and requests at 10 000 and 1 000 000 cases on PostgreSQL
import { ensureInstall, root, run } from './lib.mjs';
import { join } from 'node:path';

const which = process.argv[2] ?? 'browser';
const benches = {
  browser: [process.execPath, [join(root, 'scripts', 'bench-browser.mjs')]],
  server: [process.execPath, ['--import', 'tsx', join(root, 'bench', 'server.ts')]],
  data: [process.execPath, ['--import', 'tsx', join(root, 'bench', 'data.ts')]],
};
const bench = benches[which];
if (!bench) {
  console.error(`npm run bench -- ${which}: no such bench; choose one of ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
ensureInstall();
process.exitCode = await run(bench[0], [...bench[1], ...process.argv.slice(3)]);
