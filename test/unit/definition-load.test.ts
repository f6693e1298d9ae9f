import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readDemoDefinitions } from '../../server/services/definitions.js';
import felanmalan from '../../server/demo-services/felanmalan.json' with { type: 'json' };

/** What the server says when it starts with SERVICES_DIR holding this file (readDemoDefinitions is what it runs). */
async function refusalOf(name: string, text: string): Promise<{ file: string; message: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'esk-definitions-'));
  try {
    await writeFile(join(dir, name), text);
    const message = await readDemoDefinitions(dir).then(() => '', (error: Error) => error.message);
    return { file: join(dir, name), message };
  } finally {
    await rm(dir, { recursive: true });
  }
}

describe('a broken definition in SERVICES_DIR', () => {
  it('is refused with the file and each mistake on its line, at its JSON path', async () => {
    const definition = structuredClone(felanmalan) as unknown as { caseNumberPrefix: string; steps: { fields: Record<string, unknown>[] }[] };
    definition.caseNumberPrefix = 'fel';
    definition.steps[0]!.fields[1]!.maxLength = -5;
    const { file, message } = await refusalOf('felanmalan.json', JSON.stringify(definition));
    const [first, ...mistakes] = message.split('\n');
    assert.equal(first, `${file} is not a valid e-service definition:`);
    assert.ok(mistakes.some((line) => line.startsWith('  caseNumberPrefix: ')), message);
    assert.ok(mistakes.some((line) => line.startsWith('  steps[0].fields[1]')), message);
    assert.ok(mistakes.every((line) => /^ {2}\S/.test(line)), 'one mistake per line');
  });

  it('that is not JSON at all names the file and where the JSON breaks', async () => {
    const { file, message } = await refusalOf('trasig.json', '{ "id": "trasig", }');
    assert.ok(message.startsWith(`${file} is not JSON: `), message);
    assert.match(message, /position|line|column|Unexpected/i);
  });
});
