import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

/**
 * The Swedish texts are split into catalogues by who shows them (src/i18n/messages*.ts and the timeout
 * dialog's own), each adding itself when imported, so that a page loads only the texts of what it shows.
 * The rule that keeps that safe: a module that names a text imports (itself or through what it imports)
 * the catalogue that holds it. Otherwise the text shows as its key — "draft.saved" — whenever that module
 * is loaded without the one that happened to import the catalogue, as a lazily fetched part is.
 */

const root = new URL('../..', import.meta.url).pathname;
const src = join(root, 'src');

function filesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesIn(path) : path.endsWith('.ts') ? [resolve(path)] : [];
  });
}

const files = filesIn(src);
const text = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));

/** The Swedish catalogues: the files that call addTexts('sv', …), with the keys each holds. */
const catalogues = new Map<string, Set<string>>();
for (const [file, code] of text) {
  if (!/addTexts\('sv',/.test(code)) continue;
  catalogues.set(file, new Set([...code.matchAll(/^\s+'([a-zA-Z]+\.[a-zA-Z0-9.]+)':/gm)].map((match) => match[1]!)));
}
const catalogueOf = new Map<string, string>();
for (const [file, keys] of catalogues) for (const key of keys) catalogueOf.set(key, file);

/** What a module imports of the kit's own modules, types left out (they vanish at run time); side-effect imports count. */
function imports(file: string): string[] {
  const code = text.get(file)!;
  const found: string[] = [];
  for (const [, bindings, from] of code.matchAll(/^import\s+(?!type\b)(?:([^;'"]*?)\s+from\s+)?'(\.[^']+)'/gm)) {
    const named = bindings && /\{([^}]*)\}/.exec(bindings)?.[1]?.split(',').map((name) => name.trim()).filter((name) => name && !name.startsWith('type '));
    const bare = bindings?.replace(/\{[^}]*\}/, '').replace(/,/g, '').trim();
    if (bindings === undefined || bare || (named && named.length > 0)) found.push(resolve(dirname(file), from!.replace(/\.js$/, '.ts')));
  }
  return found;
}

function closure(file: string): Set<string> {
  const seen = new Set<string>();
  const visit = (next: string) => {
    if (seen.has(next) || !text.has(next)) return;
    seen.add(next);
    for (const imported of imports(next)) visit(imported);
  };
  visit(file);
  return seen;
}

/** The texts a module names: every string in it that is a key of a catalogue, and the prefixes of keys it builds (`status.${…}`). */
function named(code: string): { keys: string[]; prefixes: string[] } {
  const keys = [...code.matchAll(/'([a-zA-Z]+\.[a-zA-Z0-9.]+)'/g)].map((match) => match[1]!).filter((key) => catalogueOf.has(key));
  const prefixes = [...code.matchAll(/`([a-zA-Z]+\.(?:[a-zA-Z0-9]+\.)*)\$\{/g)].map((match) => match[1]!)
    .filter((prefix) => [...catalogueOf.keys()].some((key) => key.startsWith(prefix)));
  return { keys, prefixes };
}

describe('the Swedish catalogues', () => {
  it('are found, and hold each key once', () => {
    assert.ok(catalogues.size >= 6, `${catalogues.size} catalogues`);
    const seen = new Map<string, string>();
    for (const [file, keys] of catalogues) {
      for (const key of keys) {
        assert.ok(!seen.has(key), `${key} is in ${relative(root, file)} and ${relative(root, seen.get(key) ?? '')}`);
        seen.set(key, file);
      }
    }
  });

  it('every module that names a text imports the catalogue that holds it', () => {
    const missing: string[] = [];
    for (const [file, code] of text) {
      if (catalogues.has(file) || file.endsWith('messages.en.ts')) continue;
      const { keys, prefixes } = named(code);
      if (keys.length === 0 && prefixes.length === 0) continue;
      const reached = closure(file);
      for (const key of new Set(keys)) {
        if (!reached.has(catalogueOf.get(key)!)) missing.push(`${relative(root, file)} names ${key} but does not import ${relative(root, catalogueOf.get(key)!)}`);
      }
      for (const prefix of new Set(prefixes)) {
        const holders = new Set([...catalogueOf].filter(([key]) => key.startsWith(prefix)).map(([, holder]) => holder));
        for (const holder of holders) {
          if (!reached.has(holder)) missing.push(`${relative(root, file)} builds ${prefix}… but does not import ${relative(root, holder)}`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });
});
