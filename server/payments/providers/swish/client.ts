import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import * as z from 'zod/mini';
import {
  PaymentProviderError,
  type PaymentOrder, type PaymentProvider, type PaymentReading, type PaymentState, type RefundReading, type RefundRequest, type StartedPayment,
} from '../../provider.js';
import { oreToSwishAmount, swishAmountToOre } from './amount.js';
import { INSTRUCTION_UUID } from './validation.js';

/**
 * Swish for merchants ("Swish Handel"): the Commerce API, for a municipality with its own Swish
 * agreement and Swish number (123xxxxxxx). Every call goes over mutual TLS: we show Swish the
 * merchant certificate it issued (PKCS#12 + passphrase) and trust only the CA we are given for
 * Swish's server. The same client talks to Swish's production API (https://cpc.getswish.net),
 * its Merchant Swish Simulator (https://mss.cpc.getswish.net) and our simulator (simulator.ts).
 *
 * Calls and shapes as Swish documents them (developer.swish.nu, API reference v2):
 *   PUT   /swish-cpcapi/api/v2/paymentrequests/{instructionUUID}  create; 201 + PaymentRequestToken without payerAlias
 *   GET   /swish-cpcapi/api/v1/paymentrequests/{id}               the payment request object
 *   PATCH /swish-cpcapi/api/v1/paymentrequests/{id}               [{ op: replace, path: /status, value: cancelled }]
 *   PUT   /swish-cpcapi/api/v2/refunds/{instructionUUID}          create a refund; 201
 *   GET   /swish-cpcapi/api/v1/refunds/{id}                       the refund object
 * Errors come as 422 with `[{ errorCode, errorMessage, additionalInformation }]`; any answer that
 * is not 2xx becomes a PaymentProviderError carrying the HTTP status and Swish's first code.
 */

export interface SwishProviderOptions {
  /** Scheme, host and port: https://cpc.getswish.net, https://mss.cpc.getswish.net or the simulator's `url`. */
  baseUrl: string;
  /** The municipality's Swish number (123xxxxxxx): the payee of every payment and the payer of every refund. */
  payeeAlias: string;
  /** The merchant certificate and key Swish issued, as PKCS#12. */
  pfx: Buffer;
  passphrase: string;
  /** The CA certificate(s), PEM, that Swish's server certificate must chain to. */
  ca: string | Buffer;
  /** Give up on one call after this long (default 10 s). */
  timeoutMs?: number;
}

const PAYMENT_STATUSES = ['CREATED', 'PAID', 'DECLINED', 'ERROR', 'CANCELLED'] as const;
const REFUND_STATUSES = ['CREATED', 'VALIDATED', 'DEBITED', 'PAID', 'ERROR'] as const;
const text = () => z.optional(z.nullable(z.string()));
/** Swish answers `amount` as a JSON number (100.00 in its examples); a string is read too. */
const amount = z.union([z.number(), z.string()]);

/** Swish's payment request object: the GET answer, and the body of its callbacks. */
export const SwishPaymentRequestAnswer = z.looseObject({
  id: z.string(),
  payeePaymentReference: text(),
  paymentReference: text(),
  payerAlias: text(),
  payeeAlias: text(),
  amount,
  currency: z.string(),
  message: text(),
  status: z.enum(PAYMENT_STATUSES),
  dateCreated: text(),
  datePaid: text(),
  errorCode: text(),
  errorMessage: text(),
});
export type SwishPaymentRequestAnswer = z.infer<typeof SwishPaymentRequestAnswer>;

/** Swish's refund object. */
export const SwishRefundAnswer = z.looseObject({
  id: z.string(),
  originalPaymentReference: text(),
  paymentReference: text(),
  amount,
  currency: z.string(),
  status: z.enum(REFUND_STATUSES),
  datePaid: text(),
  errorCode: text(),
  errorMessage: text(),
  additionalInformation: text(),
});
export type SwishRefundAnswer = z.infer<typeof SwishRefundAnswer>;

const SwishErrors = z.array(z.looseObject({ errorCode: text(), errorMessage: text(), additionalInformation: text() }));

const PATH = '/swish-cpcapi/api';

export class SwishProvider implements PaymentProvider {
  readonly id = 'swish' as const;
  readonly #agent: Agent;
  readonly #baseUrl: URL;
  readonly #payeeAlias: string;
  readonly #timeoutMs: number;

  constructor(options: SwishProviderOptions) {
    this.#baseUrl = new URL(options.baseUrl);
    if (this.#baseUrl.protocol !== 'https:') throw new Error('Swish baseUrl must use https');
    if (!/^123\d{7}$/.test(options.payeeAlias)) throw new Error(`Not a merchant Swish number (123xxxxxxx): ${options.payeeAlias}`);
    this.#payeeAlias = options.payeeAlias;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#agent = new Agent({ pfx: options.pfx, passphrase: options.passphrase, ca: options.ca, keepAlive: true, minVersion: 'TLSv1.2' });
  }

  /**
   * With `payerAlias` (another device: e-commerce) the request appears in that payer's Swish app;
   * without (this device, or a QR code: m-commerce) Swish gives a token to open the app with.
   */
  async start(order: PaymentOrder): Promise<StartedPayment> {
    if (order.currency !== 'SEK') throw new PaymentProviderError(`Swish takes SEK only, not ${order.currency}`);
    const id = instructionUuid(`payment:${this.#payeeAlias}:${order.reference}`);
    const body: Record<string, string> = {
      payeePaymentReference: order.reference,
      callbackUrl: order.urls.callback,
      payeeAlias: this.#payeeAlias,
      currency: 'SEK',
      amount: oreToSwishAmount(order.amount),
      message: order.description,
    };
    if (order.payerAlias) body.payerAlias = order.payerAlias;
    const answer = await this.#call('start', 'PUT', `${PATH}/v2/paymentrequests/${id}`, body, { retryOnce: true });
    const token = answer.headers.paymentrequesttoken;
    if (typeof token === 'string' && token) return { providerRef: id, swishToken: token };
    // Without a payer's number the token is the only way to the app: a request without one cannot be paid.
    if (!order.payerAlias) throw new PaymentProviderError(`Swish start: no PaymentRequestToken for ${id}`, answer.status);
    return { providerRef: id };
  }

  async read(providerRef: string): Promise<PaymentReading> {
    const request = await this.#paymentRequest(providerRef);
    const state = paymentState(request);
    const reading: PaymentReading = { state, amount: state === 'paid' ? ore(request.amount) : 0, currency: request.currency, instrument: 'Swish' };
    if (state === 'paid' && request.datePaid) reading.paidAt = new Date(request.datePaid);
    if (request.paymentReference) reading.paymentReference = request.paymentReference;
    if (request.errorCode) reading.errorCode = request.errorCode;
    return reading;
  }

  /** Swish's PAID is money moved already: there is nothing to capture. */
  async capture(): Promise<void> {}

  /**
   * Swish pays a refund from the merchant's account back to the payer: the refund's payer is our
   * own Swish number and it names the original payment by its `paymentReference`.
   */
  async refund(providerRef: string, refund: RefundRequest): Promise<RefundReading> {
    const payment = await this.#paymentRequest(providerRef);
    if (payment.status !== 'PAID' || !payment.paymentReference) {
      throw new PaymentProviderError(`Swish refund: the payment ${providerRef} is ${payment.status}; only a PAID one can be refunded`);
    }
    // Named after our reference, so asking again with the same reference asks for the same refund.
    const id = instructionUuid(`refund:${this.#payeeAlias}:${providerRef}:${refund.reference}`);
    await this.#call('refund', 'PUT', `${PATH}/v2/refunds/${id}`, {
      originalPaymentReference: payment.paymentReference,
      callbackUrl: refund.callbackUrl,
      payerAlias: this.#payeeAlias,
      amount: oreToSwishAmount(refund.amount),
      currency: 'SEK',
      message: refund.description,
      payerPaymentReference: refund.reference,
    }, { retryOnce: true });
    return this.readRefund(providerRef, { reference: refund.reference, refundRef: id });
  }

  /** A refund as Swish has it now: PAID once the money is back with the payer, ERROR when it could not be paid. */
  async readRefund(_providerRef: string, refund: { reference: string; refundRef: string }): Promise<RefundReading> {
    if (!INSTRUCTION_UUID.test(refund.refundRef)) throw new PaymentProviderError(`Swish read refund: "${refund.refundRef}" is not a refund id`);
    const answer = parse(SwishRefundAnswer, (await this.#call('read refund', 'GET', `${PATH}/v1/refunds/${refund.refundRef}`)).json, 'read refund');
    const reading: RefundReading = { state: answer.status === 'PAID' ? 'refunded' : answer.status === 'ERROR' ? 'failed' : 'pending', providerRef: answer.id };
    if (answer.errorCode) reading.errorCode = answer.errorCode;
    return reading;
  }

  /**
   * Withdraws a request nobody answered (only a CREATED one can be). Asking again is harmless: a
   * request already CANCELLED counts as done; one that ended otherwise (paid!) is an error.
   */
  async abort(providerRef: string): Promise<void> {
    try {
      await this.#call('abort', 'PATCH', `${PATH}/v1/paymentrequests/${providerRef}`, [{ op: 'replace', path: '/status', value: 'cancelled' }], {
        contentType: 'application/json-patch+json',
      });
    } catch (error) {
      if (error instanceof PaymentProviderError && error.status === 422 && (await this.#paymentRequest(providerRef)).status === 'CANCELLED') return;
      throw error;
    }
  }

  /** Closes kept-alive connections. */
  close(): void {
    this.#agent.destroy();
  }

  async #paymentRequest(providerRef: string): Promise<SwishPaymentRequestAnswer> {
    if (!/^[0-9A-F]{32}$/.test(providerRef)) throw new PaymentProviderError(`Not a Swish payment request id: ${providerRef}`);
    return parse(SwishPaymentRequestAnswer, (await this.#call('read', 'GET', `${PATH}/v1/paymentrequests/${providerRef}`)).json, 'read');
  }

  /**
   * One call. A create is named by us (instructionUUID), so when the connection fails before any
   * answer it is sent once more: Swish answers a repeated PUT of the same request the same way.
   */
  async #call(
    what: string, method: string, path: string, body?: unknown, options: { contentType?: string; retryOnce?: boolean } = {},
  ): Promise<{ status: number; headers: IncomingHttpHeaders; json: unknown }> {
    try {
      return await this.#send(what, method, path, body, options.contentType);
    } catch (error) {
      if (!options.retryOnce || !(error instanceof PaymentProviderError) || error.status !== undefined) throw error;
      return this.#send(what, method, path, body, options.contentType);
    }
  }

  #send(what: string, method: string, path: string, body: unknown, contentType = 'application/json') {
    const url = new URL(path, this.#baseUrl);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (payload) Object.assign(headers, { 'content-type': contentType, 'content-length': payload.length });
    return new Promise<{ status: number; headers: IncomingHttpHeaders; json: unknown }>((resolve, reject) => {
      const req = httpsRequest(url, { method, agent: this.#agent, headers, timeout: this.#timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => reject(new PaymentProviderError(`Swish ${what}: ${error.message}`)));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const raw = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = raw ? JSON.parse(raw) : undefined;
          } catch {
            json = undefined;
          }
          if (status >= 200 && status < 300) resolve({ status, headers: res.headers, json });
          else reject(swishError(what, status, json));
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer in ${this.#timeoutMs} ms`)));
      req.on('error', (error) => reject(error instanceof PaymentProviderError ? error : new PaymentProviderError(`Swish ${what}: ${error.message}`)));
      req.end(payload);
    });
  }
}

/**
 * Opens the Swish app on this device for an m-commerce request; the app sends the payer back to
 * `callbackUrl` when done. Both values URL-encoded (Swish, "Trigger the Swish app":
 * swish://paymentrequest?token=<token>&callbackurl=<callbackURL>).
 */
export function swishAppLink(token: string, callbackUrl: string): string {
  return `swish://paymentrequest?token=${encodeURIComponent(token)}&callbackurl=${encodeURIComponent(callbackUrl)}`;
}

/**
 * What a QR code for an m-commerce request encodes, for another device to scan: the token
 * prefixed with "D" (Swish QR code API v1, "m-commerce to q-commerce": the code Swish's own
 * generator, POST https://mpc.getswish.net/qrg-swish/api/v1/commerce, makes for a token).
 */
export function swishQrData(token: string): string {
  return `D${token}`;
}

/**
 * A Swish instructionUUID named after `name`: a name-based UUID (RFC 9562 version 5, SHA-1) in
 * Swish's form, 32 upper-case hexadecimal digits without hyphens. The same name always gives the
 * same id, so the same attempt or refund asked for twice is one request at Swish.
 */
export function instructionUuid(name: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return bytes.toString('hex').toUpperCase();
}
/** The kit's own namespace for those names (a fixed random UUID). */
const NAMESPACE = Buffer.from('6f1c2a4e9b3d4c7a8e2f51d0a3b7c9e4', 'hex');

function paymentState(request: SwishPaymentRequestAnswer): PaymentState {
  switch (request.status) {
    case 'CREATED': return 'pending';
    case 'PAID': return 'paid';
    case 'DECLINED': return 'declined';
    case 'CANCELLED': return 'cancelled';
    // TM01: nobody answered in the app within three minutes. Other codes (RF07, BANKIDCL, FF10, DS24…) are failures.
    case 'ERROR': return request.errorCode === 'TM01' ? 'timedOut' : 'failed';
  }
}

function ore(value: string | number): number {
  const result = swishAmountToOre(value);
  if (result === null) throw new PaymentProviderError(`Swish: not an amount: ${String(value)}`);
  return result;
}

function parse<T>(schema: z.ZodMiniType<T>, json: unknown, what: string): T {
  const result = schema.safeParse(json);
  if (!result.success) throw new PaymentProviderError(`Swish ${what}: unexpected answer (${result.error.message})`);
  return result.data;
}

function swishError(what: string, status: number, json: unknown): PaymentProviderError {
  const errors = SwishErrors.safeParse(json);
  const list = errors.success ? errors.data : [];
  const described = list.map((error) => [error.errorCode, error.errorMessage, error.additionalInformation].filter(Boolean).join(': ')).join('; ');
  return new PaymentProviderError(`Swish ${what}: HTTP ${status}${described ? ` ${described}` : ''}`, status, list[0]?.errorCode ?? undefined);
}
