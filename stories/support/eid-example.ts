import type { Answers, SubmitCaseResponse } from '../../src/contract/cases.js';
import type { Draft } from '../../src/contract/my-pages.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { OrderState, SessionUser, StartLoginResponse } from '../../src/contract/eid.js';
import type { PrefillResponse } from '../../src/contract/prefill.js';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../src/contract/problem.js';
import type { SigningState, StartSigningResponse } from '../../src/contract/signing.js';

/**
 * One set of example data for an e-service that needs e-ID (login "required", signing "sign"),
 * shared by test/browser/e-service-form-eid.test.ts and stories/e-service-form-eid.stories.ts:
 * the definition, what the population register says about three people, a receipt, and a
 * scripted fake backend to pass as a KitClient's fetch (nothing leaves the page).
 */

export const EID_SERVICE_ID = 'busskort';

/** The URL the client believes it talks to. */
export const EID_BACKEND_URL = 'https://etjanster.kommun.se/';

const text = (sv: string, en: string) => ({ sv, en });

export const EID_DEFINITION: ServiceDefinition = {
  schemaVersion: 1,
  id: EID_SERVICE_ID,
  version: 3,
  municipality: { id: 'exempelby', name: text('Exempelby kommun', 'Exempelby Municipality') },
  title: text('Ansökan om busskort för skolelev', 'Application for a school bus card'),
  description: text(
    'Här ansöker du om busskort för ditt barn. Du loggar in med e-legitimation och skriver under med BankID.',
    'Apply for a bus card for your child. You log in with e-ID and sign with BankID.',
  ),
  contact: { text: text('Frågor? Ring kommunens kontaktcenter, 0123-45 67 89.', 'Questions? Call the contact centre, +46 123 45 67 89.') },
  login: 'required',
  signing: 'sign',
  caseNumberPrefix: 'BUS',
  steps: [
    {
      id: 'sokande',
      title: text('Du och barnet', 'You and the child'),
      fields: [
        { id: 'applicantName', type: 'text', label: text('Ditt namn', 'Your name'), prefill: 'person.name' },
        { id: 'applicantNumber', type: 'personnummer', label: text('Ditt personnummer', 'Your personal identity number'), prefill: 'person.personalNumber' },
        { id: 'address', type: 'address', label: text('Din adress', 'Your address'), prefill: 'person.address' },
        {
          id: 'child',
          type: 'child',
          label: text('Vilket barn gäller ansökan?', 'Which child is the application for?'),
          hint: text('Barn som går i kommunens skolor, enligt folkbokföringen.', "Children at the municipality's schools, according to the population register."),
          ownSchoolsOnly: true,
          requiredMessage: text('Välj barnet', 'Select the child'),
        },
      ],
    },
    {
      id: 'resan',
      title: text('Resan', 'The journey'),
      fields: [
        {
          id: 'reason',
          type: 'textarea',
          label: text('Varför behöver barnet busskort?', 'Why does the child need a bus card?'),
          maxLength: 1000,
          requiredMessage: text('Skriv varför barnet behöver busskort', 'Write why the child needs a bus card'),
        },
        {
          id: 'sibling',
          type: 'child',
          label: text('Syskon som också ska ha busskort', 'A brother or sister who also needs a bus card'),
          required: false,
        },
      ],
    },
  ],
  receipt: { title: text('Tack för din ansökan', 'Thank you for your application'), text: text('Du får besked inom tre veckor.', 'You will hear from us within three weeks.') },
  retention: { closedCaseDays: 730, draftDays: 30 },
};

export const ANNA: SessionUser = { name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson' };
export const SARA: SessionUser = { name: 'Sara Svensson', givenName: 'Sara', surname: 'Svensson' };
export const BENGT: SessionUser = { name: 'Bengt Berg', givenName: 'Bengt', surname: 'Berg' };

/** Anna: an address, three children, two of them at the municipality's own schools. */
export const PREFILL_ANNA: PrefillResponse = {
  person: {
    personalNumber: '198001012387', name: 'Anna Andersson', givenName: 'Anna', surname: 'Andersson',
    address: { street: 'Storgatan 12', postalCode: '123 45', city: 'Exempelby' },
  },
  protected: false,
  children: [
    { personalNumber: '201504122383', name: 'Ella Andersson', ownSchool: true },
    { personalNumber: '201809143396', name: 'Noah Andersson', ownSchool: false },
    { personalNumber: '201206302380', name: 'Alva Andersson', ownSchool: true },
  ],
};

/** Sara has skyddad folkbokföring: no address comes from the register. */
export const PREFILL_PROTECTED: PrefillResponse = {
  person: { personalNumber: '197705232390', name: 'Sara Svensson', givenName: 'Sara', surname: 'Svensson' },
  protected: true,
  children: [{ personalNumber: '201104102395', name: 'Leo Svensson', ownSchool: true }],
};

/** Bengt has no children the register lists. */
export const PREFILL_NO_CHILDREN: PrefillResponse = {
  person: {
    personalNumber: '196502142398', name: 'Bengt Berg', givenName: 'Bengt', surname: 'Berg',
    address: { street: 'Lillgatan 3', postalCode: '123 46', city: 'Exempelby' },
  },
  protected: false,
  children: [],
};

/** What Anna types on the second step. */
export const TYPED_REASON = 'Skolan ligger sex kilometer bort och vägen saknar cykelbana.';

/** Anna's answers as the form sends them for signing (the register's ones included). */
export const ANNA_ANSWERS: Answers = {
  applicantName: 'Anna Andersson',
  applicantNumber: '19800101-2387',
  address: { street: 'Storgatan 12', postalCode: '123 45', city: 'Exempelby' },
  child: '201504122383',
  reason: TYPED_REASON,
};

export const CASE_NUMBER = 'BUS-2026-00017';

export const SIGNED: SubmitCaseResponse = {
  receipt: {
    caseId: '0b8e7c1a-5d2f-4e61-9a3b-7c4d2e1f0a99',
    caseNumber: CASE_NUMBER,
    serviceId: EID_SERVICE_ID,
    serviceTitle: EID_DEFINITION.title,
    municipality: EID_DEFINITION.municipality.name,
    submittedAt: '2026-03-12T09:41:00.000Z',
    title: EID_DEFINITION.receipt.title,
    text: EID_DEFINITION.receipt.text,
  },
  receiptToken: 'example-receipt-token',
};

/** The animated QR data a poll hands out, new each time. */
export const qrData = (n: number) => `bankid.67df3917-fa0d-44e5-b327-edcc928297f8.${n}.${((n + 1) * 2654435761 >>> 0).toString(16).padStart(64, '0')}`;

// --- the fake backend ---------------------------------------------------------------------

/** How one request is answered: a body (200), a problem, no answer ever, or no connection. */
export type Reply<T> = T | { problem: Partial<Problem> & { status: number } } | 'never' | 'network-error';

export interface EidScript {
  /** Logged in from the start, as this person; undefined: not logged in. */
  user?: SessionUser | undefined;
  /** The e-ID of that login (`bankid` unless said: `freja`, `telia`, `eidas` through the broker), and whether it signs. */
  eid?: string;
  eidSigns?: boolean;
  /** GET api/services/{id}/prefill, in turn (the last repeats). */
  prefill?: Reply<PrefillResponse>[];
  /** POST api/eid/login. */
  loginStart?: Reply<StartLoginResponse>;
  /** GET api/eid/orders/{ref}, in turn for each login (the last repeats); a complete one with a user logs in. */
  loginOrders?: Reply<OrderState>[];
  /** POST api/signatures, in turn (the last repeats). */
  signStart?: Reply<StartSigningResponse>[];
  /** GET api/signatures/{ref}, in turn for each signing (the last repeats). */
  signOrders?: Reply<SigningState>[];
}

export interface SentRequest {
  method: string;
  /** Relative to the backend's base URL, e.g. `api/signatures`. */
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface EidBackend {
  fetch: typeof fetch;
  /** Every request, in order. */
  sent: SentRequest[];
  /** Change how later requests are answered. */
  script: EidScript;
  /** Whether the backend holds a session now, and whose. */
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
 * A backend that answers <e-service-form>'s and <eid-login>'s requests from a script: the
 * definition, the session (which a completed login order starts, a 401 or DELETE api/session ends),
 * prefill, and login and signing orders. `baseUrl` may carry a path, so each test can have its own.
 */
export function eidBackend(script: EidScript = {}, baseUrl = EID_BACKEND_URL): EidBackend {
  const sent: SentRequest[] = [];
  const session: { user?: SessionUser | undefined } = { user: script.user };
  const count = { prefill: 0, login: 0, sign: 0, signStart: 0 };
  const backend: EidBackend = { fetch: undefined!, sent, script, session };

  const reply = async <T>(answer: Reply<T>, signal?: AbortSignal | null): Promise<Response> => {
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    if (answer === 'never') {
      return new Promise<Response>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
    }
    if (answer && typeof answer === 'object' && 'problem' in answer) {
      // The server has no session any more.
      if (answer.problem.status === 401) session.user = undefined;
      return problemResponse(answer.problem);
    }
    return json(200, answer);
  };

  backend.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.href.startsWith(baseUrl) ? url.href.slice(baseUrl.length).replace(/\?.*$/, '') : url.pathname.slice(1);
    sent.push({
      method, path, headers: { ...((init?.headers ?? {}) as Record<string, string>) },
      ...(typeof init?.body === 'string' ? { body: JSON.parse(init.body) as unknown } : {}),
    });
    const signal = init?.signal;

    if (path === 'api/session') {
      if (method === 'DELETE') {
        session.user = undefined;
        return json(204, undefined);
      }
      return json(200, session.user
        ? { authenticated: true, user: session.user, eid: script.eid ?? 'bankid', eidSigns: script.eidSigns ?? true }
        : { authenticated: false });
    }
    if (path === `api/services/${EID_SERVICE_ID}` && method === 'GET') return json(200, EID_DEFINITION);
    if (path === `api/services/${EID_SERVICE_ID}/prefill` && method === 'GET') {
      if (!session.user) return problemResponse({ status: 401, type: '/problems/not-logged-in', title: 'Inte inloggad' });
      return reply(inTurn(script.prefill ?? [PREFILL_ANNA], count.prefill++), signal);
    }
    if (path === 'api/eid/login' && method === 'POST') {
      count.login = 0;
      return reply(script.loginStart ?? { orderRef: 'login-1' }, signal);
    }
    if (path.startsWith('api/eid/orders/')) {
      if (method === 'DELETE') return json(204, undefined);
      const answer = inTurn(script.loginOrders ?? [{ status: 'complete', user: ANNA }], count.login++);
      if (answer && typeof answer === 'object' && 'status' in answer && answer.status === 'complete' && answer.user) session.user = answer.user;
      return reply(answer, signal);
    }
    if (path === 'api/signatures' && method === 'POST') {
      count.sign = 0;
      return reply(inTurn(script.signStart ?? [{ orderRef: 'sign-1' }], count.signStart++), signal);
    }
    if (path.startsWith('api/signatures/')) {
      if (method === 'DELETE') return json(204, undefined);
      const n = count.sign++;
      const answer = inTurn(script.signOrders ?? [{ status: 'pending', hintCode: 'outstandingTransaction' }], n);
      // A pending otherDevice order shows a new QR code each second.
      const animated = answer && typeof answer === 'object' && 'status' in answer && answer.status === 'pending' && answer.qrData === '*'
        ? { ...answer, qrData: qrData(n) }
        : answer;
      return reply(animated, signal);
    }
    return problemResponse({ status: 404, title: 'Not Found', detail: `${method} /${path} is not part of this fake backend.` });
  };
  return backend;
}

// --- drafts (test/browser/drafts.test.ts, stories/e-service-form-drafts.stories.ts) -------------

/** When the fake backend saves a draft, unless the script says otherwise: 14:32 in Sweden. */
export const SAVED_AT = '2026-03-12T13:32:00.000Z';

/** A draft id as the backend makes them (a UUID). */
export const draftId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Anna's draft, saved on the second step with the reason typed, as another tab or Mina sidor left it. */
export const ANNA_DRAFT: Draft = {
  id: draftId(900),
  serviceId: EID_SERVICE_ID,
  serviceVersion: EID_DEFINITION.version,
  answers: { ...ANNA_ANSWERS, applicantName: 'Anna A (ändrat)' },
  stepId: 'resan',
  version: 4,
  createdAt: '2026-03-10T08:00:00.000Z',
  updatedAt: '2026-03-11T09:05:00.000Z',
  expiresAt: '2026-04-10T09:05:00.000Z',
};

export interface DraftScript extends EidScript {
  /** Changes to the definition, e.g. `{ signing: 'none' }` or `{ login: 'optional' }`. */
  definition?: Partial<ServiceDefinition>;
  /** Drafts stored from the start (of the logged-in person). */
  drafts?: Draft[];
  /** Answers the next draft requests get instead of the store's, one each: `'network-error'`, `{ problem: { status: 503 } }`. */
  draftFailures?: Reply<never>[];
  /** The time of a save (default SAVED_AT). */
  now?: () => string;
  /** POST api/cases, in turn (default: SIGNED's receipt). */
  submit?: Reply<SubmitCaseResponse>[];
}

export interface DraftBackend extends EidBackend {
  script: DraftScript;
  /** The stored drafts by id: change one to play another tab that saved it. */
  drafts: Map<string, Draft>;
}

/**
 * eidBackend with drafts (POST/GET/PUT/DELETE api/drafts, versions and 409 draft-conflict as the
 * contract says) and POST api/cases, which takes its `draftId` away as the real backend does.
 */
export function draftBackend(script: DraftScript = {}, baseUrl = EID_BACKEND_URL): DraftBackend {
  const eid = eidBackend(script, baseUrl);
  const drafts = new Map((script.drafts ?? []).map((draft) => [draft.id, structuredClone(draft)]));
  let made = 0;
  let submits = 0;
  const notFound = () => problemResponse({ status: 404, type: '/problems/draft-not-found', title: 'Utkastet finns inte' });
  const fail = (answer: Reply<never>) => {
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    return problemResponse((answer as { problem: Partial<Problem> & { status: number } }).problem);
  };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    // eidBackend logs every request and answers the ones that are not about drafts.
    const answered = eid.fetch(input, init);
    const { method, path, body } = eid.sent.at(-1)!;
    const request = body as Partial<Draft> & { draftId?: string };
    if (path === `api/services/${EID_SERVICE_ID}` && method === 'GET') return json(200, { ...EID_DEFINITION, ...script.definition });
    if (path === 'api/cases' && method === 'POST') {
      if (request.draftId && !drafts.has(request.draftId)) return notFound();
      const answer = inTurn(script.submit ?? [SIGNED], submits++);
      if (answer === 'never') return new Promise<Response>(() => {});
      if (typeof answer !== 'object' || !('receipt' in answer)) return fail(answer as Reply<never>);
      // Sent: the draft goes with it, in the case's own transaction (a failed send keeps it).
      if (request.draftId) drafts.delete(request.draftId);
      return json(200, answer);
    }
    if (!path.startsWith('api/drafts')) return answered;
    if (!eid.session.user) return problemResponse({ status: 401, type: '/problems/not-logged-in', title: 'Inte inloggad' });
    const failure = script.draftFailures?.shift();
    if (failure) return fail(failure);
    const now = script.now?.() ?? SAVED_AT;
    if (path === 'api/drafts' && method === 'POST') {
      const draft: Draft = {
        id: draftId(++made), serviceId: request.serviceId!, serviceVersion: request.serviceVersion!, answers: request.answers!,
        ...(request.stepId ? { stepId: request.stepId } : {}), version: 1, createdAt: now, updatedAt: now, expiresAt: '2026-04-11T13:32:00.000Z',
      };
      drafts.set(draft.id, draft);
      return json(201, draft);
    }
    const stored = drafts.get(path.slice('api/drafts/'.length));
    if (!stored) return notFound();
    if (method === 'DELETE') {
      drafts.delete(stored.id);
      return json(204, undefined);
    }
    if (method === 'PUT') {
      if (request.version !== stored.version) {
        return problemResponse({
          status: 409, type: '/problems/draft-conflict', title: 'Ärendet har ändrats på annat håll, till exempel i en annan flik.', currentVersion: stored.version,
        } as Partial<Problem> & { status: number });
      }
      const { stepId: _old, ...rest } = stored;
      const saved: Draft = { ...rest, answers: request.answers!, ...(request.stepId ? { stepId: request.stepId } : {}), version: stored.version + 1, updatedAt: now };
      drafts.set(saved.id, saved);
      return json(200, saved);
    }
    return json(200, stored);
  };
  return { ...eid, script, drafts, fetch };
}
