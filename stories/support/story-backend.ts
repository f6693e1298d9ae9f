import definition from '../../server/demo-services/felanmalan.json';
import { KitClient } from '../../src/client/kit-client.js';
import type { Answers, SubmitCaseResponse } from '../../src/contract/cases.js';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../src/contract/problem.js';
import { RECEIPT_TOKEN_HEADER } from '../../src/contract/http.js';
import { pdfResponse } from './sample-pdf.js';

/**
 * Storybook has no backend: these helpers give `<e-service-form>` a real KitClient
 * whose fetch is answered here, so every story shows a state without any network.
 */

/** How the fake backend answers one kind of request. */
export type Answer =
  /** As the reference backend would. */
  | 'ok'
  /** Never: the request stays pending (a loading or sending state). */
  | 'never'
  /** fetch rejects with a TypeError, as when the reader is offline or the server is down. */
  | 'network-error'
  /** HTTP 500 with application/problem+json. */
  | 'server-error';

export interface StoryBackendOptions {
  /** GET api/services/felanmalan. Any other service id is always a 404. */
  load?: Answer;
  /** POST api/cases. */
  submit?: Answer;
}

/** Answers that pass felanmalan's checks. */
export const VALID_ANSWERS: Answers = {
  category: 'belysning',
  place: 'Storgatan 12',
  description: 'Lampan vid övergångsstället är släckt.',
  urgent: 'nej',
};

export const CASE_NUMBER = 'FEL-2026-00042';

/** The URL the client believes it talks to; no request ever leaves the page. */
export const STORY_BACKEND_URL = 'https://etjanster.kommun.se/';

const receiptResponse: SubmitCaseResponse = {
  receipt: {
    caseId: '5f0c2a7e-3b1d-4c8e-9a6f-2d7b1e4c9a00',
    caseNumber: CASE_NUMBER,
    serviceId: definition.id,
    serviceTitle: definition.title,
    municipality: definition.municipality.name,
    submittedAt: '2026-03-12T09:41:00.000Z',
    title: definition.receipt.title,
    text: definition.receipt.text,
  },
  receiptToken: 'story-receipt-token',
};

/** A KitClient for a story, backed by the fake fetch below. */
export function storyClient(options: StoryBackendOptions = {}): KitClient {
  return new KitClient(STORY_BACKEND_URL, storyFetch(options));
}

/** A stand-in for fetch that answers the requests `<e-service-form>` makes: its definition, the case, the case's PDF. */
export function storyFetch({ load = 'ok', submit = 'ok' }: StoryBackendOptions = {}): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/+/, '');

    if (method === 'GET' && path.startsWith('api/services/')) {
      const serviceId = decodeURIComponent(path.slice('api/services/'.length));
      if (serviceId !== definition.id) {
        return problem(404, 'Not Found', `There is no e-service called "${serviceId}".`);
      }
      return answer(load, init?.signal, () => json(200, definition));
    }
    if (method === 'POST' && path === 'api/cases') {
      return answer(submit, init?.signal, () => json(201, receiptResponse));
    }
    // The receipt's "Ladda ner ditt ärende som PDF", for the holder of the receipt token.
    if (method === 'GET' && path === `api/cases/${CASE_NUMBER}/pdf`) {
      const token = new Headers(init?.headers).get(RECEIPT_TOKEN_HEADER);
      return token === receiptResponse.receiptToken ? pdfResponse(CASE_NUMBER) : problem(404, 'Not Found', 'Ärendet finns inte.');
    }
    return problem(404, 'Not Found', `${method} /${path} is not part of the story backend.`);
  };
}

async function answer(how: Answer, signal: AbortSignal | null | undefined, ok: () => Response): Promise<Response> {
  switch (how) {
    case 'ok':
      return ok();
    case 'network-error':
      throw new TypeError('Failed to fetch');
    case 'server-error':
      return problem(500, 'Internal Server Error', 'Something went wrong on the server.');
    case 'never':
      // Pending until the caller gives up, as a real fetch would be.
      return new Promise<Response>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function problem(status: number, title: string, detail: string): Response {
  const body: Problem = { type: 'about:blank', title, status, detail };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE } });
}
