import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceDefinition } from '../src/contract/definition.js';
import { STRESS_SERVICE_ID, stressDefinition } from './stress-definition.js';

export * from './stress-definition.js';

/**
 * Writes the stress definition, checked by the contract's schema, as `<dir>/stress-300.json`:
 * the folder the bench page serves it from, or a SERVICES_DIR for the reference backend.
 *
 *   npx tsx bench/write-stress-definition.ts /tmp/stress && SERVICES_DIR=/tmp/stress npm run serve
 */
export function writeStressDefinition(dir: string): { path: string; json: string; questions: number } {
  const definition = ServiceDefinition.parse(stressDefinition());
  const json = JSON.stringify(definition);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${STRESS_SERVICE_ID}.json`);
  writeFileSync(path, json);
  return { path, json, questions: definition.steps.reduce((sum, step) => sum + step.fields.length, 0) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Usage: tsx bench/write-stress-definition.ts <folder>');
    process.exit(2);
  }
  const { path, questions } = writeStressDefinition(dir);
  console.log(`Wrote ${path} (${questions} questions)`);
}
