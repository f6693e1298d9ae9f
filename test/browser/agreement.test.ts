import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { KitClient } from '../../src/client/kit-client.js';
import type { Answers } from '../../src/contract/cases.js';
import { validateAnswers } from '../../src/forms/validate.js';
import { viewForm } from '../../src/forms/visibility.js';
import { backend } from './helpers.js';

/**
 * The browser and the server must agree on every answer set: what the form in Chromium
 * accepts, the real server stores; what it refuses, the server refuses for the same
 * questions. Random answers, some sensible and many not, to a form full of conditions.
 */
const DELETE = Symbol('delete');
const POOLS: Record<string, unknown[]> = {
  namn: ['Exempelby IF', '  ', '', 'x'.repeat(201)],
  orgnr: ['802456-1238', '8024561238', '16802456-1238', '802456-1234', '198001012387', '12345', ''],
  fastighet: ['Exempelby Ängen 1:23', 'Ängen 1:23', 'exempelby ängen 1:23', ''],
  motestid: ['18:30', '1830', '7:45', '21:01', '25:00', 'kväll', ''],
  medlemmar: ['120', '0', '12,5', 'många', 3, '-1'],
  ungdom: [true, false, 'ja'],
  ungaMedlemmar: ['45', 'tio', '', 7],
  typ: ['drift', 'projekt', 'lokal', 'fest'],
  projektnamn: ['Läger', ''],
  kostnad: ['20000', '60000', '50 001', 'gratis'],
  budget: ['Buss och mat', ''],
  kontaktnamn: ['Anna Andersson', ''],
  epost: ['anna@example.com', 'anna@', ''],
  telefon: ['070-123 45 67', '123'],
  intygar: [true, false, 'true'],
};
/** Valid answer sets along different paths through the form. */
const BASES: Answers[] = [
  { namn: 'Exempelby IF', medlemmar: '120', ungdom: false, typ: 'drift', kontaktnamn: 'Anna', epost: 'anna@example.com', intygar: true },
  { namn: 'Exempelby IF', medlemmar: '120', ungdom: true, ungaMedlemmar: '40', typ: 'projekt', projektnamn: 'Läger', kostnad: '60000', budget: 'Buss', kontaktnamn: 'Anna', epost: 'anna@example.com', intygar: true },
  { namn: 'Exempelby IF', medlemmar: '5', ungdom: false, typ: 'lokal', kontaktnamn: 'Anna', epost: 'anna@example.com', intygar: true },
];
/** A valid base, changed in up to three places: many answer sets land near the line between valid and not. */
const answersArb = fc
  .tuple(
    fc.constantFrom(...BASES),
    fc.array(fc.oneof(...Object.entries(POOLS).map(([key, pool]) => fc.tuple(fc.constant(key), fc.constantFrom(...pool, DELETE)))), { maxLength: 3 }),
  )
  .map(([base, changes]) => {
    const answers: Record<string, unknown> = { ...base };
    for (const [key, value] of changes) {
      if (value === DELETE) delete answers[key];
      else answers[key] = value;
    }
    return answers as Answers;
  });

describe('browser and server', () => {
  it('agree on visibility and validity for random answers', async () => {
    const client = new KitClient(backend);
    const definition = await client.getService('villkor', 'sv');
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(answersArb, async (answers) => {
        const inBrowser = validateAnswers(definition, answers);
        const response = await fetch(new URL('api/cases', backend), {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'e-service-kit', 'Idempotency-Key': crypto.randomUUID() },
          body: JSON.stringify({ serviceId: 'villkor', serviceVersion: definition.version, lang: 'sv', answers }),
        });
        const body = await response.json();
        if (inBrowser.errors.length === 0) {
          accepted++;
          expect(response.status, JSON.stringify(body)).to.equal(201);
        } else {
          refused++;
          expect(response.status).to.equal(400);
          const serverPaths = (body.errors as { path: string }[]).map((e) => e.path).sort();
          expect(serverPaths).to.deep.equal(inBrowser.errors.map((e) => e.path).sort());
        }
        // Visibility is what decides which answers count; the browser's view must match what it keeps.
        const view = viewForm(definition, answers);
        for (const id of Object.keys(inBrowser.values)) expect(view.isVisible(id)).to.equal(true);
      }),
      { numRuns: 80 },
    );
    // The generator must reach both sides of the question, or the property says little.
    expect(accepted).to.be.greaterThan(5);
    expect(refused).to.be.greaterThan(5);
  });
});
