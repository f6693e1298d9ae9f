import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceDefinition } from '../../src/contract/definition.js';
import { STRESS_CONTROLLER, STRESS_FORMS, stressControlled, stressErrorTargets, stressForm, type StressFormId } from '../stress-definition.js';
import { surveyJsDefinition } from './surveyjs-definition.js';

export interface BenchForm {
  id: StressFormId;
  description: string;
  questions: number;
  steps: number;
  /** The first step's questions that `STRESS_CONTROLLER` shows. */
  controlled: string[];
  /** Questions whose error one typed character clears. */
  targets: { id: string; type: 'text' | 'textarea' | 'number' }[];
}

/** Writes each bench e-service as `<id>.json` (the kit's, checked by its schema) and `<id>.surveyjs.json`. */
export function writeBenchDefinitions(dir: string): BenchForm[] {
  mkdirSync(dir, { recursive: true });
  return (Object.keys(STRESS_FORMS) as StressFormId[]).map((id) => {
    const definition = ServiceDefinition.parse(stressForm(id));
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(definition));
    writeFileSync(join(dir, `${id}.surveyjs.json`), JSON.stringify(surveyJsDefinition(definition)));
    return {
      id,
      description: STRESS_FORMS[id],
      questions: definition.steps.reduce((sum, step) => sum + step.fields.length, 0),
      steps: definition.steps.length,
      controlled: stressControlled(definition).shown,
      targets: stressErrorTargets(definition),
    };
  });
}

export { STRESS_CONTROLLER };
