import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import { RECEIPT_TOKEN_HEADER, SubmitCaseResponse } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import type { Problem } from '../../src/contract/problem.js';
import type { SigningState, StartSigningResponse } from '../../src/contract/signing.js';
import { renderCasePdf } from '../../server/documents/case-pdf.js';
import { changeStatus } from '../../server/services/case-status.js';
import { newKey } from '../support/backend.js';
import { type Browser, PDF, person, startWorld, type World } from './support/browser.js';
import { inspectPdf, type PdfFacts, structureTypes } from './support/pdf-structure.js';

/**
 * The PDF of a sent case, fetched through each of its three doors (the receipt's token, Mina sidor, the officer
 * API) and read back with qpdf and pdftotext: a tagged PDF/A-2a whose structure, language, title, metadata and
 * fonts are checked, not only its first bytes — and the refusals, which are the same as for the case itself.
 */
const ANNA = person('Anna');
const ERIK = person('Erik');
const EXEMPELBY = 'e'.repeat(24) + '-exempelby-pdf-token';
const GRANNBY = 'g'.repeat(24) + '-grannby-pdf-token';

const text = (sv: string, en = sv) => ({ sv, en });

/** Signed, with a file, a choice, several choices, a yes/no that hides a question, an address, a unit and a group. */
const SERVICE = ServiceDefinition.parse({
  schemaVersion: 1,
  id: 'pdf-prov',
  version: 1,
  municipality: { id: 'exempelby', name: text('Exempelby kommun', 'Exempelby Municipality') },
  title: text('Ansökan om skolskjuts & resebidrag', 'School transport & travel grant'),
  description: text('För PDF-testerna.', 'For the PDF tests.'),
  contact: { text: text('Ring oss.', 'Call us.') },
  login: 'required',
  signing: 'sign',
  caseNumberPrefix: 'PDF',
  steps: [
    {
      id: 'barnet',
      title: text('Barnet', 'The child'),
      fields: [
        { id: 'skola', type: 'text', label: text('Vilken skola går barnet i?', 'Which school?'), summaryLabel: text('Barnets skola', "The child's school") },
        { id: 'resa', type: 'radio', label: text('Hur reser barnet?', 'How does the child travel?'), options: [
          { value: 'buss', label: text('Med skolbuss', 'By school bus') }, { value: 'taxi', label: text('Med taxi', 'By taxi') }] },
        { id: 'dagar', type: 'checkboxGroup', label: text('Vilka dagar?', 'Which days?'), options: [
          { value: 'man', label: text('Måndag', 'Monday') }, { value: 'tis', label: text('Tisdag', 'Tuesday') }, { value: 'ons', label: text('Onsdag', 'Wednesday') }] },
        { id: 'avstand', type: 'number', label: text('Avstånd till skolan', 'Distance to school'), unit: text('km'), required: false },
        { id: 'sarskilt', type: 'yesNo', label: text('Behövs särskilt stöd?', 'Is special support needed?') },
        { id: 'stod', type: 'text', label: text('Vilket stöd?', 'What support?'), visibleWhen: { field: 'sarskilt', equals: true } },
      ],
    },
    {
      id: 'hemmet',
      title: text('Hemmet', 'Home'),
      fields: [
        { id: 'adress', type: 'address', label: text('Hemadress', 'Home address') },
        { id: 'syskon', type: 'group', label: text('Syskon som också åker', 'Siblings who also travel'), itemLabel: text('Syskon', 'Sibling'), required: false,
          fields: [{ id: 'namn', type: 'text', label: text('Namn', 'Name') }] },
        { id: 'intyg', type: 'file', label: text('Intyg', 'Certificate'), required: false },
      ],
    },
  ],
  receipt: { title: text('Tack', 'Thank you'), text: text('Vi har tagit emot din ansökan.', 'We have received your application.') },
  retention: { closedCaseDays: 365, draftDays: 30 },
});

const ANSWERS = {
  skola: 'Norrskolan i Åby', resa: 'buss', dagar: ['man', 'ons'], avstand: 4, sarskilt: false,
  adress: { street: 'Storgatan 12', postalCode: '123 45', city: 'Exempelby' }, syskon: [{ namn: 'Maja Müller' }, { namn: 'Élise Öberg' }],
};

describe('the PDF of a case', () => {
  let world: World;
  let anna: Browser;
  let sent: SubmitCaseResponse;

  before(async () => {
    world = await startWorld({
      extraDefinitions: [SERVICE],
      config: { officerTokens: [{ municipalityId: 'exempelby', token: EXEMPELBY }, { municipalityId: 'grannby', token: GRANNBY }] },
    });
    anna = await world.loggedIn(ANNA);
    // A file, then BankID signing against the simulator: the case is sent when Anna has signed.
    const fileId = (await anna.upload('serviceId=pdf-prov&fieldId=intyg', PDF, 'Läkarintyg för Maja.pdf')).json<{ id: string }>().id;
    const started = await anna.send('POST', '/api/signatures',
      { serviceId: 'pdf-prov', serviceVersion: 1, lang: 'sv', answers: { ...ANSWERS, intyg: [fileId] }, method: 'otherDevice' }, { 'idempotency-key': newKey() });
    assert.equal(started.statusCode, 201, started.body);
    const { orderRef } = started.json<StartSigningResponse>();
    world.sim.act(orderRef, { action: 'approve', personalNumber: ANNA.personalNumber });
    world.clock.now += 2000;
    const state = (await anna.send('GET', `/api/signatures/${orderRef}`)).json<SigningState>();
    assert.equal(state.status, 'complete');
    sent = SubmitCaseResponse.parse(state.result);
  });
  after(() => world.close());

  const officer = (caseId: string, token?: string, query = '') => world.backend.app.inject({
    method: 'GET', url: `/api/officer/cases/${caseId}/pdf${query}`, headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const byReceipt = (caseNumber: string, token?: string, query = '') => world.browser().send('GET', `/api/cases/${caseNumber}/pdf${query}`, undefined,
    token === undefined ? {} : { [RECEIPT_TOKEN_HEADER]: token });

  /** A download of the case's PDF, read back by qpdf and pdftotext. */
  function downloaded(response: { statusCode: number; body: string; headers: Record<string, unknown>; rawPayload: Buffer }): PdfFacts {
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.equal(response.headers['content-disposition'], `attachment; filename="${sent.receipt.caseNumber}.pdf"`);
    assert.equal(response.headers['cache-control'], 'no-store');
    return inspectPdf(response.rawPayload);
  }

  /** What makes it tagged PDF/A-2a for every reader: the checks a validator starts with. */
  function assertArchivalAndTagged(pdf: PdfFacts, lang: 'sv-SE' | 'en-GB', title: string): void {
    assert.equal(pdf.header, '%PDF-1.7');
    assert.deepEqual(pdf.catalog.MarkInfo, { '/Marked': true }, 'MarkInfo /Marked true');
    assert.equal(pdf.catalog.Lang, `u:${lang}`, 'the document language');
    assert.deepEqual(pdf.catalog.ViewerPreferences, { '/DisplayDocTitle': true }, 'the title, not the file name, in the title bar');
    assert.ok(Array.isArray(pdf.catalog.OutputIntents) && pdf.catalog.OutputIntents.length === 1, 'an sRGB output intent');
    assert.equal(pdf.info.Title, `${title}, ${lang === 'sv-SE' ? 'ärende' : 'case'} ${sent.receipt.caseNumber}`);
    // XMP: the PDF/A identification and the same title, escaped (the title has an &).
    assert.match(pdf.xmp, /<pdfaid:part>2<\/pdfaid:part>/);
    assert.match(pdf.xmp, /<pdfaid:conformance>A<\/pdfaid:conformance>/);
    assert.ok(pdf.xmp.includes(`<rdf:li xml:lang="x-default">${pdf.info.Title.replace('&', '&amp;')}</rdf:li>`), pdf.xmp);
    // The structure: a Document that opens with the H1, sections under H2 and H3, paragraphs, lists.
    const [document, ...rest] = pdf.structure.children;
    assert.equal(document?.type, 'Document');
    assert.equal(rest.length, 0, 'one Document element holds everything');
    assert.equal(document.children[0]?.type, 'H1');
    const types = new Set(structureTypes(pdf.structure));
    for (const type of ['H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody']) assert.ok(types.has(type), `a ${type} element`);
    assert.equal(structureTypes(pdf.structure).filter((type) => type === 'H1').length, 1, 'one H1');
    // Every piece of text is tagged or an artifact, and every tag points at content on a page.
    assert.equal(pdf.untaggedText, 0, 'no text outside the structure');
    assert.deepEqual(pdf.orphanMcids, [], 'marked content and structure agree');
    // Fonts: each embedded (PDF/A), none of the standard 14 a reader would substitute.
    assert.ok(pdf.fonts.length > 0);
    for (const font of pdf.fonts) {
      assert.ok(font.embedded, `${font.name} is embedded`);
      assert.doesNotMatch(font.name, /Helvetica|Times|Courier|Symbol|ZapfDingbats/);
    }
  }

  it('comes with the receipt token: tagged PDF/A-2a in the case’s language, with its number, answers, file and signature', async () => {
    const pdf = downloaded(await byReceipt(sent.receipt.caseNumber, sent.receiptToken));
    assertArchivalAndTagged(pdf, 'sv-SE', SERVICE.title.sv);
    const lines = pdf.text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean);
    // Reading order is the visual order: the title, who received it, the number, then the answers by step.
    assert.equal(lines[0], SERVICE.title.sv);
    assert.ok(lines.includes(sent.receipt.caseNumber));
    const order = ['Ärendenummer', 'Svar', 'Barnet', 'Vilken skola går barnet i?', 'Norrskolan i Åby', 'Hur reser barnet?', 'Med skolbuss',
      'Vilka dagar?', '• Måndag', '• Onsdag', 'Avstånd till skolan', '4 km', 'Behövs särskilt stöd?', 'Nej', 'Hemmet', 'Hemadress', 'Storgatan 12',
      '123 45 Exempelby', 'Syskon som också åker', 'Syskon 1', 'Maja Müller', 'Syskon 2', 'Élise Öberg', 'Intyg', '• Läkarintyg för Maja.pdf',
      'Bifogade filer', 'Underskrifter', 'Anna Andersson'];
    let at = -1;
    for (const expected of order) {
      const found = lines.findIndex((line, index) => index > at && line === expected);
      assert.ok(found > at, `“${expected}” after line ${at} (${lines[at]})\n${lines.join('\n')}`);
      at = found;
    }
    assert.ok(!pdf.text.includes('Vilket stöd?'), 'a hidden question is not listed');
    assert.match(pdf.text, new RegExp(`Personnummer: ${ANNA.personalNumber.slice(0, 8)}-${ANNA.personalNumber.slice(8)}`));
    assert.match(pdf.text, /E-legitimation: BankID/);
    assert.match(pdf.text, /Ärende PDF-\d{4}-\d+, sida 1 av \d/, 'page numbers at the foot, as artifacts');
  });

  it('comes from Mina sidor for the citizen’s own case, in English with ?lang=en', async () => {
    const swedish = downloaded(await anna.send('GET', `/api/my/cases/${sent.receipt.caseId}/pdf`));
    assertArchivalAndTagged(swedish, 'sv-SE', SERVICE.title.sv);
    const english = downloaded(await anna.send('GET', `/api/my/cases/${sent.receipt.caseId}/pdf?lang=en`));
    assertArchivalAndTagged(english, 'en-GB', SERVICE.title.en);
    for (const words of ['Case number', 'Answers', 'Which school?', 'By school bus', 'Monday', 'Sibling 1', 'Signatures', 'e-ID: BankID', sent.receipt.caseNumber]) {
      assert.ok(english.text.includes(words), `“${words}” in\n${english.text}`);
    }
  });

  it('comes from the officer API for the municipality’s case, each question as the municipality reads it', async () => {
    const pdf = downloaded(await officer(sent.receipt.caseId, EXEMPELBY));
    assertArchivalAndTagged(pdf, 'sv-SE', SERVICE.title.sv);
    assert.ok(pdf.text.includes('Barnets skola'), 'the summaryLabel, not “Vilken skola går barnet i?”');
    assert.ok(!pdf.text.includes('Vilken skola går barnet i?'));
    assert.ok(pdf.text.includes('Norrskolan i Åby'));
  });

  it('refuses as the case itself does: another citizen 404, no or a wrong receipt token 404, another municipality 404, no token 401', async () => {
    const problem = (response: { statusCode: number; body: string; json<T>(): T; headers: Record<string, unknown> }, status: number, type: string) => {
      assert.equal(response.statusCode, status, response.body);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.equal(response.json<Problem>().type, `/problems/${type}`);
    };
    const { caseId, caseNumber } = sent.receipt;
    const erik = await world.loggedIn(ERIK);
    problem(await erik.send('GET', `/api/my/cases/${caseId}/pdf`), 404, 'case-not-found');
    problem(await erik.send('GET', `/api/my/cases/${randomUUID()}/pdf`), 404, 'case-not-found');
    problem(await world.browser().send('GET', `/api/my/cases/${caseId}/pdf`), 401, 'not-logged-in');

    problem(await byReceipt(caseNumber), 404, 'case-not-found');
    problem(await byReceipt(caseNumber, 'not-the-token'), 404, 'case-not-found');
    problem(await byReceipt('PDF-2026-99999', sent.receiptToken), 404, 'case-not-found');
    problem(await byReceipt(caseNumber, sent.receiptToken, '?lang=de'), 400, 'invalid-query');

    problem(await officer(caseId, GRANNBY), 404, 'case-not-found');
    problem(await officer(randomUUID(), EXEMPELBY), 404, 'case-not-found');
    problem(await officer(caseId), 401, 'officer-unauthorized');
    problem(await officer(caseId, `${EXEMPELBY}x`), 401, 'officer-unauthorized');
  });

  it('is not made for a case not sent yet (awaiting its payment): 409 case-not-sent; once paid it shows the payment', async () => {
    const parking = await world.browser().submit({
      serviceId: 'parkeringstillstand', serviceVersion: 1, lang: 'sv',
      answers: { name: 'Anna Andersson', email: 'anna@example.se', registration: 'ABC 123', disabledPermit: false },
    });
    assert.equal(parking.statusCode, 201, parking.body);
    const { receipt, receiptToken } = SubmitCaseResponse.parse(parking.json());
    const waiting = await byReceipt(receipt.caseNumber, receiptToken);
    assert.equal(waiting.statusCode, 409, waiting.body);
    assert.equal(waiting.json<Problem>().type, '/problems/case-not-sent');
    assert.equal((await officer(receipt.caseId, EXEMPELBY)).statusCode, 404, 'the municipality does not see it yet');

    // Paid (as the provider's callback would leave it): the case is sent, and its PDF has the payment.
    const at = new Date(world.clock.now);
    await world.backend.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO payments (id, case_id, reference, provider, method, amount, vat_amount, currency, state, instrument, payment_reference, paid_at, created_at, updated_at)
         VALUES ($1, $2, $3, 'swedbank-pay', 'card', 20000, 0, 'SEK', 'paid', 'Visa', 'PAY-123', $4, $4, $4)`,
        [randomUUID(), receipt.caseId, `ref-${randomUUID()}`, at.toISOString()]);
      await changeStatus(tx, receipt.caseId, 'submitted', 'system', at);
    });
    const paid = inspectPdf((await byReceipt(receipt.caseNumber, receiptToken)).rawPayload);
    for (const words of ['Avgift', 'Betalt belopp', 'Betalsätt', 'Visa', 'Betalningsreferens', 'PAY-123']) {
      assert.ok(paid.text.includes(words), `“${words}” in\n${paid.text}`);
    }
    assert.match(paid.text, /200,00\skr/u);
  });
});

describe('the PDF checks themselves', () => {
  it('see untagged text and a missing language in a PDF that has neither', async () => {
    const plain = new PDFDocument();
    const chunks: Buffer[] = [];
    plain.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => plain.on('end', resolve));
    plain.text('Ärende utan taggar');
    plain.end();
    await ended;
    const pdf = inspectPdf(Buffer.concat(chunks));
    assert.ok(pdf.untaggedText > 0);
    assert.equal(pdf.catalog.Lang, undefined);
    assert.equal(pdf.catalog.MarkInfo, undefined);
    assert.ok(pdf.fonts.some((font) => !font.embedded), 'Helvetica, one of the standard 14, is not embedded');
  });

  it('read a long answer that runs over pages as one tagged paragraph, its parts on each page claimed', async () => {
    const bytes = await renderCasePdf({
      caseNumber: 'PDF-2026-00001', lang: 'sv', definition: SERVICE, submittedAt: new Date('2026-11-24T09:00:00Z'),
      answers: { skola: `${'Lång text om skolvägen. '.repeat(600)}Slut.` }, attachments: [], signatures: [], children: [],
    }, { lang: 'sv', reader: 'applicant', now: new Date('2026-11-24T10:00:00Z') });
    const pdf = inspectPdf(bytes);
    const pages = Number(pdf.text.match(/sida (\d+) av \1\b/)?.[1]);
    assert.ok(pages >= 3, `${pages} pages`);
    assert.equal(pdf.untaggedText, 0);
    assert.deepEqual(pdf.orphanMcids, []);
    assert.ok(pdf.text.includes('Slut.'));
  });
});
