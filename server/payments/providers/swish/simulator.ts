import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { isIP, type AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createPki } from '../../../eid/simulator/certs.js';
import { CallbackSender } from './callbacks.js';
import type { SwishErrorEntry } from './error-codes.js';
import {
  PAYER_OUTCOMES, SwishLedger,
  type ActResult, type PayerOutcome, type SimulatedPaymentRequest, type SwishRefundObject, type SwishSimulatorSettings,
} from './ledger.js';
import { PAYER_PAGE_CSS, pageQuery, renderPayerPage, type PayerPageModel } from './payer-page.js';
import { checkPaymentRequest, checkRefund, INSTRUCTION_UUID } from './validation.js';
import { closeServer } from '../../../http/simulator-server.js';

/**
 * A simulator of Swish's Commerce API ("Swish Handel"), in the spirit of Swish's own Merchant
 * Swish Simulator (MSS), for a municipality's e-services to be built and tested against without a
 * Swish agreement:
 *
 * - The API is HTTPS with mutual TLS, as Swish's: at start it makes a CA, a server certificate for
 *   localhost and a merchant client certificate (PKCS#12) whose common name is the merchant's
 *   Swish number. The server asks for a client certificate and refuses the handshake without one
 *   from its CA (`requestCert`, `rejectUnauthorized`), the way Swish's servers and MSS do.
 * - Endpoints and shapes as Swish documents them (developer.swish.nu, API reference v2):
 *     PUT   /swish-cpcapi/api/v2/paymentrequests/{instructionUUID}   201, Location, PaymentRequestToken (m-commerce)
 *     GET   /swish-cpcapi/api/v1/paymentrequests/{id}                200 the payment request object, 404
 *     PATCH /swish-cpcapi/api/v1/paymentrequests/{id}                application/json-patch+json, cancel a CREATED one
 *     PUT   /swish-cpcapi/api/v2/refunds/{instructionUUID}           201, Location
 *     GET   /swish-cpcapi/api/v1/refunds/{id}                        200 the refund object, 404
 *   Bodies are checked field by field (validation.ts); broken ones get 422 with Swish's array of
 *   `{ errorCode, errorMessage, additionalInformation }`; a payeeAlias that is not the
 *   certificate's Swish number gets 403; a wrong Content-Type 415.
 * - Status changes are posted to the callbackUrl (callbacks.ts), and the payer's app is a plain
 *   HTML page on a separate, plain-HTTP port (payer-page.ts): the tester's page, not an API.
 */

export interface SwishSimulatorOptions extends Partial<SwishSimulatorSettings> {
  /** Default 127.0.0.1. */
  host?: string;
  /** The HTTPS API port; 0 (default) picks a free one. */
  port?: number;
  /** The plain-HTTP payer page's port; 0 (default) picks a free one. */
  payerPort?: number;
  /** The merchant's Swish number; default 1234679304, the number of Swish's own MSS test certificate. */
  payeeAlias?: string;
}

export interface SwishSimulator {
  /** https://127.0.0.1:<port>: the base URL for SwishProvider (the paths start /swish-cpcapi/). */
  url: string;
  /** http://127.0.0.1:<port>/sim/: the payer's app. */
  payerUrl: string;
  /** The merchant certificate and the CA to trust: what a municipality gets from Swish and its bank. */
  merchant: { pfx: Buffer; passphrase: string; ca: string; payeeAlias: string };
  /** Change these while it runs; new requests and callbacks use the new values. */
  settings: SwishSimulatorSettings;
  /** Every payment request, newest first. */
  requests(): SimulatedPaymentRequest[];
  /** Every refund, newest first. */
  refunds(): SwishRefundObject[];
  /** What the payer does in the app, for tests; the payer page does the same. */
  act(id: string, outcome: PayerOutcome): ActResult;
  close(): Promise<void>;
}

const API_PATH = /^\/swish-cpcapi\/api\/(v1|v2)\/(paymentrequests|refunds)\/([^/]+)$/;
const PAYER_POST_PATH = /^\/sim\/requests\/([^/]+)$/;
const MAX_BODY_BYTES = 64 * 1024;

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function startSwishSimulator(options: SwishSimulatorOptions = {}): Promise<SwishSimulator> {
  const host = options.host ?? '127.0.0.1';
  const payeeAlias = options.payeeAlias ?? '1234679304';
  const settings: SwishSimulatorSettings = {
    callbackDelayMs: options.callbackDelayMs ?? 0,
    callbackRepeats: options.callbackRepeats ?? 1,
    answerAfterMs: options.answerAfterMs ?? 180_000,
    refundAfterMs: options.refundAfterMs ?? 0,
  };
  const pki = createPki({ organisation: 'Swish-simulatorn (e-service-kit)', clientName: payeeAlias });
  const sender = new CallbackSender(settings);
  const ledger = new SwishLedger(settings, (callbackUrl, body, identifier) => sender.send(callbackUrl, body, identifier));

  let baseUrl = '';
  const api = createHttpsServer(
    { key: pki.serverKey, cert: pki.serverCert, ca: pki.caCert, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    (req, res) => void answerApi(req, res),
  );
  const payer = createHttpServer((req, res) => void servePayerPage(req, res));

  async function answerApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let answer: Answer;
    try {
      answer = await apiAnswer(req);
    } catch (cause) {
      console.error('Swish simulator: the API call failed:', cause);
      answer = { status: 500 };
    }
    send(res, answer);
  }

  async function apiAnswer(req: IncomingMessage): Promise<Answer> {
    const path = new URL(req.url ?? '/', 'https://simulator').pathname;
    const match = API_PATH.exec(path);
    if (!match) return { status: 404 };
    const [, version, resource, id] = match as unknown as [string, 'v1' | 'v2', 'paymentrequests' | 'refunds', string];
    // The Swish number the certificate was issued to: the only merchant this caller may act for.
    const commonName = (req.socket as TLSSocket).getPeerCertificate().subject?.CN;
    const merchant = (Array.isArray(commonName) ? commonName[0] : commonName) ?? '';
    const method = req.method ?? 'GET';

    if (version === 'v2' && method === 'PUT') {
      if (!INSTRUCTION_UUID.test(id)) return { status: 400 };
      if (mediaType(req) !== 'application/json') return { status: 415 };
      const body = await readJson(req);
      if (!isRecord(body)) return { status: 400 };
      const fingerprint = JSON.stringify(Object.entries(body).sort(([a], [b]) => a.localeCompare(b)));
      const location = `${baseUrl}/swish-cpcapi/api/v1/${resource}/${id}`;
      if (resource === 'paymentrequests') {
        const checked = checkPaymentRequest(body, merchant);
        if (!checked.ok) return refusal(checked.status, checked.errors);
        const created = ledger.createPaymentRequest(id, checked.value, fingerprint);
        if (!created.ok) return refusal(422, created.errors);
        return { status: 201, headers: { Location: location, ...(created.token ? { PaymentRequestToken: created.token } : {}) } };
      }
      const checked = checkRefund(body, merchant);
      if (!checked.ok) return refusal(checked.status, checked.errors);
      const created = ledger.createRefund(id, checked.value, fingerprint);
      if (!created.ok) return refusal(422, created.errors);
      return { status: 201, headers: { Location: location } };
    }

    if (version === 'v1' && method === 'GET') {
      // Another merchant's request is "not found", as Swish says of one "not initiated by the merchant".
      if (resource === 'paymentrequests') {
        const request = ledger.paymentRequest(id);
        return request?.payeeAlias === merchant ? { status: 200, body: request } : { status: 404 };
      }
      const refund = ledger.refund(id);
      return refund?.payerAlias === merchant ? { status: 200, body: refund } : { status: 404 };
    }

    if (version === 'v1' && method === 'PATCH' && resource === 'paymentrequests') {
      if (mediaType(req) !== 'application/json-patch+json') return { status: 415 };
      const patch = await readJson(req);
      const cancels = Array.isArray(patch) && patch.length === 1 && isRecord(patch[0])
        && patch[0].op === 'replace' && patch[0].path === '/status' && patch[0].value === 'cancelled';
      if (!cancels) return { status: 400 };
      if (ledger.paymentRequest(id)?.payeeAlias !== merchant) return { status: 404 };
      const result = ledger.cancelPaymentRequest(id);
      if (result.status === 200) return { status: 200, body: result.object };
      return result.status === 422 ? refusal(422, result.errors) : { status: 404 };
    }
    return { status: 405 };
  }

  async function servePayerPage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://simulator');
      const state = {
        lang: url.searchParams.get('lang') === 'en' ? 'en' as const : 'sv' as const,
        payer: (url.searchParams.get('payer') ?? '').trim(),
        token: (url.searchParams.get('token') ?? '').trim(),
        returnUrl: url.searchParams.get('callbackurl') ?? '',
      };
      if (req.method === 'GET' && url.pathname === '/sim/style.css') {
        return send(res, { status: 200, body: PAYER_PAGE_CSS, headers: { 'Content-Type': 'text/css; charset=utf-8' } });
      }
      if (req.method === 'GET' && (url.pathname === '/sim' || url.pathname === '/sim/')) {
        const requests = ledger.paymentRequests().filter((request) =>
          state.token ? request.token === state.token : state.payer ? request.payerAlias === state.payer : true);
        const model: PayerPageModel = { ...state, requests, now: Date.now(), notice: noticeFrom(url.searchParams) };
        return send(res, { status: 200, body: renderPayerPage(model), headers: PAGE_HEADERS });
      }
      const post = PAYER_POST_PATH.exec(url.pathname);
      if (req.method === 'POST' && post) {
        const action = new URLSearchParams(await readText(req)).get('action');
        if (!PAYER_OUTCOMES.includes(action as PayerOutcome)) return send(res, { status: 400, body: 'Unknown action', headers: TEXT_HEADERS });
        const result = ledger.act(post[1]!, action as PayerOutcome);
        // Post/redirect/get: a reload of the page the browser lands on does not answer twice.
        const location = `/sim/${pageQuery(state, { done: action!, id: post[1]!, changed: result.kind === 'done' ? '1' : '0' })}`;
        return send(res, { status: 303, headers: { Location: location, ...TEXT_HEADERS } });
      }
      return send(res, { status: 404, body: 'Not found', headers: TEXT_HEADERS });
    } catch (cause) {
      console.error('Swish simulator: the payer page failed:', cause);
      return send(res, { status: 500, body: 'Internal error', headers: TEXT_HEADERS });
    }
  }

  function noticeFrom(query: URLSearchParams): PayerPageModel['notice'] {
    const done = query.get('done');
    const id = query.get('id');
    if (!done || !id || !PAYER_OUTCOMES.includes(done as PayerOutcome)) return undefined;
    const request = ledger.paymentRequest(id);
    if (!request) return { kind: 'missing' };
    return { kind: query.get('changed') === '1' ? 'done' : 'unchanged', outcome: done as PayerOutcome, status: request.status };
  }

  const apiPort = await listen(api, options.port ?? 0, host);
  const payerPort = await listen(payer, options.payerPort ?? 0, host);
  const hostInUrl = isIP(host) === 6 ? `[${host}]` : host;
  baseUrl = `https://${hostInUrl}:${apiPort}`;

  return {
    url: baseUrl,
    payerUrl: `http://${hostInUrl}:${payerPort}/sim/`,
    merchant: { pfx: pki.clientPfx, passphrase: pki.passphrase, ca: pki.caCert, payeeAlias },
    settings,
    requests: () => ledger.paymentRequests(),
    refunds: () => ledger.refunds(),
    act: (id, outcome) => ledger.act(id, outcome),
    close: async () => {
      ledger.close();
      sender.close();
      await Promise.all([closeServer(api), closeServer(payer)]);
    },
  };
}

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  // The page has no script; its only style sheet and form targets are its own.
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
};
const TEXT_HEADERS = { 'Content-Type': 'text/plain; charset=utf-8' };

function refusal(status: 403 | 422, errors: SwishErrorEntry[]): Answer {
  return status === 403 ? { status } : { status, body: errors };
}

function send(res: ServerResponse, answer: Answer): void {
  const payload = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const headers: Record<string, string | number> = { 'Cache-Control': 'no-store', ...answer.headers, 'Content-Length': Buffer.byteLength(payload) };
  if (answer.body !== undefined && typeof answer.body !== 'string') headers['Content-Type'] = 'application/json';
  res.writeHead(answer.status, headers);
  res.end(payload);
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readText(req));
  } catch {
    return undefined;
  }
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        reject(new Error('Body too large'));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function listen(server: HttpServer | HttpsServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

