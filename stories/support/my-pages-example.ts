import type { Attachment } from '../../src/contract/attachments.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { OrderState, SessionUser } from '../../src/contract/eid.js';
import type { CaseDetails, CaseSummary, Message, MessageList, MyCases, Profile } from '../../src/contract/my-pages.js';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../src/contract/problem.js';
import { pdfResponse } from './sample-pdf.js';

/**
 * One set of example data for Mina sidor — <my-cases> (with a case's details), <case-messages> and
 * <my-profile> — shared by their browser tests (test/browser/my-cases.test.ts, case-messages.test.ts,
 * my-profile.test.ts) and stories: a citizen with drafts and cases in two municipalities, one case's
 * details and messages, a profile, and a scripted fake backend to pass as a KitClient's fetch
 * (nothing leaves the page).
 */

export const MY_PAGES_BACKEND_URL = 'https://etjanster.kommun.se/';

export const CITIZEN: SessionUser = { name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson' };

const text = (sv: string, en: string) => ({ sv, en });
const EXEMPELBY = text('Exempelby kommun', 'Exempelby Municipality');
const GRANNBY = text('Grannby kommun', 'Grannby Municipality');
const SKOLSKJUTS = text('Ansökan om skolskjuts', 'Application for school transport');
const SPECIALKOST = text('Anmälan om specialkost', 'Special diet notification');
const FORSKOLA = text('Ansökan om plats i förskola', 'Application for a preschool place');
const BYGGLOV = text('Ansökan om bygglov', 'Application for a building permit');
const FELANMALAN = text('Felanmälan: gata, park och belysning', 'Report a fault: streets, parks and lighting');
const PARKERING = text('Ansökan om boendeparkering', 'Application for a residential parking permit');

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The ids of the rows the tests and stories name. */
export const IDS = {
  draftSkolskjuts: id(1),
  draftBygglov: id(2),
  caseSkolskjuts: id(11),
  caseSpecialkost: id(12),
  caseForskola: id(13),
  caseBygglov: id(14),
  caseFelanmalan: id(15),
  moreClosed: id(21),
  moreInProgress: id(22),
  caseAwaitingPayment: id(16),
  casePaid: id(17),
  attachment: id(31),
  messageAttachment: id(32),
};

const row = (over: Partial<CaseSummary> & Pick<CaseSummary, 'id' | 'serviceId' | 'serviceTitle' | 'status'>): CaseSummary => ({
  kind: over.status === 'draft' ? 'draft' : 'case',
  municipality: EXEMPELBY,
  createdAt: '2026-10-01T08:00:00Z',
  updatedAt: '2026-10-01T08:00:00Z',
  unreadMessages: 0,
  ...over,
});

/** The first page, newest first: two drafts, four ongoing cases, one closed, in two municipalities. */
export const FIRST_PAGE: MyCases = {
  items: [
    row({ id: IDS.draftSkolskjuts, serviceId: 'skolskjuts', serviceTitle: SKOLSKJUTS, status: 'draft', updatedAt: '2026-11-20T15:30:00Z' }),
    row({ id: IDS.caseSkolskjuts, serviceId: 'skolskjuts', serviceTitle: SKOLSKJUTS, status: 'inProgress', caseNumber: 'SKJ-2026-00042', submittedAt: '2026-11-02T09:15:00Z', unreadMessages: 2 }),
    // Signed by Anna, waiting for the other guardian: not sent, so no submittedAt.
    row({ id: IDS.caseForskola, serviceId: 'forskoleplats', serviceTitle: FORSKOLA, status: 'awaitingCosign', caseNumber: 'FSK-2026-00007', createdAt: '2026-10-28T10:00:00Z' }),
    row({ id: IDS.draftBygglov, serviceId: 'bygglov', serviceTitle: BYGGLOV, status: 'draft', municipality: GRANNBY, updatedAt: '2026-10-20T12:00:00Z' }),
    row({ id: IDS.caseBygglov, serviceId: 'bygglov', serviceTitle: BYGGLOV, status: 'awaitingSupplement', municipality: GRANNBY, caseNumber: 'BYG-2026-00113', submittedAt: '2026-10-12T13:45:00Z', unreadMessages: 1 }),
    row({ id: IDS.caseSpecialkost, serviceId: 'specialkost', serviceTitle: SPECIALKOST, status: 'submitted', caseNumber: 'KOST-2026-00019', submittedAt: '2026-10-05T07:30:00Z' }),
    row({ id: IDS.caseFelanmalan, serviceId: 'felanmalan', serviceTitle: FELANMALAN, status: 'closed', caseNumber: 'FEL-2026-00001', submittedAt: '2026-09-14T18:20:00Z' }),
  ],
  nextCursor: 'page-2',
};

/** "Visa fler": one closed and one ongoing case, the last page. */
export const SECOND_PAGE: MyCases = {
  items: [
    row({ id: IDS.moreInProgress, serviceId: 'specialkost', serviceTitle: SPECIALKOST, status: 'inProgress', municipality: GRANNBY, caseNumber: 'KOST-2026-00003', submittedAt: '2026-08-30T09:00:00Z' }),
    row({ id: IDS.moreClosed, serviceId: 'felanmalan', serviceTitle: FELANMALAN, status: 'closed', caseNumber: 'FEL-2025-00311', submittedAt: '2025-12-01T10:00:00Z' }),
  ],
};

export const EMPTY_PAGE: MyCases = { items: [] };

/** The definition of the e-service the opened case was sent on (the same version: its labels name the answers). */
export const SKOLSKJUTS_DEFINITION: ServiceDefinition = {
  schemaVersion: 1,
  id: 'skolskjuts',
  version: 4,
  municipality: { id: 'exempelby', name: EXEMPELBY },
  title: SKOLSKJUTS,
  description: text('Ansök om skolskjuts för ditt barn.', 'Apply for school transport for your child.'),
  contact: { text: text('Frågor? Ring 0123-45 67 00.', 'Questions? Call +46 123 45 67 00.') },
  login: 'none',
  caseNumberPrefix: 'SKJ',
  steps: [
    {
      id: 'resan',
      title: text('Resan', 'The journey'),
      fields: [
        { id: 'school', type: 'text', label: text('Vilken skola går barnet i?', 'Which school does the child go to?') },
        {
          id: 'reason',
          type: 'radio',
          label: text('Varför behöver barnet skolskjuts?', 'Why does the child need school transport?'),
          options: [
            { value: 'distance', label: text('Lång väg till skolan', 'A long way to school') },
            { value: 'traffic', label: text('Trafikfarlig väg', 'A dangerous road') },
          ],
        },
        { id: 'certificate', type: 'file', label: text('Intyg', 'Certificate'), required: false },
      ],
    },
  ],
  receipt: { title: text('Tack för din ansökan', 'Thank you for your application'), text: text('Du får besked inom tre veckor.', 'You will hear from us within three weeks.') },
  retention: { closedCaseDays: 730, draftDays: 30 },
};

export const DETAILS: CaseDetails = {
  ...FIRST_PAGE.items[1]!,
  serviceVersion: 4,
  answers: { school: 'Centralskolan', reason: 'traffic', certificate: [IDS.attachment] },
  attachments: [{ id: IDS.attachment, fieldId: 'certificate', fileName: 'intyg-vagen.pdf', kind: 'pdf', sizeBytes: 48_213, uploadedAt: '2026-11-02T09:10:00Z' }],
  signatures: [{ name: 'Anna Andersson', signedAt: '2026-11-02T09:15:00Z' }],
  history: [
    { status: 'submitted', at: '2026-11-02T09:15:00Z' },
    { status: 'inProgress', at: '2026-11-04T13:00:00Z' },
  ],
};

/** A parking permit made but not paid: Väntar på betalning, 200 kr due, not sent to the municipality. */
export const AWAITING_PAYMENT_ROW = row({
  id: IDS.caseAwaitingPayment, serviceId: 'parkeringstillstand', serviceTitle: PARKERING, status: 'awaitingPayment', caseNumber: 'PARK-2026-00004',
  createdAt: '2026-11-30T16:05:00Z', updatedAt: '2026-11-30T16:05:00Z',
});

/** A parking permit paid by Swish and so sent: Inskickat, with the payment's reference. */
export const PAID_ROW = row({
  id: IDS.casePaid, serviceId: 'parkeringstillstand', serviceTitle: PARKERING, status: 'submitted', caseNumber: 'PARK-2026-00002',
  createdAt: '2026-11-12T08:00:00Z', updatedAt: '2026-11-12T08:02:00Z', submittedAt: '2026-11-12T08:02:00Z',
});

const PARKING_FEE = {
  lines: [{ text: text('Boendeparkering, ett år', 'Residential parking, one year'), count: 1, unitAmount: 20_000, amount: 20_000 }],
  amount: 20_000, vatAmount: 0, vatPercent: 0, currency: 'SEK' as const,
};

export const AWAITING_PAYMENT_DETAILS: CaseDetails = {
  ...AWAITING_PAYMENT_ROW,
  serviceVersion: 1,
  answers: { name: 'Anna Andersson', registration: 'ABC 123', disabledPermit: false },
  attachments: [],
  signatures: [],
  history: [{ status: 'awaitingPayment', at: '2026-11-30T16:05:00Z' }],
  payment: { state: 'due', fee: PARKING_FEE, methods: ['card', 'swish'] },
};

export const PAID_DETAILS: CaseDetails = {
  ...PAID_ROW,
  serviceVersion: 1,
  answers: { name: 'Anna Andersson', registration: 'XYZ 789', disabledPermit: false },
  attachments: [],
  signatures: [],
  history: [{ status: 'awaitingPayment', at: '2026-11-12T08:00:00Z' }, { status: 'submitted', at: '2026-11-12T08:02:00Z' }],
  payment: { state: 'paid', fee: PARKING_FEE, methods: ['card', 'swish'], paidAt: '2026-11-12T08:02:00Z', paymentReference: '1234567890', instrument: 'Swish' },
  // Sent while logged in with Freja eID, through the municipality's e-ID broker.
  eid: 'freja',
};

/** The same case sent on an older version of the e-service: its answers show under their question ids. */
export const DETAILS_OLD_VERSION: CaseDetails = { ...DETAILS, serviceVersion: 3 };

export const MESSAGES: MessageList = {
  messages: [
    { id: id(41), from: 'officer', body: 'Hej Anna! Vi har tagit emot din ansökan och återkommer inom tre veckor.', sentAt: '2026-11-04T13:00:00Z', readAt: '2026-11-04T18:00:00Z', attachments: [] },
    { id: id(42), from: 'citizen', body: 'Tack! Behöver ni något mer från mig?', sentAt: '2026-11-05T07:45:00Z', attachments: [] },
    {
      id: id(43), from: 'officer', body: 'Vi behöver en karta över vägen till skolan.\nDu kan använda mallen i bilagan.', sentAt: '2026-11-18T10:20:00Z',
      attachments: [{ id: IDS.messageAttachment, fileName: 'kartmall.pdf', kind: 'pdf', sizeBytes: 20_480, uploadedAt: '2026-11-18T10:20:00Z' }],
    },
  ],
};

/** What a poll finds later: a new message from the officer. */
export const NEW_FROM_OFFICER: Message = {
  id: id(44), from: 'officer', body: 'Tack för kartan. Vi fattar beslut nästa vecka.', sentAt: '2026-11-24T08:00:00Z', attachments: [],
};

export const PROFILE: Profile = { email: 'anna.andersson@example.se', phone: '070-123 45 67', notifyBy: 'email' };
export const EMPTY_PROFILE: Profile = { notifyBy: 'none' };

// --- the fake backend ---------------------------------------------------------------------

/** How one request is answered: a body (200), a problem, no answer ever, or no connection. */
export type Reply<T> = T | { problem: Partial<Problem> & { status: number } } | 'never' | 'network-error';

export interface MyPagesScript {
  /** Logged in from the start, as this person; undefined: not logged in (a login completes at once). */
  user?: SessionUser | undefined;
  /** GET api/my/cases without a cursor, in turn (the last repeats). */
  cases?: Reply<MyCases>[];
  /** GET api/my/cases?cursor=…, by cursor. */
  pages?: Record<string, Reply<MyCases>>;
  /** DELETE api/drafts/{id}: 204 unless a problem or failure is given. */
  deleteDraft?: Reply<undefined>;
  /** GET api/my/cases/{id}, in turn. */
  details?: Reply<CaseDetails>[];
  /** GET api/my/cases/{id} by the case's id, when `details` is not given (otherwise DETAILS). */
  caseDetails?: Record<string, Reply<CaseDetails>>;
  /** GET api/services/{id}: every e-service (otherwise `services`, then SKOLSKJUTS_DEFINITION). */
  service?: Reply<ServiceDefinition>;
  /** GET api/services/{id} by the e-service's id. */
  services?: Record<string, Reply<ServiceDefinition>>;
  /** GET api/services/{id}?version=N, by `id@N`: the versions the backend still has besides the newest. */
  versions?: Record<string, ServiceDefinition>;
  /** GET …/messages, in turn (the last repeats). */
  messages?: Reply<MessageList>[];
  /** POST …/messages: by default the message as sent, with the files it names. */
  send?: Reply<Message>[];
  /** POST api/attachments?messageFor={caseId} (multipart, one part `file`), in turn: by default the file as uploaded. */
  upload?: Reply<Attachment>[];
  /** POST …/messages/read: 204 unless given. */
  read?: Reply<undefined>;
  /** GET api/my/cases/{id}/pdf, in turn (the last repeats): 'ok' (the default) is a small PDF named after the case. */
  pdf?: Reply<'ok'>[];
  /** GET api/my/profile. */
  profile?: Reply<Profile>[];
  /** PUT api/my/profile: by default what was sent. */
  saveProfile?: Reply<Profile>[];
}

export interface SentRequest {
  method: string;
  /** Relative to the backend's base URL, without the query, e.g. `api/my/cases`. */
  path: string;
  query: string;
  body?: unknown;
}

export interface MyPagesBackend {
  fetch: typeof fetch;
  sent: SentRequest[];
  /** Change how later requests are answered. */
  script: MyPagesScript;
  session: { user?: SessionUser | undefined };
}

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function problemResponse({ status, ...rest }: Partial<Problem> & { status: number }): Response {
  const body: Problem = { type: 'about:blank', title: `HTTP ${status}`, status, ...rest };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE } });
}

const inTurn = <T>(list: T[], index: number): T => list[Math.min(index, list.length - 1)]!;

/**
 * A backend that answers Mina sidor's requests from a script, and the session and login requests
 * of the nested <eid-login> (a login order completes at once as CITIZEN). `baseUrl` may carry a
 * path, so each test can have its own.
 */
export function myPagesBackend(script: MyPagesScript = {}, baseUrl = MY_PAGES_BACKEND_URL): MyPagesBackend {
  const sent: SentRequest[] = [];
  const session: { user?: SessionUser | undefined } = { user: script.user };
  const count = { cases: 0, details: 0, messages: 0, send: 0, profile: 0, save: 0, upload: 0, pdf: 0 };
  const uploaded = new Map<string, Attachment>();
  let sentCount = 0;
  const backend: MyPagesBackend = { fetch: undefined!, sent, script, session };

  const reply = async <T>(answer: Reply<T> | undefined, signal: AbortSignal | null | undefined, ok = 200): Promise<Response> => {
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    if (answer === 'never') {
      return new Promise<Response>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
    }
    if (answer && typeof answer === 'object' && 'problem' in answer) {
      if (answer.problem.status === 401) session.user = undefined;
      return problemResponse(answer.problem);
    }
    return json(answer === undefined ? 204 : ok, answer);
  };

  backend.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = (url.href.startsWith(baseUrl) ? url.href.slice(baseUrl.length) : url.pathname.slice(1)).replace(/\?.*$/, '');
    const file = init?.body instanceof FormData ? init.body.get('file') : undefined;
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : file instanceof File ? { file: file.name } : undefined;
    sent.push({ method, path, query: url.search, ...(body === undefined ? {} : { body }) });
    const signal = init?.signal;

    if (path === 'api/session') {
      if (method === 'DELETE') session.user = undefined;
      if (method === 'DELETE') return json(204, undefined);
      return json(200, session.user ? { authenticated: true, user: session.user, idleSecondsLeft: 1200, idleTimeoutSeconds: 1200 } : { authenticated: false });
    }
    if (path === 'api/eid/login' && method === 'POST') return json(200, { orderRef: 'login-1' });
    if (path.startsWith('api/eid/orders/')) {
      if (method === 'DELETE') return json(204, undefined);
      const state: OrderState = { status: 'complete', user: CITIZEN };
      session.user = CITIZEN;
      return json(200, state);
    }
    if ((path.startsWith('api/my/') || path.startsWith('api/attachments')) && !session.user) return problemResponse({ status: 401, type: '/problems/not-logged-in', title: 'Inte inloggad' });

    if (path === 'api/my/cases' && method === 'GET') {
      const cursor = url.searchParams.get('cursor');
      if (cursor) return reply(script.pages?.[cursor] ?? EMPTY_PAGE, signal);
      return reply(inTurn(script.cases ?? [FIRST_PAGE], count.cases++), signal);
    }
    if (path.startsWith('api/drafts/') && method === 'DELETE') return reply(script.deleteDraft, signal);
    if (path === 'api/attachments' && method === 'POST') {
      if (!url.searchParams.get('messageFor') || !(file instanceof File)) return problemResponse({ status: 400, type: '/problems/invalid-body', title: 'Ogiltig begäran' });
      const answer = script.upload ? inTurn(script.upload, count.upload++) : undefined;
      if (answer !== undefined) return reply(answer, signal, 201);
      const kind = file.type === 'image/png' ? 'png' : file.type === 'image/jpeg' ? 'jpeg' : 'pdf';
      const attachment: Attachment = { id: id(950 + uploaded.size), fileName: file.name, kind, sizeBytes: file.size || 1, uploadedAt: new Date().toISOString() };
      uploaded.set(attachment.id, attachment);
      return json(201, attachment);
    }
    if (path.startsWith('api/attachments/') && method === 'DELETE') return json(204, undefined);
    let match = /^api\/my\/cases\/([^/]+)\/messages(\/read)?$/.exec(path);
    if (match) {
      if (match[2]) return reply(script.read, signal);
      if (method === 'POST') {
        const answer = script.send ? inTurn(script.send, count.send++) : undefined;
        if (answer !== undefined) return reply(answer, signal, 201);
        const { body: text, attachmentIds = [] } = body as { body: string; attachmentIds?: string[] };
        const attachments = attachmentIds.flatMap((attachmentId) => uploaded.get(attachmentId) ?? []);
        const message: Message = { id: id(900 + ++sentCount), from: 'citizen', body: text, sentAt: new Date().toISOString(), attachments };
        return json(201, message);
      }
      return reply(inTurn(script.messages ?? [MESSAGES], count.messages++), signal);
    }
    match = /^api\/my\/cases\/([^/]+)\/pdf$/.exec(path);
    if (match) {
      const answer = inTurn<Reply<'ok'>>(script.pdf ?? ['ok'], count.pdf++);
      const details = script.caseDetails?.[decodeURIComponent(match[1]!)] ?? DETAILS;
      const caseNumber = (typeof details === 'object' && 'caseNumber' in details && details.caseNumber) || decodeURIComponent(match[1]!);
      return answer === 'ok' ? pdfResponse(caseNumber) : reply(answer, signal);
    }
    match = /^api\/my\/cases\/([^/]+)$/.exec(path);
    if (match) {
      if (script.details) return reply(inTurn(script.details, count.details++), signal);
      return reply(script.caseDetails?.[decodeURIComponent(match[1]!)] ?? DETAILS, signal);
    }
    if (path.startsWith('api/services/')) {
      const serviceId = decodeURIComponent(path.slice('api/services/'.length));
      const version = url.searchParams.get('version');
      if (version) {
        const kept = script.versions?.[`${serviceId}@${version}`];
        return kept ? reply(kept, signal) : problemResponse({ status: 404, type: '/problems/service-not-found', title: 'E-tjänsten finns inte' });
      }
      return reply(script.service ?? script.services?.[serviceId] ?? SKOLSKJUTS_DEFINITION, signal);
    }
    if (path === 'api/my/profile') {
      if (method === 'PUT') {
        const answer = script.saveProfile ? inTurn(script.saveProfile, count.save++) : undefined;
        return answer !== undefined ? reply(answer, signal) : json(200, body);
      }
      return reply(inTurn(script.profile ?? [PROFILE], count.profile++), signal);
    }
    return problemResponse({ status: 404, title: 'Finns inte' });
  };
  return backend;
}
