import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = new URL('../..', import.meta.url).pathname;

/** The server's modules and the modules each imports a value from (imports of types only are left out: they vanish at run time). */
function valueImports(folder: string): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) files.push(resolve(path));
    }
  };
  walk(join(root, folder));
  const imports = new Map<string, string[]>();
  for (const file of files) {
    const found: string[] = [];
    for (const [, bindings, from] of readFileSync(file, 'utf8').matchAll(/^import\s+(?!type\b)([^;]*?)\s+from\s+'(\.[^']+)'/gm)) {
      const named = /\{([^}]*)\}/.exec(bindings!)?.[1]?.split(',').map((name) => name.trim()).filter((name) => name && !name.startsWith('type ')) ?? [];
      const bare = bindings!.replace(/\{[^}]*\}/, '').replace(/,/g, '').trim();
      if (bare || named.length > 0) found.push(resolve(dirname(file), from!.replace(/\.js$/, '.ts')));
    }
    imports.set(file, found);
  }
  return imports;
}

function cycles(imports: Map<string, string[]>): string[] {
  const found = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of imports.get(file) ?? []) {
      if (!imports.has(next)) continue;
      if (state.get(next) === 'open') found.add(path.slice(path.indexOf(next)).map((name) => relative(root, name)).join(' → '));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of imports.keys()) if (!state.has(file)) visit(file);
  return [...found];
}

describe('the server’s modules', () => {
  it('import one another in one direction only: no module needs, through others, itself', () => {
    // Services compose in one direction (routes → services → store); a circle makes the order modules
    // load in decide what is undefined at run time, and hides which of them owns a rule.
    assert.deepEqual(cycles(valueImports('server')), []);
  });
});
