import type { CosignOverview, CosignRequestView, CosignSigningState, StartCosignResponse } from '../../src/contract/cosign.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { SessionUser } from '../../src/contract/eid.js';
import type { CaseAttachment, CaseDetails, CaseSummary, Draft, NamedChild } from '../../src/contract/my-pages.js';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../src/contract/problem.js';
import {
  CITIZEN, FIRST_PAGE, IDS, SKOLSKJUTS_DEFINITION, myPagesBackend, type MyPagesBackend, type MyPagesScript, type Reply, type SentRequest,
} from './my-pages-example.js';

/**
 * One set of example data for <cosign-status>, shared by its browser test
 * (test/browser/cosign-status.test.ts) and its stories, and by <my-cases>' case view of the same
 * case: Anna Andersson applied for a preschool place for Elsa, with a certificate, and asked the
 * other guardian, Erik Andersson, to sign too; a scripted fake backend to pass as a KitClient's
 * fetch answers the cosigning requests (and, through <my-cases>' fake backend, the session, the
 * login, Mina sidor's cases and the e-service). Nothing leaves the page.
 */

export const COSIGN_BACKEND_URL = 'https://etjanster.kommun.se/';

/** The applicant is Mina sidor's citizen; the cosigner the other guardian. */
export const APPLICANT = CITIZEN;
export const COSIGNER: SessionUser = { name: 'Erik Andersson', givenName: 'Erik', surname: 'Andersson' };

const text = (sv: string, en: string) => ({ sv, en });
const EXEMPELBY = text('Exempelby kommun', 'Exempelby Municipality');
const FORSKOLA = text('Ansökan om plats i förskola', 'Application for a preschool place');
const DAY = 86_400_000;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const COSIGN_IDS = { caseId: IDS.caseForskola, request: id(101), signedRequest: id(102), draft: id(201), certificate: id(301) };

/** 14 days from now: the deadline the example's days left count down to. */
export const DEADLINE = new Date(Date.now() + 14 * DAY).toISOString();

/** The invitation token the link in the e-mail carries. */
export const TOKEN = 'inv-5f0c2a7e3b1d4c8e9a6f2d7b1e4c9a00';

export const FORSKOLA_DEFINITION: ServiceDefinition = {
  schemaVersion: 1,
  id: 'forskoleplats',
  version: 2,
  municipality: { id: 'exempelby', name: EXEMPELBY },
  title: FORSKOLA,
  description: text('Ansök om plats i förskola för ditt barn.', 'Apply for a preschool place for your child.'),
  contact: { text: text('Frågor? Ring 0123-45 67 00.', 'Questions? Call +46 123 45 67 00.') },
  login: 'required',
  caseNumberPrefix: 'FSK',
  steps: [
    {
      id: 'platsen',
      title: text('Platsen', 'The place'),
      fields: [
        { id: 'child', type: 'child', label: text('Vilket barn gäller ansökan?', 'Which child is the application for?') },
        { id: 'preschool', type: 'text', label: text('Önskad förskola', 'Preferred preschool') },
        {
          id: 'hours',
          type: 'radio',
          label: text('Hur mycket behöver barnet vara i förskolan?', 'How much does the child need to be at preschool?'),
          options: [
            { value: 'full', label: text('Heltid', 'Full time') },
            { value: 'part', label: text('15 timmar i veckan', '15 hours a week') },
          ],
        },
        { id: 'certificate', type: 'file', label: text('Intyg om barnets behov', 'Certificate of the child’s needs'), required: false },
        {
          id: 'phone',
          type: 'phone',
          label: text('Ditt telefonnummer', 'Your phone number'),
          // How the other guardian, or anyone but the applicant, reads the question.
          summaryLabel: text('Den sökande vårdnadshavarens telefonnummer', 'The applying guardian’s phone number'),
        },
      ],
    },
  ],
  receipt: { title: text('Tack för din ansökan', 'Thank you for your application'), text: text('Du får besked inom fyra månader.', 'You will hear from us within four months.') },
  retention: { closedCaseDays: 730, draftDays: 30 },
};

/** The child the case is about: its answer is the personnummer; the backend names it. */
export const CHILD: NamedChild = { personalNumber: '202204152387', name: 'Elsa Andersson' };

/** The certificate Anna attached: its answer is the id; the backend names it. */
export const CERTIFICATE: CaseAttachment = {
  id: COSIGN_IDS.certificate, fieldId: 'certificate', fileName: 'intyg.png', kind: 'png', sizeBytes: 182_044, uploadedAt: '2026-10-28T09:55:00Z',
};

/** What the other guardian is asked to sign. */
export const REQUEST: CosignRequestView = {
  requestId: COSIGN_IDS.request,
  caseId: COSIGN_IDS.caseId,
  serviceId: 'forskoleplats',
  serviceVersion: 2,
  serviceTitle: FORSKOLA,
  municipality: EXEMPELBY,
  askedBy: 'Anna Andersson',
  deadline: DEADLINE,
  status: 'pending',
  answers: { child: CHILD.personalNumber, preschool: 'Solrosen', hours: 'full', certificate: [CERTIFICATE.id], phone: '070-123 45 67' },
  attachments: [CERTIFICATE],
  children: [CHILD],
};

/** The same request on an older version of the e-service: its answers show under their question ids. */
export const REQUEST_OLD_VERSION: CosignRequestView = { ...REQUEST, serviceVersion: 1 };

export const SIGNED_REQUEST: CosignRequestView = { ...REQUEST, status: 'signed', signedAt: new Date().toISOString() };
export const DECLINED_REQUEST: CosignRequestView = { ...REQUEST, status: 'declined' };

/** The applicant's overview: the other guardian has not signed, a named person has. */
export const OVERVIEW: CosignOverview = {
  caseId: COSIGN_IDS.caseId,
  caseNumber: 'FSK-2026-00007',
  serviceId: 'forskoleplats',
  serviceTitle: FORSKOLA,
  status: 'awaitingCosign',
  deadline: DEADLINE,
  cosigners: [
    { requestId: COSIGN_IDS.request, status: 'pending', invitedAt: '2026-11-20T10:00:00Z', sentTo: 'e***@example.se' },
    { requestId: COSIGN_IDS.signedRequest, name: 'Karin Berg', status: 'signed', invitedAt: '2026-11-20T10:00:00Z', signedAt: '2026-11-21T08:30:00Z' },
  ],
};

export const OVERVIEW_EXPIRED: CosignOverview = {
  ...OVERVIEW,
  status: 'cosignExpired',
  deadline: new Date(Date.now() - 2 * DAY).toISOString(),
  cosigners: [{ ...OVERVIEW.cosigners[0]!, status: 'expired' }, OVERVIEW.cosigners[1]!],
};

export const OVERVIEW_DECLINED: CosignOverview = {
  ...OVERVIEW,
  status: 'cosignDeclined',
  cosigners: [{ ...OVERVIEW.cosigners[0]!, name: 'Erik Andersson', status: 'declined' }, OVERVIEW.cosigners[1]!],
};

/** Anna's case in <my-cases>, waiting for the other guardian: signed on 28 October, not sent. */
export const WAITING_ROW: CaseSummary = FIRST_PAGE.items.find((item) => item.id === COSIGN_IDS.caseId)!;

export const WAITING_DETAILS: CaseDetails = {
  ...WAITING_ROW,
  serviceVersion: 2,
  answers: REQUEST.answers,
  attachments: [CERTIFICATE],
  children: [CHILD],
  signatures: [{ name: 'Anna Andersson', signedAt: '2026-10-28T10:00:00Z' }],
  history: [{ status: 'awaitingCosign', at: '2026-10-28T10:00:00Z' }],
};

/** The same case once the deadline passed unsigned: never sent. */
export const EXPIRED_ROW: CaseSummary = { ...WAITING_ROW, status: 'cosignExpired', updatedAt: '2026-11-25T00:00:00Z' };
export const EXPIRED_DETAILS: CaseDetails = {
  ...WAITING_DETAILS,
  ...EXPIRED_ROW,
  history: [...WAITING_DETAILS.history, { status: 'cosignExpired', at: '2026-11-25T00:00:00Z' }],
};

/** The draft "Börja om med en kopia" makes. */
export const COPY: Draft = {
  id: COSIGN_IDS.draft,
  serviceId: 'forskoleplats',
  serviceVersion: 2,
  // The files belong to the old case: the copy asks for them again.
  answers: Object.fromEntries(Object.entries(REQUEST.answers).filter(([question]) => question !== 'certificate')),
  version: 1,
  createdAt: '2026-11-24T09:00:00Z',
  updatedAt: '2026-11-24T09:00:00Z',
  expiresAt: '2026-12-24T09:00:00Z',
};

/** The refusals, each as the backend answers it (problem type /problems/<code>). */
export const REFUSALS = {
  'not-for-you': 403,
  'invitation-expired': 410,
  'invitation-used': 409,
  'already-signed': 409,
  declined: 409,
  'case-not-awaiting-cosign': 409,
} as const;
export type Refusal = keyof typeof REFUSALS;

export const refusal = (code: Refusal): { problem: Partial<Problem> & { status: number } } => ({
  problem: { status: REFUSALS[code], type: `/problems/${code}`, title: code },
});

// --- the fake backend ---------------------------------------------------------------------

export interface CosignScript {
  /** Logged in from the start, as this person; undefined: not logged in (a login completes at once, as Anna Andersson). */
  user?: SessionUser | undefined;
  /** POST api/cosigning/open, in turn (the last repeats). */
  open?: Reply<CosignRequestView>[];
  /** GET api/cosigning/requests/{id}, in turn. */
  request?: Reply<CosignRequestView>[];
  /** POST …/signatures, in turn: by default an order with an autoStartToken. */
  start?: Reply<StartCosignResponse>[];
  /** GET api/cosigning/signatures/{orderRef}, in turn: by default complete at once. */
  polls?: Reply<CosignSigningState>[];
  /** POST …/decline: by default the request, declined. */
  decline?: Reply<CosignRequestView>;
  /** GET api/my/cases/{id}/cosigning, in turn. */
  overview?: Reply<CosignOverview>[];
  /** POST …/invitation, in turn: by default the overview with the invitation sent now (to the address given, hidden). */
  reinvite?: Reply<CosignOverview>[];
  /** POST api/my/cases/{id}/copy: by default COPY. */
  copy?: Reply<Draft>;
  /** GET api/services/{id}: by default FORSKOLA_DEFINITION (and skolskjuts' for that e-service). */
  service?: Reply<ServiceDefinition>;
  /** Mina sidor's requests (<my-cases>' list and case details): by default with WAITING_DETAILS for Anna's case. */
  myPages?: Omit<MyPagesScript, 'user' | 'service'>;
}

export interface CosignBackend {
  fetch: typeof fetch;
  sent: SentRequest[];
  /** The headers of each request sent, by index into `sent`. */
  headers: Headers[];
  script: CosignScript;
  session: MyPagesBackend['session'];
}

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function problemResponse({ status, ...rest }: Partial<Problem> & { status: number }): Response {
  const body: Problem = { type: 'about:blank', title: `HTTP ${status}`, status, ...rest };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE } });
}

const inTurn = <T>(list: T[], index: number): T => list[Math.min(index, list.length - 1)]!;

/** "erik.andersson@example.se" as the backend shows it: e***@example.se. */
const hide = (email: string) => email.replace(/^(.)[^@]*/, '$1***');

/**
 * A backend that answers <cosign-status>'s requests from a script; the session, the login and
 * anything else go to <my-cases>' fake backend. `baseUrl` may carry a path, so each test can have its own.
 */
export function cosignBackend(script: CosignScript = {}, baseUrl = COSIGN_BACKEND_URL): CosignBackend {
  const inner = myPagesBackend({
    ...script.myPages,
    user: script.user,
    ...(script.service ? { service: script.service } : {}),
    services: { forskoleplats: FORSKOLA_DEFINITION, skolskjuts: SKOLSKJUTS_DEFINITION, ...script.myPages?.services },
    caseDetails: { [COSIGN_IDS.caseId]: WAITING_DETAILS, ...script.myPages?.caseDetails },
  }, baseUrl);
  const { sent, session } = inner;
  const headers: Headers[] = [];
  const count = { open: 0, request: 0, start: 0, polls: 0, overview: 0, reinvite: 0 };
  const backend: CosignBackend = { fetch: undefined!, sent, headers, script, session };

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
    const ours = path.startsWith('api/cosigning/') || /^api\/my\/cases\/[^/]+\/(cosigning|copy)/.test(path);
    headers[sent.length] = new Headers(init?.headers);
    if (!ours) return inner.fetch(input, init);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    sent.push({ method, path, query: url.search, ...(body === undefined ? {} : { body }) });
    const signal = init?.signal;
    if (!session.user) return problemResponse({ status: 401, type: '/problems/not-logged-in', title: 'Inte inloggad' });

    if (path === 'api/cosigning/open' && method === 'POST') return reply(inTurn(script.open ?? [REQUEST], count.open++), signal);
    let match = /^api\/cosigning\/requests\/([^/]+)(\/signatures|\/decline)?$/.exec(path);
    if (match) {
      if (match[2] === '/signatures') {
        const answer = script.start ? inTurn(script.start, count.start++) : { orderRef: `cosign-order-${++count.start}`, autoStartToken: 'auto-token' };
        return reply(answer, signal);
      }
      if (match[2] === '/decline') return reply(script.decline ?? DECLINED_REQUEST, signal);
      return reply(inTurn(script.request ?? [REQUEST], count.request++), signal);
    }
    if (path.startsWith('api/cosigning/signatures/')) {
      if (method === 'DELETE') return json(204, undefined);
      return reply(inTurn(script.polls ?? [{ status: 'complete', request: SIGNED_REQUEST }], count.polls++), signal);
    }
    match = /^api\/my\/cases\/([^/]+)\/cosigning(?:\/([^/]+)\/invitation)?$/.exec(path);
    if (match) {
      if (!match[2]) return reply(inTurn(script.overview ?? [OVERVIEW], count.overview++), signal);
      if (script.reinvite) return reply(inTurn(script.reinvite, count.reinvite++), signal);
      const { email } = (body ?? {}) as { email?: string };
      const now = new Date().toISOString();
      const requestId = match[2];
      return json(200, {
        ...OVERVIEW,
        cosigners: OVERVIEW.cosigners.map((cosigner) =>
          cosigner.requestId === requestId ? { ...cosigner, invitedAt: now, ...(email ? { sentTo: hide(email) } : {}) } : cosigner,
        ),
      } satisfies CosignOverview);
    }
    if (/^api\/my\/cases\/[^/]+\/copy$/.test(path) && method === 'POST') return reply(script.copy ?? COPY, signal, 201);
    return problemResponse({ status: 404, title: 'Finns inte' });
  };
  return backend;
}
