import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceDefinition } from '../src/contract/definition.js';
import { STRESS_FORMS, stressForm, type StressFormId } from './stress-definition.js';

export * from './stress-definition.js';

/**
 * Writes a stress definition, checked by the contract's schema, as `<dir>/<id>.json`: the folder
 * the bench page serves it from, or a SERVICES_DIR for the reference backend.
 *
 *   npx tsx bench/write-stress-definition.ts /tmp/stress && SERVICES_DIR=/tmp/stress npm run serve
 */
export function writeStressDefinition(dir: string, id: StressFormId = 'stress-300'): { path: string; json: string; questions: number } {
  const definition = ServiceDefinition.parse(stressForm(id));
  const json = JSON.stringify(definition);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${id}.json`);
  writeFileSync(path, json);
  return { path, json, questions: definition.steps.reduce((sum, step) => sum + step.fields.length, 0) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Usage: tsx bench/write-stress-definition.ts <folder>');
    process.exit(2);
  }
  for (const id of Object.keys(STRESS_FORMS) as StressFormId[]) {
    const { path, questions } = writeStressDefinition(dir, id);
    console.log(`Wrote ${path} (${questions} questions)`);
  }
}
