import remapping from '@jridgewell/remapping';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { transform } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * `vite build --mode bundle`: dist/e-service-kit.js, every element in one file to paste with a script tag;
 *   what only some pages need (the English texts, the QR code renderer, the session timeout dialog, file questions)
 *   sits beside it in dist/chunks/ and is fetched when first used.
 * `vite build --mode elements`: dist/elements/<name>.js, one ES module entry per element, sharing chunks.
 * Any other mode (Storybook) gets the plain config.
 */
/** Modules the one-file kit fetches only when a page needs them (see src/index.ts and the dynamic imports). */
const LATER = /lean-qr|elements\/e-service-form\/drafts\.ts|components\/bankid\/bankid-flow\.ts|i18n\/messages\.(en|my-pages)|components\/session-timeout|components\/status-tag|components\/fields\/(define-)?file-field|components\/fields\/(define-group-and-address|group-field|address-field)|client\/uploads|client\/my-pages|client\/checks\/(my-pages|cosign|attachments)|(client|contract)\/cosign\.|elements\/(my-cases|case-messages|my-profile|cosign-status)\//;

/**
 * The parts of @lit/context that only <e-service-config> uses (it provides the configuration; the others consume it).
 * Every element imports the package's index, which imports them all, so by the import graph alone they would sit in
 * the chunks every element loads.
 */
const PROVIDER_ONLY = /@lit[\\/]context[\\/]lib[\\/](controllers[\\/]context-provider|value-notifier|decorators[\\/]provide)\.js$/;

const ELEMENTS = ['e-service-form', 'e-service-config', 'eid-login', 'my-cases', 'case-messages', 'my-profile', 'cosign-status'];

/** The elements' entry modules: each stays its element's file, never taken into a shared chunk (which would then be that file). */
const ENTRIES = new Set(ELEMENTS.map((name) => fileURLToPath(new URL(`src/elements/${name}/${name}.ts`, import.meta.url))));

const KIT_ENTRY = fileURLToPath(new URL('src/index.ts', import.meta.url));
const FORM_ENTRY = fileURLToPath(new URL('src/elements/e-service-form/e-service-form.ts', import.meta.url));
const LOGIN_ENTRY = fileURLToPath(new URL('src/elements/eid-login/eid-login.ts', import.meta.url));

type ChunkingContext = { getModuleInfo(id: string): { importedIds: readonly string[] } | null };
const graphs = new WeakMap<ChunkingContext, Map<string, Set<string>>>();

/** Every module an entry imports statically, directly or through others: what a page with it alone loads at once. */
function loadedAtOnceBy(entry: string, ctx: ChunkingContext): Set<string> {
  let byEntry = graphs.get(ctx);
  if (!byEntry) graphs.set(ctx, (byEntry = new Map()));
  let found = byEntry.get(entry);
  if (found) return found;
  found = new Set();
  const visit = (id: string) => {
    if (found!.has(id)) return;
    found!.add(id);
    for (const imported of ctx.getModuleInfo(id)?.importedIds ?? []) visit(imported);
  };
  visit(entry);
  byEntry.set(entry, found);
  return found;
}

/**
 * After the bundler's own minifier, esbuild minifies each chunk once more: on this kit that takes
 * another 1.5 KB off the brotli size of the one-file bundle (measured: 35.6 → 34.1 KB). The source
 * maps are chained, so they still point into src/.
 */
function esbuildMinify(): Plugin {
  return {
    name: 'esk-esbuild-minify',
    apply: 'build',
    async generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const result = await transform(chunk.code, {
          minify: true, format: 'esm', target: 'es2022', sourcemap: 'external', legalComments: 'none',
        });
        const mapAsset = bundle[`${chunk.fileName}.map`];
        const name = chunk.fileName.split('/').pop();
        chunk.code = mapAsset ? `${result.code}//# sourceMappingURL=${name}.map\n` : result.code;
        const previous = chunk.map ?? (mapAsset?.type === 'asset' ? JSON.parse(String(mapAsset.source)) : undefined);
        if (!previous) continue;
        const chained = remapping([JSON.parse(result.map), previous], () => null);
        if (chunk.map) Object.assign(chunk.map, chained);
        if (mapAsset?.type === 'asset') mapAsset.source = JSON.stringify(chained);
      }
    },
  };
}

/** lightningcss's targets for esbuild's es2022 (Chrome 94, Firefox 93, Safari 16.4), as vite converts build.target. */
const ES2022_BROWSERS = { chrome: 94 << 16, edge: 94 << 16, firefox: 93 << 16, opera: 80 << 16, safari: (16 << 16) | (4 << 8), ios_saf: (16 << 16) | (4 << 8) };

/**
 * Minifies the static text of Lit's html`…` and css`…` literals in src/ before the bundler sees them, with the Lit
 * team's plugin (html-minifier-next for the markup, lightningcss, vite's own CSS minifier, for the styles). The
 * markup loses indentation and newlines: a run of whitespace between inline content or a `${…}` becomes one space,
 * and only whitespace next to a block element (a div, a p, a fieldset) goes entirely; `.prop=`, `?attr=` and
 * `@event=` bindings stay as they are (their values quoted). The styles lose comments and spaces and are written
 * shorter (`0.5em` → `.5em`), for the browsers of build.target es2022, as vite gives lightningcss for a .css file:
 * without targets it writes newer syntax, such as `@media (width<=40em)` for `(max-width: 40em)`, which Chrome before
 * 104 ignores. A template it cannot minify fails the build rather than ship unminified. Each part of a literal is
 * rewritten in place (magic-string), so the source maps still point into src/. Measured (brotli, at once): the
 * whole kit 34 420 → 33 999 bytes, `<e-service-form>` 34 044 → 33 632, `<eid-login>` 15 268 → 15 147.
 */
function minifyTemplateLiterals(): Plugin {
  // Rollup's plugin type, and a hook of the same shape for vite's (rolldown's).
  type Transform = Extract<NonNullable<Plugin['transform']>, (...args: never[]) => unknown>;
  const plugin = minifyHtmlLiterals({
    include: [fileURLToPath(new URL('src/**/*.ts', import.meta.url))],
    failOnError: true,
    options: { minifyOptions: { minifyCSS: { targets: ES2022_BROWSERS } } },
  });
  const minify = plugin.transform as unknown as Transform;
  return {
    name: plugin.name,
    apply: 'build',
    // Parsing a module with TypeScript to find its literals takes time: only those with one are.
    transform(code, id) {
      return /\b(html|css|svg)`/.test(code) ? minify.call(this, code, id) : null;
    },
  };
}

export default defineConfig(({ mode }): UserConfig => {
  const common: UserConfig = { publicDir: false, plugins: [esbuildMinify()] };
  if (mode === 'bundle') {
    return {
      ...common,
      plugins: [minifyTemplateLiterals(), ...common.plugins!],
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        // esbuildMinify() does it, better.
        minify: true,
        sourcemap: true,
        lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'e-service-kit.js' },
        rolldownOptions: {
          // As in the per-element build (below): the one-file kit's at-once chunk merges into its entry.
          preserveEntrySignatures: 'allow-extension',
          output: {
            chunkFileNames: 'chunks/[name]-[hash].js',
            // Everything a page loads at once (the modules the entry imports statically) in one shared
            // chunk beside the entry, rather than the bundler's many small ones (each costs its wrapper and
            // compresses on its own): what is fetched later stays apart. By the import graph rather than
            // LATER alone, so that a module only fetched modules use is never loaded at once by mistake.
            codeSplitting: { groups: [{ debugName: 'kit', name: (id, ctx) => (!LATER.test(id) && loadedAtOnceBy(KIT_ENTRY, ctx).has(id) ? 'kit' : null) }] },
          },
        },
      },
    };
  }
  if (mode === 'elements') {
    return {
      ...common,
      plugins: [minifyTemplateLiterals(), ...common.plugins!],
      build: {
        outDir: 'dist/elements',
        emptyOutDir: false,
        target: 'es2022',
        // esbuildMinify() does it, better.
        minify: true,
        sourcemap: true,
        lib: {
          entry: Object.fromEntries(ELEMENTS.map((name) => [name, `src/elements/${name}/${name}.ts`])),
          formats: ['es'],
          fileName: (_format, name) => `${name}.js`,
        },
        rolldownOptions: {
          // A module only an element and its own lazy parts use stays in the element's file, which those parts import
          // from, rather than in a small chunk of its own (each file costs its wrapper and compresses apart): the
          // form's first load 10 files and 31 813 bytes brotli → 5 and 30 532, Mina sidor's widgets 3–4 KB less.
          preserveEntrySignatures: 'allow-extension',
          output: {
            chunkFileNames: 'chunks/[name]-[hash].js',
            // Shared chunks rather than the bundler's many small ones: fewer, larger files compress better
            // each (measured on <e-service-form>: 10 files, 46.5 KB brotli → 6 files, 44.8 KB; <my-cases> and
            // <cosign-status> 2 KB less). 'base' is what both <eid-login> and <e-service-form> load at once (Lit,
            // the checks, the config, the shared styles); 'login' the rest of what <eid-login> loads and three
            // or more elements share (the session store, the login and its texts), so that the form, which
            // fetches the login only for e-services with e-ID, does not carry it; 'shared' the rest of what the
            // form loads at once that anything else imports too (its fields' helpers, the client, the styles), so
            // that the form loads three files; 'widgets' what five or more of the others share, which the form
            // does not load at once (a chunk of both had the form carry Mina sidor's status words and error summary).
            // Measured (brotli, <eid-login> / <e-service-form>): 'base' of what six share, as before, 14.5 / 35.7
            // KB (the login in 5 files); the login's whole graph, 14.0 / 37.1 (every element loads the login); the
            // login's graph shared by three, 14.2 / 36.0; 'base', 'login' and one 'shared' of what five share, 14.8
            // / 34.0; the form's 'shared' apart from 'widgets', 14.7 / 26.7 (against 27.3 KB with one chunk of both).
            codeSplitting: {
              groups: [
                { debugName: 'base', name: (id, ctx) => (!LATER.test(id) && !PROVIDER_ONLY.test(id) && loadedAtOnceBy(LOGIN_ENTRY, ctx).has(id) && loadedAtOnceBy(FORM_ENTRY, ctx).has(id) ? 'base' : null) },
                { debugName: 'login', name: (id, ctx) => (!LATER.test(id) && !PROVIDER_ONLY.test(id) && !ENTRIES.has(id) && loadedAtOnceBy(LOGIN_ENTRY, ctx).has(id) ? 'login' : null), minShareCount: 3 },
                { debugName: 'shared', name: (id, ctx) => (!LATER.test(id) && !PROVIDER_ONLY.test(id) && loadedAtOnceBy(FORM_ENTRY, ctx).has(id) ? 'shared' : null), minShareCount: 2 },
                { name: 'widgets', test: (id: string) => !LATER.test(id) && !PROVIDER_ONLY.test(id), minShareCount: 5 },
              ],
            },
          },
        },
      },
    };
  }
  return common;
});
