import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DatabaseBlobStore } from '../../server/attachments/db-store.js';
import { cleanFileName } from '../../server/attachments/service.js';
import type { AttachmentBlobStore } from '../../server/attachments/store.js';
import { deleteUnclaimedAttachments, readCleanupSettings, startAttachmentCleanup } from '../../server/jobs/attachment-cleanup.js';
import { Attachment } from '../../src/contract/attachments.js';
import { SubmitCaseResponse } from '../../src/contract/cases.js';
import { ServiceDefinition } from '../../src/contract/definition.js';
import { Problem } from '../../src/contract/problem.js';
import { countCases, KIT_HEADERS, newKey, startTestBackend, type TestBackend } from '../support/backend.js';

const text = (sv: string, en: string) => ({ sv, en });

/** A small e-service with two file questions: one strict (PDF or PNG, 1 MB, 3 files), one with the defaults. */
const BYGGLOV = ServiceDefinition.parse({
  schemaVersion: 1,
  id: 'bilagor-test',
  version: 1,
  municipality: { id: 'exempelby', name: text('Exempelby kommun', 'Exempelby Municipality') },
  title: text('Anmälan med bilagor', 'Notice with attachments'),
  description: text('En e-tjänst för tester av bilagor.', 'An e-service for testing attachments.'),
  contact: { text: text('Ring oss.', 'Call us.') },
  login: 'none',
  caseNumberPrefix: 'BIL',
  steps: [{
    id: 'uppgifter',
    title: text('Uppgifter', 'Details'),
    fields: [
      { id: 'namn', type: 'text', label: text('Namn', 'Name') },
      { id: 'ritningar', type: 'file', label: text('Ritningar', 'Drawings'), maxSizeMb: 1, accept: ['pdf', 'png'], maxFiles: 3 },
      { id: 'intyg', type: 'file', label: text('Intyg', 'Certificate'), required: false },
    ],
  }],
  receipt: { title: text('Tack', 'Thank you'), text: text('Vi har tagit emot din anmälan.', 'We have received your notice.') },
  retention: { closedCaseDays: 365, draftDays: 30 },
});
const WITH_LOGIN = ServiceDefinition.parse({ ...BYGGLOV, id: 'bilagor-inloggad', login: 'required' });

// A minimal PDF and a 1×1 PNG, byte for byte what such files start with.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'), Buffer.alloc(64)]);
const EXE = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode.', 'latin1')]);

interface Part { name: string; filename?: string; contentType?: string; content: Buffer | string }

/** A multipart/form-data body built by hand, as a browser's FormData would send it. */
function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----esk${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.contentType ?? (part.filename === undefined ? undefined : 'application/octet-stream');
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`, 'utf8'));
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const MULTIPART_HEADERS = { 'x-requested-with': 'e-service-kit' };

let backend: TestBackend;
before(async () => {
  backend = await startTestBackend({ extraDefinitions: [BYGGLOV, WITH_LOGIN] });
});
after(() => backend.close());

function uploadParts(parts: Part[], query = 'serviceId=bilagor-test&fieldId=ritningar', headers: Record<string, string> = {}) {
  const { payload, contentType } = multipart(parts);
  return backend.app.inject({
    method: 'POST',
    url: `/api/attachments?${query}`,
    headers: { ...MULTIPART_HEADERS, 'content-type': contentType, ...headers },
    payload,
  });
}

function upload(filename: string, content: Buffer, options: { field?: string; service?: string; headers?: Record<string, string>; contentType?: string } = {}) {
  return uploadParts(
    [{ name: 'file', filename, content, contentType: options.contentType ?? 'application/pdf' }],
    `serviceId=${options.service ?? 'bilagor-test'}&fieldId=${options.field ?? 'ritningar'}`,
    options.headers,
  );
}

async function uploaded(filename: string, content: Buffer, field = 'ritningar'): Promise<Attachment> {
  const response = await upload(filename, content, { field });
  assert.equal(response.statusCode, 201, response.body);
  return Attachment.parse(response.json());
}

function problemOf(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) {
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const body = Problem.parse(response.json());
  assert.equal(body.status, response.statusCode);
  return body;
}

async function countAttachments(): Promise<number> {
  const { rows } = await backend.db.query<{ count: string | number }>('SELECT count(*) AS count FROM attachments');
  return Number(rows[0]!.count);
}

async function countBlobs(): Promise<number> {
  const { rows } = await backend.db.query<{ count: string | number }>('SELECT count(*) AS count FROM attachment_blobs');
  return Number(rows[0]!.count);
}

function submit(answers: Record<string, unknown>, lang: 'sv' | 'en' = 'sv') {
  return backend.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { ...KIT_HEADERS, 'idempotency-key': newKey() },
    payload: JSON.stringify({ serviceId: 'bilagor-test', serviceVersion: 1, lang, answers }),
  });
}

async function caseIdOf(attachmentId: string): Promise<string | null | undefined> {
  const { rows } = await backend.db.query<{ case_id: string | null }>('SELECT case_id FROM attachments WHERE id = $1', [attachmentId]);
  return rows[0]?.case_id;
}

describe('POST /api/attachments', () => {
  it('takes a real PDF, reads its kind from the bytes, and stores the bytes', async () => {
    const response = await upload('Ritning plan 1.pdf', PDF);
    assert.equal(response.statusCode, 201);
    const attachment = Attachment.parse(response.json());
    assert.equal(attachment.kind, 'pdf');
    assert.equal(attachment.fileName, 'Ritning plan 1.pdf');
    assert.equal(attachment.sizeBytes, PDF.length);
    assert.ok(!Number.isNaN(Date.parse(attachment.uploadedAt)));
    const stored = await new DatabaseBlobStore(backend.db).get(attachment.id);
    assert.ok(stored && stored.equals(PDF), 'the bytes are stored as they came');
    const { rows } = await backend.db.query<{ sha256: string; service_id: string; field_id: string; case_id: string | null }>(
      'SELECT sha256, service_id, field_id, case_id FROM attachments WHERE id = $1', [attachment.id]);
    assert.match(rows[0]!.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual([rows[0]!.service_id, rows[0]!.field_id, rows[0]!.case_id], ['bilagor-test', 'ritningar', null]);
  });

  it('takes a real PNG whatever its name and declared type say', async () => {
    const response = await upload('foto.pdf', PNG, { contentType: 'application/pdf' });
    assert.equal(response.statusCode, 201);
    assert.equal(Attachment.parse(response.json()).kind, 'png');
  });

  it('takes a file larger than the JSON body limit when the question allows it', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(900 * 1024, 0x20)]);
    const response = await upload('stor.pdf', big);
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(Attachment.parse(response.json()).sizeBytes, big.length);
  });

  it('keeps a Swedish file name and cleans paths and control characters out of it', async () => {
    assert.equal((await uploaded('Läkarintyg för Åsa.pdf', PDF)).fileName, 'Läkarintyg för Åsa.pdf');
    assert.equal((await uploaded('C:\\Users\\anna\\Ritning\u0007 plan.pdf', PDF)).fileName, 'Ritning plan.pdf');
    const long = await uploaded(`${'å'.repeat(300)}.pdf`, PDF);
    assert.equal([...long.fileName].length, 200);
    assert.ok(long.fileName.endsWith('.pdf'));
    assert.equal(cleanFileName('../../etc/passwd', 'pdf'), 'passwd');
    assert.equal(cleanFileName('bild\u202Egnp.exe', 'png'), 'bildgnp.exe');
    assert.equal(cleanFileName('\u0001\u0002', 'png'), 'fil.png');
    assert.equal(cleanFileName(undefined, 'pdf'), 'fil.pdf');
  });

  it('refuses a program named x.pdf and plain text, naming the types it takes, and stores nothing', async () => {
    const before = await countAttachments();
    const exe = await upload('x.pdf', EXE, { contentType: 'application/pdf' });
    assert.equal(exe.statusCode, 415);
    const problem = problemOf(exe);
    assert.equal(problem.type, '/problems/file-type-not-allowed');
    assert.equal(problem.title, 'Filen är inte en PDF eller PNG');

    const plain = await upload('brev.pdf', Buffer.from('Hej! Här kommer mina ritningar.\n'));
    assert.equal(plain.statusCode, 415);
    assert.equal(problemOf(plain).type, '/problems/file-type-not-allowed');

    const jpeg = await upload('foto.jpg', JPEG, { contentType: 'image/jpeg' });
    assert.equal(jpeg.statusCode, 415, 'a JPEG is a real image but this question takes only PDF and PNG');

    const defaults = await upload('x.pdf', EXE, { field: 'intyg' });
    assert.equal(problemOf(defaults).title, 'Filen är inte en PDF, JPG eller PNG');
    const jpegByDefault = await upload('foto.jpg', JPEG, { field: 'intyg' });
    assert.equal(jpegByDefault.statusCode, 201);
    assert.equal(Attachment.parse(jpegByDefault.json()).kind, 'jpeg');
    assert.equal(await countAttachments(), before + 1);
  });

  it('refuses a file over the question\'s limit with 413 and stores nothing', async () => {
    const before = await countAttachments();
    const blobs = await countBlobs();
    const tooLarge = Buffer.concat([PDF, Buffer.alloc(1024 * 1024, 0x20)]);
    const response = await upload('stor.pdf', tooLarge);
    assert.equal(response.statusCode, 413);
    const problem = problemOf(response);
    assert.equal(problem.type, '/problems/file-too-large');
    assert.equal(problem.title, 'Filen är för stor – den får vara högst 1 MB');
    assert.equal(await countAttachments(), before);
    assert.equal(await countBlobs(), blobs);
  });

  it('refuses an empty file, a body without a file, a wrongly named part and two files with 400', async () => {
    const before = await countAttachments();
    const empty = await upload('tom.pdf', Buffer.alloc(0));
    assert.equal(empty.statusCode, 400);
    assert.equal(problemOf(empty).type, '/problems/file-empty');
    assert.equal(problemOf(empty).title, 'Filen är tom');

    const onlyText = await uploadParts([{ name: 'file', content: 'inte en fil' }]);
    assert.equal(onlyText.statusCode, 400);
    assert.equal(problemOf(onlyText).type, '/problems/no-file');

    const noParts = await uploadParts([]);
    assert.equal(noParts.statusCode, 400);
    assert.equal(problemOf(noParts).type, '/problems/no-file');

    const wrongName = await uploadParts([{ name: 'upload', filename: 'a.pdf', content: PDF }]);
    assert.equal(wrongName.statusCode, 400);
    assert.equal(problemOf(wrongName).type, '/problems/no-file');

    const two = await uploadParts([{ name: 'file', filename: 'a.pdf', content: PDF }, { name: 'file', filename: 'b.pdf', content: PDF }]);
    assert.equal(two.statusCode, 400);
    assert.equal(problemOf(two).type, '/problems/one-file-only');

    const extra = await uploadParts([{ name: 'file', filename: 'a.pdf', content: PDF }, { name: 'note', content: 'hej' }]);
    assert.equal(extra.statusCode, 400);
    assert.equal(problemOf(extra).type, '/problems/one-file-only');

    const broken = await backend.app.inject({
      method: 'POST', url: '/api/attachments?serviceId=bilagor-test&fieldId=ritningar',
      headers: { ...MULTIPART_HEADERS, 'content-type': 'multipart/form-data' }, payload: 'garbage',
    });
    assert.equal(broken.statusCode, 400);

    const json = await backend.app.inject({
      method: 'POST', url: '/api/attachments?serviceId=bilagor-test&fieldId=ritningar',
      headers: KIT_HEADERS, payload: JSON.stringify({ file: 'x' }),
    });
    assert.equal(json.statusCode, 415);
    const raw = await backend.app.inject({
      method: 'POST', url: '/api/attachments?serviceId=bilagor-test&fieldId=ritningar',
      headers: { ...MULTIPART_HEADERS, 'content-type': 'application/pdf' }, payload: PDF,
    });
    assert.equal(raw.statusCode, 415);
    assert.equal(problemOf(raw).title, 'Skicka filen som multipart/form-data');
    assert.equal(await countAttachments(), before);
  });

  it('refuses a question that does not take files, or does not exist, with 400', async () => {
    const text = await upload('a.pdf', PDF, { field: 'namn' });
    assert.equal(text.statusCode, 400);
    assert.equal(problemOf(text).type, '/problems/field-not-file');
    assert.equal(problemOf(text).title, 'Frågan tar inte emot filer');
    const unknown = await upload('a.pdf', PDF, { field: 'finnsInte' });
    assert.equal(problemOf(unknown).type, '/problems/field-not-file');
    const noQuery = await uploadParts([{ name: 'file', filename: 'a.pdf', content: PDF }], '');
    assert.equal(noQuery.statusCode, 400);
    assert.equal(problemOf(noQuery).type, '/problems/invalid-query');
  });

  it('answers 404 for an unknown e-service and 401 for one that needs login', async () => {
    const unknown = await upload('a.pdf', PDF, { service: 'finns-inte' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(problemOf(unknown).type, '/problems/service-not-found');
    const login = await upload('a.pdf', PDF, { service: 'bilagor-inloggad' });
    assert.equal(login.statusCode, 401);
    assert.equal(problemOf(login).type, '/problems/login-required');
  });

  it('words every refusal in English for Accept-Language: en', async () => {
    const en = { 'accept-language': 'en-GB,en;q=0.9' };
    assert.equal(problemOf(await upload('stor.pdf', Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]), { headers: en })).title,
      'The file is too large – it can be at most 1 MB');
    assert.equal(problemOf(await upload('x.pdf', EXE, { headers: en })).title, 'The file is not a PDF or PNG');
    assert.equal(problemOf(await upload('x.pdf', Buffer.alloc(0), { headers: en })).title, 'The file is empty');
    assert.equal(problemOf(await upload('a.pdf', PDF, { field: 'namn', headers: en })).title, 'The question does not take files');
    assert.equal(problemOf(await upload('a.pdf', PDF, { service: 'finns-inte', headers: en })).title, 'E-service not found');
    assert.equal(problemOf(await uploadParts([], undefined, en)).title, 'No file arrived – choose a file and try again');
  });

  it('demands the client header and an allowed Origin, like every request that changes something', async () => {
    const { payload, contentType } = multipart([{ name: 'file', filename: 'a.pdf', content: PDF }]);
    const url = '/api/attachments?serviceId=bilagor-test&fieldId=ritningar';
    const noHeader = await backend.app.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload });
    assert.equal(noHeader.statusCode, 403);
    assert.equal(problemOf(noHeader).type, '/problems/client-header-missing');
    const evil = await backend.app.inject({
      method: 'POST', url, payload, headers: { ...MULTIPART_HEADERS, 'content-type': contentType, origin: 'https://evil.example' },
    });
    assert.equal(evil.statusCode, 403);
    assert.equal(problemOf(evil).type, '/problems/origin-not-allowed');
    const allowed = await backend.app.inject({
      method: 'POST', url, payload, headers: { ...MULTIPART_HEADERS, 'content-type': contentType, origin: 'https://www.exempelby.se' },
    });
    assert.equal(allowed.statusCode, 201);
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://www.exempelby.se');
  });

  it('logs the upload without the file name', async () => {
    const name = 'Anna Andersson 19900101-1234 sjukintyg.pdf';
    const attachment = await uploaded(name, PDF);
    const lines = backend.logs.filter((line) => line.includes(attachment.id));
    assert.ok(lines.some((line) => line.includes('attachment uploaded')), 'uploads are logged');
    const log = backend.logs.join('\n');
    for (const secret of [name, 'Anna Andersson', '19900101-1234', 'sjukintyg', 'Ritning plan', 'Läkarintyg']) {
      assert.ok(!log.includes(secret), `the log holds "${secret}"`);
    }
  });
});

describe('claiming attachments when a case is sent', () => {
  it('makes the attachments the case\'s, and refuses a second case with the same file, storing nothing', async () => {
    const drawing = await uploaded('ritning.pdf', PDF);
    const photo = await uploaded('foto.png', PNG);
    const response = await submit({ namn: 'Anna', ritningar: [drawing.id, photo.id] });
    assert.equal(response.statusCode, 201, response.body);
    const { receipt } = SubmitCaseResponse.parse(response.json());
    assert.equal(await caseIdOf(drawing.id), receipt.caseId);
    assert.equal(await caseIdOf(photo.id), receipt.caseId);
    const { rows } = await backend.db.query<{ answers: Record<string, unknown> }>('SELECT answers FROM cases WHERE id = $1', [receipt.caseId]);
    assert.deepEqual(rows[0]!.answers.ritningar, [drawing.id, photo.id]);

    const cases = await countCases(backend.db);
    const again = await submit({ namn: 'Bertil', ritningar: [drawing.id] });
    assert.equal(again.statusCode, 400);
    const problem = problemOf(again);
    assert.deepEqual(problem.errors, [
      { path: 'ritningar', code: 'attachmentClaimed', message: 'Filen hör redan till ett skickat ärende – ladda upp den igen' },
    ]);
    assert.equal(await countCases(backend.db), cases);
    assert.equal(await caseIdOf(drawing.id), receipt.caseId);
  });

  it('refuses an id that was never uploaded, or was uploaded for another question, and rolls everything back', async () => {
    const cases = await countCases(backend.db);
    const certificate = await uploaded('intyg.pdf', PDF, 'intyg');
    const response = await submit({ namn: 'Anna', ritningar: [randomUUID()], intyg: [certificate.id] });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(problemOf(response).errors, [
      { path: 'ritningar', code: 'attachmentMissing', message: 'Filen finns inte längre – ladda upp den igen' },
    ]);
    assert.equal(await caseIdOf(certificate.id), null, 'the valid attachment stays unclaimed: nothing was stored');
    assert.equal(await countCases(backend.db), cases);

    const otherField = await submit({ namn: 'Anna', ritningar: [certificate.id] }, 'en');
    assert.equal(otherField.statusCode, 400);
    assert.deepEqual(problemOf(otherField).errors, [
      { path: 'ritningar', code: 'attachmentMissing', message: 'The file is no longer there – upload it again' },
    ]);
    assert.equal(await countCases(backend.db), cases);
    assert.equal(await caseIdOf(certificate.id), null);
  });

  it('gives a file to one case when two are sent at once, and one case to a retried submission', async () => {
    const drawing = await uploaded('ritning.pdf', PDF);
    const cases = await countCases(backend.db);
    const [first, second] = await Promise.all([submit({ namn: 'Anna', ritningar: [drawing.id] }), submit({ namn: 'Bertil', ritningar: [drawing.id] })]);
    assert.deepEqual([first.statusCode, second.statusCode].sort(), [201, 400]);
    assert.equal(await countCases(backend.db), cases + 1);

    const photo = await uploaded('foto.png', PNG);
    const key = newKey();
    const body = JSON.stringify({ serviceId: 'bilagor-test', serviceVersion: 1, lang: 'sv', answers: { namn: 'Anna', ritningar: [photo.id] } });
    const retries = await Promise.all(Array.from({ length: 3 }, () => backend.app.inject({
      method: 'POST', url: '/api/cases', headers: { ...KIT_HEADERS, 'idempotency-key': key }, payload: body,
    })));
    assert.deepEqual(retries.map((response) => response.statusCode).sort(), [200, 200, 201]);
    assert.equal(new Set(retries.map((response) => SubmitCaseResponse.parse(response.json()).receipt.caseId)).size, 1);
    assert.equal(await countCases(backend.db), cases + 2);
  });

  it('refuses a file that no longer fits the question', async () => {
    const jpeg = await uploaded('foto.jpg', JPEG, 'intyg');
    // Moved to the strict question by hand, as if the definition had changed since the upload.
    await backend.db.query(`UPDATE attachments SET field_id = 'ritningar' WHERE id = $1`, [jpeg.id]);
    const response = await submit({ namn: 'Anna', ritningar: [jpeg.id] });
    assert.equal(response.statusCode, 400);
    assert.equal(problemOf(response).errors?.[0]?.code, 'attachmentMissing');
  });
});

describe('DELETE /api/attachments/:id', () => {
  function remove(id: string, headers: Record<string, string> = MULTIPART_HEADERS) {
    return backend.app.inject({ method: 'DELETE', url: `/api/attachments/${id}`, headers });
  }

  it('removes an unclaimed upload and its bytes', async () => {
    const attachment = await uploaded('ritning.pdf', PDF);
    const noHeader = await remove(attachment.id, {});
    assert.equal(noHeader.statusCode, 403);
    const response = await remove(attachment.id);
    assert.equal(response.statusCode, 204);
    assert.equal(await caseIdOf(attachment.id), undefined);
    assert.equal(await new DatabaseBlobStore(backend.db).get(attachment.id), undefined);
    const again = await remove(attachment.id);
    assert.equal(again.statusCode, 404);
    assert.equal(problemOf(again).type, '/problems/attachment-not-found');
    assert.equal((await remove('not-a-uuid')).statusCode, 404);
  });

  it('refuses to remove a file that belongs to a sent case', async () => {
    const attachment = await uploaded('ritning.pdf', PDF);
    assert.equal((await submit({ namn: 'Anna', ritningar: [attachment.id] })).statusCode, 201);
    const response = await remove(attachment.id, { ...MULTIPART_HEADERS, 'accept-language': 'en' });
    assert.equal(response.statusCode, 409);
    assert.equal(problemOf(response).type, '/problems/attachment-claimed');
    assert.ok(await new DatabaseBlobStore(backend.db).get(attachment.id), 'the bytes are kept');
  });
});

describe('cleaning up unclaimed uploads', () => {
  it('deletes only unclaimed uploads older than the cutoff, bytes and all, and keeps claimed ones', async () => {
    const oldUnclaimed = await uploaded('gammal.pdf', PDF);
    const newerUnclaimed = await uploaded('nyare.pdf', PDF);
    const oldClaimed = await uploaded('skickad.pdf', PDF);
    assert.equal((await submit({ namn: 'Anna', ritningar: [oldClaimed.id] })).statusCode, 201);
    const setDate = (id: string, iso: string) => backend.db.query('UPDATE attachments SET uploaded_at = $2 WHERE id = $1', [id, iso]);
    await setDate(oldUnclaimed.id, '2000-01-01T00:00:00Z');
    await setDate(newerUnclaimed.id, '2000-01-03T00:00:00Z');
    await setDate(oldClaimed.id, '2000-01-01T00:00:00Z');

    const told: string[] = [];
    const blobs: AttachmentBlobStore = { put: async () => {}, get: async () => undefined, delete: async (id) => void told.push(id) };
    const deleted = await deleteUnclaimedAttachments(backend.db, new Date('2000-01-02T00:00:00Z'), blobs);
    assert.equal(deleted, 1);
    assert.deepEqual(told, [oldUnclaimed.id]);
    assert.equal(await caseIdOf(oldUnclaimed.id), undefined);
    assert.equal(await new DatabaseBlobStore(backend.db).get(oldUnclaimed.id), undefined);
    assert.equal(await caseIdOf(newerUnclaimed.id), null);
    assert.ok(await caseIdOf(oldClaimed.id));
    assert.ok(await new DatabaseBlobStore(backend.db).get(oldClaimed.id));

    assert.equal(await deleteUnclaimedAttachments(backend.db, new Date('2000-01-04T00:00:00Z')), 1);
    assert.equal(await caseIdOf(newerUnclaimed.id), undefined);
  });

  it('keeps an old upload that its owner’s live draft still names, and no other', async () => {
    const inDraft = await uploaded('i-utkast.pdf', PDF);
    const othersDraft = await uploaded('annans.pdf', PDF);
    const expiredDraft = await uploaded('gammalt-utkast.pdf', PDF);
    const { rows } = await backend.db.query<{ service_id: string }>('SELECT service_id FROM attachments WHERE id = $1', [inDraft.id]);
    const serviceId = rows[0]!.service_id;
    for (const upload of [inDraft, othersDraft, expiredDraft]) {
      await backend.db.query(`UPDATE attachments SET uploaded_at = '2000-01-01T00:00:00Z', owner_personal_number = '198001012387' WHERE id = $1`, [upload.id]);
    }
    const draft = async (owner: string, ids: string[], expiresAt: string) =>
      backend.db.query(
        `INSERT INTO drafts (id, owner_personal_number, service_id, service_version, answers, version, created_at, updated_at, expires_at)
         VALUES (gen_random_uuid(), $1, $2, 1, $3, 1, '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z', $4)`,
        [owner, serviceId, JSON.stringify({ ritningar: ids }), expiresAt]);
    await draft('198001012387', [inDraft.id], '2000-02-01T00:00:00Z');
    await draft('198203154599', [othersDraft.id], '2000-02-01T00:00:00Z');
    await draft('198001012387', [expiredDraft.id], '2000-01-02T00:00:00Z');

    const deleted = await deleteUnclaimedAttachments(backend.db, new Date('2000-01-03T00:00:00Z'), undefined, new Date('2000-01-03T00:00:00Z'));
    assert.equal(deleted, 2);
    assert.equal(await caseIdOf(inDraft.id), null, 'kept for the draft');
    assert.equal(await caseIdOf(othersDraft.id), undefined, 'someone else’s draft protects nothing');
    assert.equal(await caseIdOf(expiredDraft.id), undefined, 'an expired draft protects nothing');
  });

  it('runs at start and then on its interval, logging only how many it deleted', async () => {
    const old = await uploaded('gammal.pdf', PDF);
    await backend.db.query(`UPDATE attachments SET uploaded_at = '2000-01-01T00:00:00Z' WHERE id = $1`, [old.id]);
    const logged: object[] = [];
    let done!: () => void;
    const ran = new Promise<void>((resolve) => (done = resolve));
    const log = { info: (object: object) => (logged.push(object), done()), error: (object: object) => (logged.push(object), done()) };
    const job = startAttachmentCleanup(backend.db, log, { intervalMinutes: 60, maxAgeHours: 24 }, () => new Date('2000-01-03T00:00:00Z'));
    await ran;
    job.stop();
    assert.deepEqual(logged, [{ deleted: 1 }]);
    assert.equal(await caseIdOf(old.id), undefined);
  });

  it('reads its settings from the environment, with defaults and clear errors', () => {
    assert.deepEqual(readCleanupSettings({}), { intervalMinutes: 60, maxAgeHours: 24 });
    assert.deepEqual(readCleanupSettings({ ATTACHMENT_CLEANUP_MINUTES: '5', UNCLAIMED_ATTACHMENT_HOURS: '0.5' }), { intervalMinutes: 5, maxAgeHours: 0.5 });
    assert.throws(() => readCleanupSettings({ ATTACHMENT_CLEANUP_MINUTES: 'often' }), /ATTACHMENT_CLEANUP_MINUTES/);
    assert.throws(() => readCleanupSettings({ UNCLAIMED_ATTACHMENT_HOURS: '-1' }), /UNCLAIMED_ATTACHMENT_HOURS/);
  });
});
