// Builds the kit: the one-file bundle, one module per element, type declarations, custom-elements.json and the
// React and Vue types generated from it.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFrameworkTypes } from './framework-types.mjs';
import { bin, root, run } from './lib.mjs';

rmSync(join(root, 'dist'), { recursive: true, force: true });
const steps = [
  ['one-file bundle', bin('vite'), ['build', '--mode', 'bundle', '--logLevel', 'warn']],
  ['per-element modules', bin('vite'), ['build', '--mode', 'elements', '--logLevel', 'warn']],
  ['type declarations', bin('tsc'), ['-p', 'tsconfig.build.json']],
  ['custom-elements.json', bin('cem'), ['analyze', '--litelement', '--globs', 'src/elements/**/*.component.ts', '--quiet']],
];
for (const [what, command, args] of steps) {
  const code = await run(command, args);
  if (code !== 0) {
    console.error(`Build failed at: ${what}`);
    process.exit(code);
  }
}
// React's and Vue's types for the tags, from the manifest just written (e-service-kit/react, e-service-kit/vue).
writeFrameworkTypes(root);
console.log('Built dist/e-service-kit.js, dist/elements/, dist/types/ (with react.d.ts and vue.d.ts) and custom-elements.json');
// For the copy-paste snippet (docs/embedding.md): the browser refuses the file if it is not these bytes.
const integrity = `sha384-${createHash('sha384').update(readFileSync(join(root, 'dist', 'e-service-kit.js'))).digest('base64')}`;
console.log(`Subresource integrity of dist/e-service-kit.js: integrity="${integrity}" crossorigin="anonymous"`);
