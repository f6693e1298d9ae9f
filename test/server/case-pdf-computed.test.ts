import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { answerWarnings } from '../../server/documents/answer-rows.js';
import type { Condition } from '../../src/contract/conditions.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import { evaluate } from '../../src/forms/conditions.js';
import { activeWarnings, endingOutcome } from '../../src/forms/outcomes.js';
import { viewForm } from '../../src/forms/visibility.js';
import { RECEIPT_TOKEN_HEADER, SubmitCaseResponse } from '../../src/contract/cases.js';
import { KIT_HEADERS, newKey, startTestBackend, type TestBackend } from '../support/backend.js';
import { inspectPdf, structureTypes } from './support/pdf-structure.js';

/**
 * The PDF of a sent "varmepump" notice (a demo e-service, server/demo-services/): the values computed over the
 * boreholes (Totalt borrdjup, Antal borrhål) follow their group with their labels and units, as the review shows
 * them, and each warning the citizen was shown — beside a top-level answer, and beside one borehole's depth inside
 * the repeating group — follows that answer, as on the review. Read back with pdftotext and qpdf.
 */
describe('the PDF of a case with computed values and warnings', () => {
  let backend: TestBackend;
  let sent: SubmitCaseResponse;
  before(async () => {
    backend = await startTestBackend();
    const response = await backend.app.inject({
      method: 'POST', url: '/api/cases', headers: { ...KIT_HEADERS, 'idempotency-key': newKey() },
      payload: {
        serviceId: 'varmepump', serviceVersion: 1, lang: 'sv',
        answers: { effekt: '12', borrhal: [{ djup: '120,5' }, { djup: '320' }], brunn: '25', fastighet: 'Exempelby Ängen 1:23' },
      },
    });
    assert.equal(response.statusCode, 201, response.body);
    sent = SubmitCaseResponse.parse(response.json());
  });
  after(() => backend?.close());

  const pdf = async (lang = '') => {
    const response = await backend.app.inject({
      method: 'GET', url: `/api/cases/${sent.receipt.caseNumber}/pdf${lang}`, headers: { [RECEIPT_TOKEN_HEADER]: sent.receiptToken },
    });
    assert.equal(response.statusCode, 200, response.body);
    return inspectPdf(response.rawPayload);
  };
  /** The text in reading order with its white space folded: layout's line breaks and wraps are not what is checked. */
  const folded = (text: string) => text.replace(/\s+/g, ' ');
  const inOrder = (text: string, parts: string[]) => {
    let at = -1;
    for (const part of parts) {
      const found = text.indexOf(part, at + 1);
      assert.ok(found > at, `“${part}” after “${text.slice(Math.max(0, at - 40), at + 40)}”\n${text}`);
      at = found;
    }
  };

  it('shows each computed value after its group, with its label and unit, as the review does', async () => {
    const facts = await pdf();
    const text = folded(facts.text);
    inOrder(text, ['Borrhålet', 'Borrhål', 'Borrhål 1', 'Djup', '120,5 m', 'Borrhål 2', 'Djup', '320 m',
      'Totalt borrdjup', '440,5 m', 'Antal borrhål', '2', 'Avstånd till närmaste brunn', '25 m']);
    // Still a tagged document: the computed values are list items of the answers like any other row.
    assert.equal(facts.untaggedText, 0);
    assert.deepEqual(facts.orphanMcids, []);
    assert.ok(structureTypes(facts.structure).includes('LBody'));
  });

  it('shows each warning after its answer: the well’s, and the one borehole’s inside the group, in the reader’s language', async () => {
    const text = folded((await pdf()).text);
    inOrder(text, ['Borrhål 2', 'Djup', '320 m', 'Varning: Ett borrhål djupare än 300 m är ovanligt – kontrollera att djupet stämmer',
      'Totalt borrdjup', 'Avstånd till närmaste brunn', '25 m', 'Varning: Avståndet till brunnen är kortare än 30 m']);
    assert.equal(text.split('djupare än 300 m').length - 1, 1, 'the first borehole (120,5 m) is not warned of');
    const english = folded((await pdf('?lang=en')).text);
    inOrder(english, ['Borehole 2', 'Depth', '320 m', 'Warning: A borehole deeper than 300 m is unusual', 'Total depth', '440.5 m']);
  });

  it('warns in the PDF of what the browser warned of, worked out from the answers the server kept (random answers)', async () => {
    const definition = ServiceDefinition.parse((await backend.app.inject({ method: 'GET', url: '/api/services/varmepump?lang=sv' })).json());
    const depth = fc.constantFrom('120', '300', '300,5', '301', '450', '80,5');
    const answers = fc.record({
      effekt: fc.constantFrom('12', '60'),
      borrhal: fc.array(fc.record({ djup: depth }), { minLength: 1, maxLength: 2 }),
      brunn: fc.constantFrom('25', '29', '30', '40'),
      fastighet: fc.constant('Exempelby Ängen 1:23'),
    });
    let warnedInGroup = 0;
    await fc.assert(fc.asyncProperty(answers, async (typed) => {
      const view = viewForm(definition, typed);
      const holds = (condition: Condition, lookup = view.lookup) => evaluate(condition, lookup);
      // Deep enough boreholes end the form (a permit is needed): no case, so no PDF — as the browser would not send it.
      fc.pre(endingOutcome(definition, holds) === undefined);
      const response = await backend.app.inject({
        method: 'POST', url: '/api/cases', headers: { ...KIT_HEADERS, 'idempotency-key': newKey() },
        payload: { serviceId: 'varmepump', serviceVersion: 1, lang: 'sv', answers: typed },
      });
      assert.equal(response.statusCode, 201, response.body);
      const { rows } = await backend.db.query<{ answers: Record<string, never> }>('SELECT answers FROM cases WHERE id = $1', [response.json<SubmitCaseResponse>().receipt.caseId]);
      // What the browser shows beside the answers as typed…
      const inBrowser = activeWarnings(view, holds);
      if (Object.keys(inBrowser).some((path) => path.startsWith('borrhal.'))) warnedInGroup++;
      // …is what the PDF says, from the answers as kept.
      assert.deepEqual(answerWarnings(definition, rows[0]!.answers, 'sv'), Object.fromEntries(Object.entries(inBrowser).map(([path, message]) => [path, message.sv])));
    }), { numRuns: 40 });
    assert.ok(warnedInGroup > 5, `${warnedInGroup} answer sets warned inside the group`);
  });
});
