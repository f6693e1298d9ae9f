// `npm run size`: raw, gzip and brotli bytes of each file a page may load.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');

export function sizes(file) {
  const bytes = readFileSync(file);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** An element's entry and every chunk it imports, as a page would download them. */
export function entryWithChunks(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/(?:import|from)\s*["'](\.\/[^"']+\.js)["']/g)) visit(join(file, '..', match[1]));
  };
  visit(entry);
  return [...seen];
}

function main() {
  if (!existsSync(join(dist, 'e-service-kit.js'))) {
    console.error('Nothing built yet: run `npm run build` first.');
    process.exit(1);
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
  console.log(`${'file'.padEnd(44)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`);
  const row = (name, s) => console.log(`${name.padEnd(44)} ${kb(s.raw)} ${kb(s.gzip)} ${kb(s.brotli)}`);
  row('e-service-kit.js (every element)', sizes(join(dist, 'e-service-kit.js')));
  const elements = join(dist, 'elements');
  for (const name of readdirSync(elements).filter((f) => f.endsWith('.js')).sort()) {
    const files = entryWithChunks(join(elements, name));
    const total = files.map(sizes).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }));
    row(`elements/${name} (with its ${files.length - 1} chunk${files.length === 2 ? '' : 's'})`, total);
  }
  for (const chunk of readdirSync(join(elements, 'chunks')).filter((f) => f.endsWith('.js')).sort()) {
    row(`  ${relative(dist, join(elements, 'chunks', chunk))}`, sizes(join(elements, 'chunks', chunk)));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
