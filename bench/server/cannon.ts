import autocannon, { type Result } from 'autocannon';
import type { SubmitCaseResponse } from '../../src/contract/cases.js';
import { KIT_HEADERS, VALID_FAULT_REPORT } from '../../test/support/backend.js';

/** What one timed run gave, the same for our requests and for pgbench. */
export interface Figures {
  /** Answered 2xx per second (pgbench: transactions per second). */
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers that were not 2xx, timeouts and connection errors. */
  errors: number;
  /** How many were answered 2xx. */
  ok: number;
  /** Cases only: the ids answered 2xx, which the database must hold, once each. */
  caseIds?: Set<string>;
  /** The status codes other than 2xx, for the line under the table. */
  others: string[];
}

/** A request gets this long, as a citizen's browser would wait; past it, it counts as an error. */
const TIMEOUT_SECONDS = 30;

function figuresOf(result: Result): Figures {
  const others = Object.entries(result.statusCodeStats)
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, { count }]) => `${count} × ${status}`);
  if (result.timeouts) others.push(`${result.timeouts} timeouts`);
  return {
    perSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.non2xx + result.errors,
    ok: result['2xx'],
    others,
  };
}

/**
 * Each case from a citizen of its own, as on a deadline day: the server counts its per-address limit for each
 * (TRUST_PROXY), and one address for all would make every case wait for the one before on that address's row.
 */
const citizenAddress = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/**
 * `POST /api/cases` of felanmalan (no login), each request with an Idempotency-Key of its own and a place text
 * that names the run (`marker`) and the request, so that the cases can be counted afterwards and doubles found.
 */
export async function sendCases(url: string, connections: number, seconds: number, marker: string): Promise<Figures> {
  let n = 0;
  const caseIds = new Set<string>();
  const result = await autocannon({
    url, connections, duration: seconds, timeout: TIMEOUT_SECONDS,
    requests: [{
      method: 'POST',
      path: '/api/cases',
      setupRequest: (request) => {
        const id = `${marker}-${String(++n).padStart(7, '0')}`;
        const answers = { ...VALID_FAULT_REPORT.answers, place: `Storgatan ${1 + (n % 90)} (${id})` };
        return {
          ...request,
          headers: { ...KIT_HEADERS, 'x-forwarded-for': citizenAddress(n), 'idempotency-key': `bench-${id}` },
          body: JSON.stringify({ ...VALID_FAULT_REPORT, answers }),
        };
      },
      onResponse: (status, body) => {
        if (status >= 200 && status < 300) caseIds.add((JSON.parse(body) as SubmitCaseResponse).receipt.caseId);
      },
    }],
  });
  return { ...figuresOf(result), caseIds };
}

/** A draft a logged-in citizen saves over and over, with the version the next save builds on. */
export interface BenchDraft {
  id: string;
  version: number;
  /** The session cookie of the draft's owner. */
  cookie: string;
  busy?: boolean;
}

export const DRAFT_SERVICE = { serviceId: 'skolskjuts', serviceVersion: 3 } as const;
const SAVED = {
  ...DRAFT_SERVICE,
  stepId: 'resvag',
  answers: { school: 'centralskolan', grade: '3', reason: 'medicinska', tripTimes: ['morgon', 'eftermiddag'] },
};

/**
 * `PUT /api/drafts/{id}`: each request saves a draft no other request is saving at that moment (a draft
 * saved twice at once is a 409 by design, which would measure the bench, not the server), on top of the
 * version the draft's last answer gave.
 */
export async function saveDrafts(url: string, connections: number, seconds: number, drafts: BenchDraft[]): Promise<Figures> {
  const result = await autocannon({
    url, connections, duration: seconds, timeout: TIMEOUT_SECONDS,
    requests: [{
      method: 'PUT',
      setupRequest: (request, context) => {
        const draft = drafts.find((candidate) => !candidate.busy);
        if (!draft) throw new Error(`more connections (${connections}) than drafts (${drafts.length})`);
        draft.busy = true;
        context.draft = draft;
        return {
          ...request,
          path: `/api/drafts/${draft.id}`,
          headers: { ...KIT_HEADERS, 'x-forwarded-for': '198.51.100.2', cookie: draft.cookie },
          body: JSON.stringify({ ...SAVED, version: draft.version }),
        };
      },
      onResponse: (status, body, context) => {
        const draft = context.draft as BenchDraft;
        if (status === 200) draft.version += 1;
        // Out of step (should not happen): take the version the server holds.
        else if (status === 409) draft.version = (JSON.parse(body) as { currentVersion: number }).currentVersion;
        draft.busy = false;
      },
    }],
  });
  return figuresOf(result);
}
