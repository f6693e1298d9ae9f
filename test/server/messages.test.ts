import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SubmitCaseResponse } from '../../src/contract/cases.js';
import { Message, MessageList, type MyCases } from '../../src/contract/my-pages.js';
import type { Problem } from '../../src/contract/problem.js';
import { addOfficerMessage } from '../../server/services/messages.js';
import { type Browser, PDF, person, startWorld, type World } from './support/browser.js';
import { caseBody, testService } from './support/definitions.js';

const ANNA = person('Anna');
const SERVICE = testService('meddelanden');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

describe('Mina sidor: messages with the case officer', () => {
  let world: World;
  let anna: Browser;
  let caseId: string;
  before(async () => {
    world = await startWorld({ extraDefinitions: [SERVICE] });
    anna = await world.loggedIn(ANNA);
    const sent = await anna.submit(caseBody('meddelanden'));
    caseId = sent.json<SubmitCaseResponse>().receipt.caseId;
  });
  after(() => world.close());

  const unread = async () => (await anna.send('GET', '/api/my/cases')).json<MyCases>().items.find((item) => item.id === caseId)!.unreadMessages;

  it('lists messages oldest first; the officer’s are unread until marked read', async () => {
    const first = new Date(world.clock.now += 1000);
    await world.backend.db.transaction((tx) => addOfficerMessage(tx, caseId, 'Hej! Vi behöver ett läkarintyg.', first));
    const second = new Date(world.clock.now += 1000);
    await world.backend.db.transaction((tx) => addOfficerMessage(tx, caseId, 'Påminnelse.', second));
    assert.equal(await unread(), 2);

    const list = MessageList.parse((await anna.send('GET', `/api/my/cases/${caseId}/messages`)).json());
    assert.deepEqual(list.messages.map((m) => [m.from, m.body, m.sentAt, m.readAt]), [
      ['officer', 'Hej! Vi behöver ett läkarintyg.', first.toISOString(), undefined],
      ['officer', 'Påminnelse.', second.toISOString(), undefined],
    ]);

    world.clock.now += 1000;
    const read = await anna.send('POST', `/api/my/cases/${caseId}/messages/read`);
    assert.equal(read.statusCode, 204);
    assert.equal(await unread(), 0);
    const after = (await anna.send('GET', `/api/my/cases/${caseId}/messages`)).json<MessageList>();
    assert.ok(after.messages.every((m) => m.readAt === new Date(world.clock.now).toISOString()));

    await assert.rejects(world.backend.db.transaction((tx) => addOfficerMessage(tx, '00000000-0000-4000-8000-000000000000', 'x', first)),
      (error: { body?: Problem }) => error.body?.status === 404);
  });

  it('takes the citizen’s message with files uploaded for the case; the files are then the case’s to download', async () => {
    const upload = await anna.upload(`messageFor=${caseId}`, PDF, 'intyg.pdf');
    assert.equal(upload.statusCode, 201, upload.body);
    const pdf = upload.json<{ id: string }>().id;
    const png = (await anna.upload(`messageFor=${caseId}`, PNG, 'bild.png')).json<{ id: string }>().id;
    world.clock.now += 1000;
    const sent = await anna.send('POST', `/api/my/cases/${caseId}/messages`, { body: 'Här är intyget.', attachmentIds: [pdf, png] });
    assert.equal(sent.statusCode, 201, sent.body);
    const message = Message.parse(sent.json());
    assert.equal(message.from, 'citizen');
    assert.equal(message.readAt, undefined);
    assert.deepEqual(message.attachments.map((a) => a.kind).sort(), ['pdf', 'png']);

    const list = (await anna.send('GET', `/api/my/cases/${caseId}/messages`)).json<MessageList>();
    assert.deepEqual(list.messages.at(-1), message);
    const download = await anna.send('GET', `/api/my/cases/${caseId}/attachments/${png}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'image/png');
    const details = (await anna.send('GET', `/api/my/cases/${caseId}`)).json<{ attachments: unknown[]; updatedAt: string }>();
    assert.deepEqual(details.attachments, [], 'a message’s files are not answers');
    assert.equal(details.updatedAt, message.sentAt, 'the message moved the case up');

    const reused = await anna.send('POST', `/api/my/cases/${caseId}/messages`, { body: 'Igen.', attachmentIds: [pdf] });
    assert.equal(reused.statusCode, 400);
    assert.deepEqual(reused.json<Problem>().errors?.map((e) => [e.path, e.code]), [['attachmentIds', 'attachmentMissing']]);
    // A file for a question is not a message's.
    const formFile = (await anna.upload('serviceId=meddelanden&fieldId=intyg')).json<{ id: string }>().id;
    const wrongKind = await anna.send('POST', `/api/my/cases/${caseId}/messages`, { body: 'Fel fil.', attachmentIds: [formFile] });
    assert.equal(wrongKind.statusCode, 400);
    assert.equal((await anna.send('GET', `/api/my/cases/${caseId}/messages`)).json<MessageList>().messages.length, 3, 'nothing stored');
  });

  it('refuses an empty or too long message, more than five files, and files the question would refuse', async () => {
    for (const body of [{ body: '' }, { body: 'x'.repeat(5001) }, { body: '   ' }, {}]) {
      const response = await anna.send('POST', `/api/my/cases/${caseId}/messages`, body);
      assert.equal(response.statusCode, 400, JSON.stringify(body).slice(0, 40));
    }
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await anna.upload(`messageFor=${caseId}`)).json<{ id: string }>().id);
    const six = await anna.send('POST', `/api/my/cases/${caseId}/messages`, { body: 'Sex filer.', attachmentIds: ids });
    assert.equal(six.statusCode, 400);
    assert.equal((await anna.send('POST', `/api/my/cases/${caseId}/messages`, { body: 'x'.repeat(5000), attachmentIds: ids.slice(0, 5) })).statusCode, 201);

    const text = await anna.upload(`messageFor=${caseId}`, Buffer.from('just text'), 'a.pdf');
    assert.equal(text.statusCode, 415);
    assert.equal(text.json<Problem>().title, 'Filen är inte en PDF, JPG eller PNG');
    const tooLarge = await anna.upload(`messageFor=${caseId}`, Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
    assert.equal(tooLarge.statusCode, 413);
    const mixed = await anna.upload(`messageFor=${caseId}&serviceId=meddelanden&fieldId=intyg`);
    assert.equal(mixed.statusCode, 400);
  });
});
