import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const root = new URL('../..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  dependencies?: Record<string, string>; exports: Record<string, unknown>; sideEffects?: string[] | boolean;
};

/** A sideEffects pattern as bundlers read it: `*` within one folder, `**` across folders. */
const pattern = (glob: string) => new RegExp(`^${glob.replace(/^\.\//, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&')
  .replace(/\*\*\//g, '(?:.*/)?').replace(/\*/g, '[^/]*')}$`);

/** What `npm pack` would publish (after `npm run build`): the file list npm itself reports. */
function packed(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path);
}

/** Bare module names a file imports ('lit', 'zod/mini' → 'zod'); relative imports are the package's own. */
function bareImports(file: string): string[] {
  const read = readFileSync(`${root}${file}`, 'utf8');
  // The types keep the source's doc comments, whose words may read like an import (… from "Ändra …"): not code.
  const text = file.endsWith('.d.ts') ? read.replace(/\/\*\*[\s\S]*?\*\//g, '') : read;
  const names = [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'".][^'"]*)['"]/g)].map((match) => match[1]!);
  return names.map((name) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!));
}

describe('the package a site installs (npm pack)', () => {
  const files = packed();

  it('holds the one-file kit, an entry per element, their types and custom-elements.json, and nothing of the server', () => {
    for (const needed of ['dist/e-service-kit.js', 'dist/elements/e-service-form.js', 'dist/elements/eid-login.js', 'dist/types/index.d.ts',
      'dist/types/react.d.ts', 'dist/types/vue.d.ts', 'custom-elements.json']) {
      assert.ok(files.includes(needed), `${needed} is packed`);
    }
    const foreign = files.filter((file) => /^(server|src|test|stories|scripts|demo|data)\//.test(file));
    assert.deepEqual(foreign, []);
  });

  it('exports the React and Vue types (e-service-kit/react, e-service-kit/vue), each packed', () => {
    for (const [entry, file] of [['./react', 'dist/types/react.d.ts'], ['./vue', 'dist/types/vue.d.ts']] as const) {
      assert.deepEqual(manifest.exports[entry], { types: `./${file}` });
      assert.ok(files.includes(file), `${file} is packed`);
    }
  });

  it('depends at run time on exactly what its code and types import, none of the reference server’s libraries', () => {
    const declared = Object.keys(manifest.dependencies ?? {});
    // What a dependency brings along (lit brings lit-html, which emitted types may name) needs no line of its own.
    const brought = new Set(declared.flatMap((name) => Object.keys(
      (JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {})));
    // The React and Vue types name their framework, which the app that uses them has: no dependency of the kit.
    const frameworkTypes: Record<string, string> = { 'dist/types/react.d.ts': 'react', 'dist/types/vue.d.ts': 'vue' };
    for (const [file, framework] of Object.entries(frameworkTypes)) assert.deepEqual(bareImports(file), [framework], `${file} imports only ${framework}`);
    const imported = new Set(files.filter((file) => /\.(js|d\.ts)$/.test(file) && !(file in frameworkTypes))
      .flatMap(bareImports).filter((name) => !brought.has(name)));
    assert.deepEqual(declared.sort(), [...imported].sort());
    for (const server of ['fastify', '@electric-sql/pglite', 'pg', 'nodemailer', 'node-forge', 'file-type', 'tsx']) {
      assert.ok(!(server in (manifest.dependencies ?? {})), `${server} does not come with the kit`);
    }
  });

  it('names every packed script as having side effects, so that a site’s bundler keeps what registers the elements', () => {
    // Every built file defines an element or is imported for what it sets up; sideEffects: false would let a
    // bundler drop them from a site's build, and the tags would stay empty. Nothing else in the package runs.
    assert.ok(Array.isArray(manifest.sideEffects), 'sideEffects lists the files');
    const patterns = (manifest.sideEffects as string[]).map(pattern);
    const scripts = files.filter((file) => file.endsWith('.js'));
    assert.ok(scripts.length > 10);
    assert.deepEqual(scripts.filter((file) => !patterns.some((glob) => glob.test(file))), []);
    assert.deepEqual(files.filter((file) => file.endsWith('.d.ts') && patterns.some((glob) => glob.test(file))), [], 'type declarations run nothing');
  });
});
