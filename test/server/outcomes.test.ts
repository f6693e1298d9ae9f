import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countCases, KIT_HEADERS, newKey, startTestBackend, type TestBackend } from '../support/backend.js';

/**
 * An answer that ends an e-service (the citizen is not eligible, the definition's `outcomes`) makes no case, whatever
 * the browser sends; a warning does not stop one. "varmepump" (a demo e-service, server/demo-services/): a heat pump
 * over 100 kW needs a permit, and a well nearer than 30 m is warned about.
 */
describe('outcomes and warnings on the server', () => {
  let backend: TestBackend;
  before(async () => {
    backend = await startTestBackend();
  });
  after(() => backend?.close());

  const send = (answers: Record<string, unknown>, lang = 'sv') => backend.app.inject({
    method: 'POST', url: '/api/cases', headers: { ...KIT_HEADERS, 'idempotency-key': newKey(), 'accept-language': lang },
    payload: { serviceId: 'varmepump', serviceVersion: 1, lang, answers },
  });

  it('refuses a case the answers end, with the outcome\'s title, and keeps nothing', async () => {
    const before = await countCases(backend.db);
    const refused = await send({ effekt: '150', borrhal: [{ djup: '90' }], brunn: '40', fastighet: 'Exempelby Ängen 1:23' });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json<{ type: string }>().type, '/problems/not-eligible');
    assert.equal(refused.json<{ title: string }>().title, 'Anläggningen kräver tillstånd');
    const english = await send({ effekt: '150', borrhal: [{ djup: '90' }], brunn: '40', fastighet: 'Exempelby Ängen 1:23' }, 'en');
    assert.equal(english.json<{ title: string }>().title, 'The installation needs a permit');
    assert.equal(await countCases(backend.db), before);
  });

  it('takes a case with a warning: a warning does not stop sending', async () => {
    const sent = await send({ effekt: '12', borrhal: [{ djup: '90' }], brunn: '25', fastighet: 'Exempelby Ängen 1:23' });
    assert.equal(sent.statusCode, 201, sent.body);
  });

  it('keeps the values computed over the answers with the case, worked out by the server, and refuses a sent one', async () => {
    const sent = await send({ effekt: '12', borrhal: [{ djup: '120,5' }, { djup: '200' }], brunn: '40', fastighet: 'Exempelby Ängen 1:23' });
    assert.equal(sent.statusCode, 201, sent.body);
    const { rows } = await backend.db.query<{ answers: Record<string, unknown> }>('SELECT answers FROM cases WHERE id = $1', [sent.json<{ receipt: { caseId: string } }>().receipt.caseId]);
    assert.deepEqual([rows[0]!.answers.totaltDjup, rows[0]!.answers.antalBorrhal], [320.5, 2]);
    const forged = await send({ effekt: '12', borrhal: [{ djup: '90' }], brunn: '40', fastighet: 'Exempelby Ängen 1:23', totaltDjup: 1 });
    assert.equal(forged.statusCode, 400);
    // Over 800 m in all: a computed value ends the form as an answer does.
    const deep = await send({ effekt: '12', borrhal: [{ djup: '400' }, { djup: '400' }, { djup: '10' }], brunn: '40', fastighet: 'Exempelby Ängen 1:23' });
    assert.equal(deep.json<{ title: string }>().title, 'Borrningen kräver tillstånd');
  });
});
