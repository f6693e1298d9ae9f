// Builds what the browser bench serves: the stress e-services as the kit's JSON and as SurveyJS's,
// and one page per library (esbuild, minified, code split as a production build is; Lit in
// production mode), each with its own HTML. Returns the folder to serve.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const peers = (root) => join(root, 'bench', 'peers', 'node_modules');

export async function buildBench(root, out) {
  const common = { bundle: true, logLevel: 'warning', absWorkingDir: root, tsconfig: join(root, 'tsconfig.json') };
  await build({
    ...common,
    entryPoints: ['bench/browser/definitions.ts'],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: join(out, 'node', 'definitions.mjs'),
  });
  const definitions = await import(pathToFileURL(join(out, 'node', 'definitions.mjs')).href);
  const www = join(out, 'www');
  const forms = definitions.writeBenchDefinitions(www);

  const page = (entry, dir) =>
    build({
      ...common,
      entryPoints: [entry],
      platform: 'browser',
      format: 'esm',
      splitting: true,
      target: 'es2022',
      // Unminified only for reading a profile (BENCH_MINIFY=0); the figures are taken minified.
      minify: process.env.BENCH_MINIFY !== '0',
      conditions: ['production'],
      nodePaths: [peers(root)],
      define: { 'process.env.NODE_ENV': '"production"' },
      outdir: join(www, dir),
      entryNames: 'page',
    });
  await page('bench/browser/kit-page.ts', 'kit');
  await page('bench/browser/surveyjs-page.ts', 'surveyjs');
  copyFileSync(join(peers(root), 'survey-core', 'survey-core.fontless.min.css'), join(www, 'surveyjs', 'survey-core.min.css'));
  const html = (title, head, dir) =>
    `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">${head}</head>` +
    `<body><main></main><script type="module" src="/${dir}/page.js"></script></body></html>`;
  mkdirSync(www, { recursive: true });
  writeFileSync(join(www, 'kit.html'), html('e-service-kit bench', '', 'kit'));
  writeFileSync(join(www, 'surveyjs.html'), html('SurveyJS bench', '<link rel="stylesheet" href="/surveyjs/survey-core.min.css">', 'surveyjs'));
  return { www, forms };
}
