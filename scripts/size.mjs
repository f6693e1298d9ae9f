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

/** Every chunk an entry may fetch later (a dynamic import), with what those import in turn, minus what it loads at once. */
export function lazyChunks(entry) {
  const eager = new Set(entryWithChunks(entry));
  const lazy = new Set();
  const visit = (file) => {
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/import\(\s*["'](\.\.?\/[^"']+\.js)["']\s*\)/g)) {
      for (const found of entryWithChunks(join(file, '..', match[1]))) {
        if (eager.has(found) || lazy.has(found)) continue;
        lazy.add(found);
        visit(found);
      }
    }
  };
  for (const file of eager) visit(file);
  return [...lazy];
}

const total = (files) => files.map(sizes).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });

function main() {
  if (!existsSync(join(dist, 'e-service-kit.js'))) {
    console.error('Nothing built yet: run `npm run build` first.');
    process.exit(1);
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
  console.log(`${'what a page loads at once (then fetched when needed)'.padEnd(52)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`);
  const row = (name, s) => console.log(`${name.padEnd(52)} ${kb(s.raw)} ${kb(s.gzip)} ${kb(s.brotli)}`);
  const entry = (name, file) => {
    const eager = entryWithChunks(file);
    row(`${name} (with ${eager.length - 1} chunk${eager.length === 2 ? '' : 's'})`, total(eager));
    for (const lazy of lazyChunks(file)) row(`  later: ${relative(dist, lazy)}`, sizes(lazy));
  };
  entry('e-service-kit.js (every element)', join(dist, 'e-service-kit.js'));
  const elements = join(dist, 'elements');
  for (const name of readdirSync(elements).filter((f) => f.endsWith('.js')).sort()) entry(`elements/${name}`, join(elements, name));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
