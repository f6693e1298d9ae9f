import definition from '../../server/demo-services/parkeringstillstand.json';
import type { Answers, CaseReceipt, SubmitCaseResponse } from '../../src/contract/cases.js';
import type { CasePayment, PaymentState, PaymentStatus, StartPaymentRequest } from '../../src/contract/payments.js';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../src/contract/problem.js';

/**
 * Example data for paying for a case, shared by stories/e-service-form-payment.stories.ts: the demo e-service with
 * a fee (server/demo-services/parkeringstillstand.json, 200 kr), answers that pass it, and a scripted fake backend
 * to pass as a KitClient's fetch. It makes the case, starts attempts and answers each read of one as the script
 * says — nothing leaves the page, and no provider's page is opened (the stories replace `navigation.assign`).
 */

export const PAYMENT_SERVICE_ID = definition.id;

/** The URL the client believes it talks to. */
export const PAYMENT_BACKEND_URL = 'https://etjanster.kommun.se/';

/** Answers that pass the parking permit's checks and cost 200 kr. */
export const PARKING_ANSWERS: Answers = { name: 'Anna Andersson', email: 'anna@example.se', registration: 'ABC 123', disabledPermit: false };

/** The same with a disabled parking permit: free. */
export const FREE_PARKING_ANSWERS: Answers = { ...PARKING_ANSWERS, disabledPermit: true, permitNumber: 'RH 12345' };

export const PAYMENT_CASE_NUMBER = 'PARK-2026-00017';
const CASE_ID = '7b1e4c9a-5f0c-4a7e-9b1d-2d7b3c8e6f01';

const due: CasePayment = {
  state: 'due',
  fee: {
    lines: [{ text: definition.fee.lines[0]!.text, count: 1, unitAmount: 20000, amount: 20000 }],
    amount: 20000, vatAmount: 0, vatPercent: 0, currency: 'SEK',
  },
  methods: ['card', 'swish'],
};

const receipt = (payment: CasePayment): CaseReceipt => ({
  caseId: CASE_ID,
  caseNumber: PAYMENT_CASE_NUMBER,
  serviceId: definition.id,
  serviceTitle: definition.title,
  municipality: definition.municipality.name,
  submittedAt: '2026-03-12T09:41:00.000Z',
  title: definition.receipt.title,
  text: definition.receipt.text,
  payment,
});

/** How the fake backend answers. */
export interface PaymentScript {
  /** What every read of an attempt says: still pending, or how it ended. */
  outcome: PaymentState;
  /** While the card is pending: declined at the provider, where the citizen may try another card. */
  cardDeclined?: boolean;
}

/** A fetch that answers what `<e-service-form>` asks of the backend at `base` while a case is made and paid. */
export function paymentFetch(script: PaymentScript, base = PAYMENT_BACKEND_URL): typeof fetch {
  let attempts = 0;
  let method: StartPaymentRequest['method'] = 'card';
  let paid = false;
  const attempt = (state: PaymentState): PaymentStatus => ({
    paymentId: `5c3d6a10-0000-4000-8000-00000000000${attempts}`,
    caseId: CASE_ID,
    method,
    state,
    amount: due.fee.amount,
    ...(state === 'pending' && method === 'card' ? { redirectUrl: `${PAYMENT_BACKEND_URL}betala/kort/${attempts}` } : {}),
    ...(state === 'pending' && method === 'swish' ? { swishToken: `c28a4061470f4af48973bd2a4642b4f${attempts}` } : {}),
    ...(state === 'pending' && method === 'card' && script.cardDeclined ? { errorCode: 'carddeclined' } : {}),
  });
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const verb = (init?.method ?? 'GET').toUpperCase();
    const path = `${url.origin}${url.pathname}`.slice(base.length);
    if (verb === 'GET' && path === `api/services/${definition.id}`) return json(200, definition);
    if (verb === 'GET' && path === 'api/session') return json(200, { authenticated: false });
    if (verb === 'POST' && path === 'api/cases') {
      const answer: SubmitCaseResponse = { receipt: receipt(due), receiptToken: 'story-receipt-token' };
      return json(201, answer);
    }
    if (verb === 'POST' && path === `api/cases/${CASE_ID}/payments`) {
      attempts++;
      method = (JSON.parse(String(init?.body)) as StartPaymentRequest).method;
      return json(201, attempt('pending'));
    }
    if (verb === 'GET' && path.startsWith('api/payments/')) {
      paid ||= script.outcome === 'paid';
      return json(200, attempt(script.outcome));
    }
    if (verb === 'GET' && path === `api/cases/${PAYMENT_CASE_NUMBER}/receipt`) {
      return json(200, receipt(paid
        ? { ...due, state: 'paid', paidAt: '2026-03-12T09:43:00.000Z', paymentReference: '7412369', instrument: method === 'swish' ? 'Swish' : 'Visa' }
        : due));
    }
    return problem({ status: 404, type: 'about:blank', title: 'Not Found', detail: `${verb} /${path} is not part of the story backend.` });
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function problem(body: Problem): Response {
  return new Response(JSON.stringify(body), { status: body.status, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE } });
}
