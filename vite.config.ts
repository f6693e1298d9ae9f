import { defineConfig, type UserConfig } from 'vite';

/**
 * `vite build --mode bundle`: dist/e-service-kit.js, every element in one file to paste with a script tag.
 * `vite build --mode elements`: dist/elements/<name>.js, one ES module entry per element, sharing chunks.
 * Any other mode (Storybook) gets the plain config.
 */
const ELEMENTS = ['e-service-form', 'e-service-config'];

export default defineConfig(({ mode }): UserConfig => {
  const common: UserConfig = { publicDir: false };
  if (mode === 'bundle') {
    return {
      ...common,
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        sourcemap: true,
        lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'e-service-kit.js' },
        rolldownOptions: { output: { codeSplitting: false } },
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
        minify: true,
        sourcemap: true,
        lib: {
          entry: Object.fromEntries(ELEMENTS.map((name) => [name, `src/elements/${name}/${name}.ts`])),
          formats: ['es'],
          fileName: (_format, name) => `${name}.js`,
        },
        rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
      },
    };
  }
  return common;
});
