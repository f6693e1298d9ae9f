import remapping from '@jridgewell/remapping';
import { transform } from 'esbuild';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * `vite build --mode bundle`: dist/e-service-kit.js, every element in one file to paste with a script tag;
 *   what only some pages need (the English texts, the QR code renderer, the session timeout dialog, file questions)
 *   sits beside it in dist/chunks/ and is fetched when first used.
 * `vite build --mode elements`: dist/elements/<name>.js, one ES module entry per element, sharing chunks.
 * Any other mode (Storybook) gets the plain config.
 */
/** Modules the one-file kit fetches only when a page needs them (see src/index.ts and the dynamic imports). */
const LATER = /lean-qr|elements\/e-service-form\/drafts\.ts|components\/bankid\/bankid-flow\.ts|i18n\/messages\.(en|my-pages)|components\/session-timeout|components\/status-tag|components\/fields\/(define-)?file-field|client\/uploads|(client|contract)\/cosign\.|elements\/(my-cases|case-messages|my-profile|cosign-status)\//;

const ELEMENTS = ['e-service-form', 'e-service-config', 'eid-login', 'my-cases', 'case-messages', 'my-profile', 'cosign-status'];

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

export default defineConfig(({ mode }): UserConfig => {
  const common: UserConfig = { publicDir: false, plugins: [esbuildMinify()] };
  if (mode === 'bundle') {
    return {
      ...common,
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        // esbuildMinify() does it, better.
        minify: true,
        sourcemap: true,
        lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'e-service-kit.js' },
        rolldownOptions: {
          output: {
            chunkFileNames: 'chunks/[name]-[hash].js',
            // Everything a page loads at once in one shared chunk beside the entry, rather than the
            // bundler's many small ones (each costs its wrapper and compresses on its own): only
            // what is fetched later stays apart.
            codeSplitting: { groups: [{ name: 'kit', test: (id: string) => !LATER.test(id) }] },
          },
        },
      },
    };
  }
  if (mode === 'elements') {
    return {
      ...common,
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
          output: {
            chunkFileNames: 'chunks/[name]-[hash].js',
            // What five or more elements load at once in shared chunks: fewer, larger files compress better
            // each (measured on <e-service-form>: 10 files, 46.5 KB brotli → 6 files, 44.8 KB; <my-cases> and
            // <cosign-status> 2 KB less). What six share — Lit, zod, the texts and calls of the login — is a
            // chunk of its own, so that <eid-login> and <e-service-config> do not load what only the form and
            // Mina sidor's widgets share (the definition's schemas, the form's texts and styles): <eid-login>
            // 29.2 → 21.2 KB, <e-service-config> 26.9 → 19.2 KB, every other element 0.5 KB more.
            codeSplitting: {
              groups: [
                { name: 'base', test: (id: string) => !LATER.test(id), minShareCount: 6 },
                { name: 'shared', test: (id: string) => !LATER.test(id), minShareCount: 5 },
              ],
            },
          },
        },
      },
    };
  }
  return common;
});
