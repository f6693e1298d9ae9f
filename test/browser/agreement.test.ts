import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { KitClient } from '../../src/client/kit-client.js';
import type { Answers } from '../../src/contract/cases.js';
import { evaluate } from '../../src/forms/conditions.js';
import { activeWarnings, endingOutcome } from '../../src/forms/outcomes.js';
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

  it('agree on outcomes, computed values and warnings: a case an outcome ends is refused, the others as the browser says, whatever they warn of', async () => {
    // "varmepump": over 100 kW, or over 800 m of boreholes in all (a computed sum), ends the form; a well nearer than
    // 30 m, or a borehole deeper than 300 m (each borehole of the repeating group on its own), is warned of.
    const client = new KitClient(backend);
    const definition = await client.getService('varmepump', 'sv');
    // Mostly answers that hold, so that every side of the line is reached.
    const depth = fc.constantFrom('120', '120', '400', '300,5', '300', '0', 'djup');
    const heatPump = fc.record({
      effekt: fc.constantFrom('12', '12', '12', '100', '101', '150', 'mycket'),
      borrhal: fc.oneof({ arbitrary: fc.array(fc.record({ djup: depth }), { minLength: 1, maxLength: 3 }), weight: 5 }, { arbitrary: fc.constant([]), weight: 1 }),
      brunn: fc.oneof({ arbitrary: fc.constantFrom('25', '40'), weight: 5 }, { arbitrary: fc.constant(''), weight: 1 }),
      fastighet: fc.constantFrom('Exempelby Ängen 1:23', 'Exempelby Ängen 1:23', ''),
    });
    const seen = { sent: 0, ended: 0, refused: 0, warnedInGroup: 0 };
    await fc.assert(
      fc.asyncProperty(heatPump, async (answers) => {
        const inBrowser = validateAnswers(definition, answers as Answers);
        const view = viewForm(definition, answers as Answers);
        const ended = endingOutcome(definition, (condition) => evaluate(condition, view.lookup));
        const warned = activeWarnings(view, (condition, lookup = view.lookup) => evaluate(condition, lookup));
        const response = await fetch(new URL('api/cases', backend), {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'e-service-kit', 'Idempotency-Key': crypto.randomUUID() },
          body: JSON.stringify({ serviceId: 'varmepump', serviceVersion: definition.version, lang: 'sv', answers }),
        });
        const body = await response.json();
        // An outcome ends the form where it is met, whatever the questions after it hold (the form asks no further).
        if (ended) {
          seen.ended++;
          expect(response.status, JSON.stringify(body)).to.equal(409);
          expect(body.title).to.equal(ended.title.sv);
        } else if (inBrowser.errors.length > 0) {
          seen.refused++;
          expect(response.status, JSON.stringify(body)).to.equal(400);
          expect((body.errors as { path: string }[]).map((e) => e.path).sort()).to.deep.equal(inBrowser.errors.map((e) => e.path).sort());
        } else {
          seen.sent++;
          // A warning never stops sending, beside a top-level answer or inside the group.
          expect(response.status, JSON.stringify(body)).to.equal(201);
          if (Object.keys(warned).some((path) => path.startsWith('borrhal.'))) seen.warnedInGroup++;
          // The server words its warnings (the case's PDF) from the answers it keeps: they are those the citizen saw.
          const kept = viewForm(definition, inBrowser.values);
          expect(activeWarnings(kept, (condition, lookup = kept.lookup) => evaluate(condition, lookup))).to.deep.equal(warned);
        }
      }),
      // About one drawn case in six is sent, and a third of those warn inside the group: enough runs that each side
      // of the line is reached more than three times in nearly every draw (80 runs fell short now and then).
      { numRuns: 240 },
    );
    expect(seen.sent, JSON.stringify(seen)).to.be.greaterThan(3);
    expect(seen.ended, JSON.stringify(seen)).to.be.greaterThan(3);
    expect(seen.refused, JSON.stringify(seen)).to.be.greaterThan(3);
    expect(seen.warnedInGroup, JSON.stringify(seen)).to.be.greaterThan(3);
  });
});
