import { Agent, request as httpsRequest } from 'node:https';
import * as z from 'zod/mini';

/**
 * A client for BankID's Relying Party API v6.0 (auth, sign, collect, cancel).
 *
 * Every call is a POST of JSON to <baseUrl>/rp/v6.0/<method> over mutual TLS: we show
 * BankID our relying-party certificate (PKCS#12 + passphrase) and trust only the CA
 * we are given for BankID's server certificate. The same client talks to BankID's test
 * and production environments and to our simulator (server/eid/simulator/).
 */

export interface BankIdClientOptions {
  /** Scheme, host and port: https://appapi2.test.bankid.com, https://appapi2.bankid.com, or the simulator's. */
  baseUrl: string;
  /** The relying party's certificate and key as PKCS#12. */
  pfx: Buffer;
  passphrase: string;
  /** The CA certificate(s), PEM, that BankID's server certificate must chain to. */
  ca: string | Buffer | Array<string | Buffer>;
  /** Give up on one call after this long (default 10 s). */
  timeoutMs?: number;
}

/** What the order requires of the user's BankID (all optional). */
export interface Requirement {
  /** The user must confirm with their security code, not biometrics. */
  pinCode?: boolean;
  /** The user must also scan their passport or national ID card (NFC). */
  mrtd?: boolean;
  cardReader?: 'class1' | 'class2';
  /** OIDs of the certificate policies accepted, e.g. 1.2.752.78.1.5 (mobile BankID). */
  certificatePolicies?: string[];
  /** Only this person (12 digits, YYYYMMDDNNNN) may complete the order. */
  personalNumber?: string;
}

export interface AuthRequest {
  /** The user's IP address as seen by our server. */
  endUserIp: string;
  requirement?: Requirement;
  /** Plain text (simpleMarkdownV1) shown to the user; this client base64-encodes it. */
  userVisibleData?: string;
  /** Data not shown to the user; this client base64-encodes it. */
  userNonVisibleData?: string;
  /** Where the BankID app sends the user back to when done (same-device flow). */
  returnUrl?: string;
  returnRisk?: boolean;
}

export interface SignRequest extends AuthRequest {
  userVisibleData: string;
}

export const OrderResponse = z.object({
  orderRef: z.string().check(z.minLength(1)),
  autoStartToken: z.string().check(z.minLength(1)),
  qrStartToken: z.string().check(z.minLength(1)),
  qrStartSecret: z.string().check(z.minLength(1)),
});
export type OrderResponse = z.infer<typeof OrderResponse>;

/** Hint codes BankID documents while an order is pending. Others may come: treat them as unknown. */
export const PENDING_HINT_CODES = ['outstandingTransaction', 'noClient', 'started', 'userMrtd', 'userCallConfirm', 'userSign'] as const;
/** Hint codes BankID documents for a failed order. Others may come: treat them as unknown. */
export const FAILED_HINT_CODES = [
  'expiredTransaction', 'certificateErr', 'userCancel', 'cancelled', 'startFailed',
  'userDeclinedCall', 'notSupportedByUserApp', 'transactionRiskBlocked',
] as const;
export type PendingHintCode = (typeof PENDING_HINT_CODES)[number];
export type FailedHintCode = (typeof FAILED_HINT_CODES)[number];

export const CompletionData = z.looseObject({
  user: z.looseObject({
    personalNumber: z.string().check(z.regex(/^\d{12}$/)),
    name: z.string(),
    givenName: z.string(),
    surname: z.string(),
  }),
  device: z.looseObject({
    ipAddress: z.string(),
    uhi: z.optional(z.string()),
  }),
  /** YYYY-MM-DD: when the user's BankID was issued. */
  bankIdIssueDate: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}/)),
  /** Present when the order required a step up, e.g. { mrtd: true }. */
  stepUp: z.optional(z.looseObject({ mrtd: z.optional(z.boolean()) })),
  /** Base64 of the XML signature. */
  signature: z.string().check(z.minLength(1)),
  /** Base64 of the DER OCSP response for the user's certificate. */
  ocspResponse: z.string().check(z.minLength(1)),
  /** Present when returnRisk was asked for: low, moderate or high. */
  risk: z.optional(z.string()),
});
export type CompletionData = z.infer<typeof CompletionData>;

export const CollectResponse = z.union([
  z.object({ orderRef: z.string(), status: z.literal('pending'), hintCode: z.string() }),
  z.object({ orderRef: z.string(), status: z.literal('failed'), hintCode: z.string() }),
  z.object({ orderRef: z.string(), status: z.literal('complete'), completionData: CompletionData }),
]);
export type CollectResponse = z.infer<typeof CollectResponse>;

const ErrorBody = z.object({ errorCode: z.string(), details: z.optional(z.string()) });

/** Error codes BankID documents. Others may come (RP must handle them as unknown). */
export const BANKID_ERROR_CODES = [
  'alreadyInProgress', 'invalidParameters', 'unauthorized', 'notFound', 'methodNotAllowed',
  'requestTimeout', 'unsupportedMediaType', 'tooManyRequests', 'internalError', 'maintenance',
] as const;
export type KnownBankIdErrorCode = (typeof BANKID_ERROR_CODES)[number];

/** BankID answered with an error body: `{ errorCode, details }` and an HTTP status ≥ 400. */
export class BankIdError extends Error {
  override readonly name = 'BankIdError';
  constructor(
    /** One of BANKID_ERROR_CODES, or a code BankID added later. */
    readonly errorCode: KnownBankIdErrorCode | (string & {}),
    readonly details: string,
    readonly httpStatus: number,
  ) {
    super(`BankID ${httpStatus} ${errorCode}${details ? `: ${details}` : ''}`);
  }

  /** True for codes BankID says we must show the user as "try again later" (RFA5). */
  get isTemporary(): boolean {
    return this.errorCode === 'requestTimeout' || this.errorCode === 'maintenance' || this.errorCode === 'internalError';
  }
}

/** We could not talk to BankID at all (network, TLS, timeout) or it answered with something that is not the API. */
export class BankIdConnectionError extends Error {
  override readonly name = 'BankIdConnectionError';
}

/** What orders.ts needs from a client: lets tests put a fake in its place. */
export interface BankIdApi {
  auth(request: AuthRequest): Promise<OrderResponse>;
  sign(request: SignRequest): Promise<OrderResponse>;
  collect(orderRef: string): Promise<CollectResponse>;
  cancel(orderRef: string): Promise<void>;
}

const API_PATH = '/rp/v6.0/';

export class BankIdClient implements BankIdApi {
  readonly #agent: Agent;
  readonly #baseUrl: URL;
  readonly #timeoutMs: number;

  constructor(options: BankIdClientOptions) {
    this.#baseUrl = new URL(options.baseUrl);
    if (this.#baseUrl.protocol !== 'https:') throw new Error('BankID baseUrl must use https');
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#agent = new Agent({
      pfx: options.pfx,
      passphrase: options.passphrase,
      ca: options.ca,
      keepAlive: true,
      // BankID's API is HTTP/1.1 over TLS 1.2 or later.
      minVersion: 'TLSv1.2',
    });
  }

  auth(request: AuthRequest): Promise<OrderResponse> {
    return this.#order('auth', request);
  }

  sign(request: SignRequest): Promise<OrderResponse> {
    if (!request.userVisibleData) throw new TypeError('sign needs userVisibleData: what the user signs');
    return this.#order('sign', request);
  }

  async collect(orderRef: string): Promise<CollectResponse> {
    return parse(CollectResponse, await this.#post('collect', { orderRef }), 'collect');
  }

  async cancel(orderRef: string): Promise<void> {
    await this.#post('cancel', { orderRef });
  }

  /** Closes kept-alive connections. */
  close(): void {
    this.#agent.destroy();
  }

  async #order(method: 'auth' | 'sign', request: AuthRequest): Promise<OrderResponse> {
    const body: Record<string, unknown> = { endUserIp: request.endUserIp };
    if (request.requirement && Object.keys(request.requirement).length > 0) body.requirement = request.requirement;
    if (request.userVisibleData !== undefined) {
      body.userVisibleData = Buffer.from(request.userVisibleData, 'utf8').toString('base64');
      body.userVisibleDataFormat = 'simpleMarkdownV1';
    }
    if (request.userNonVisibleData !== undefined) {
      body.userNonVisibleData = Buffer.from(request.userNonVisibleData, 'utf8').toString('base64');
    }
    if (request.returnUrl !== undefined) body.returnUrl = request.returnUrl;
    if (request.returnRisk !== undefined) body.returnRisk = request.returnRisk;
    return parse(OrderResponse, await this.#post(method, body), method);
  }

  #post(method: string, body: unknown, again = false): Promise<unknown> {
    const url = new URL(API_PATH + method, this.#baseUrl);
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          method: 'POST',
          agent: this.#agent,
          // Exactly application/json: BankID answers 415 to a charset parameter.
          headers: { 'content-type': 'application/json', 'content-length': payload.length, accept: 'application/json' },
          timeout: this.#timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => reject(new BankIdConnectionError(`BankID ${method}: ${error.message}`, { cause: error })));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : {};
            } catch {
              json = undefined;
            }
            if (status >= 200 && status < 300) {
              if (json === undefined) reject(new BankIdConnectionError(`BankID ${method}: the answer was not JSON`));
              else resolve(json);
              return;
            }
            const error = ErrorBody.safeParse(json);
            if (error.success) reject(new BankIdError(error.data.errorCode, error.data.details ?? '', status));
            else reject(new BankIdError(errorCodeForStatus(status), `HTTP ${status} without an error body`, status));
          });
        },
      );
      req.on('timeout', () => req.destroy(new BankIdConnectionError(`BankID ${method}: no answer in ${this.#timeoutMs} ms`)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection BankID closed just as it was reused: the request never reached BankID, so it is
        // sent once more on a new connection (as Node's documentation advises), never a second time.
        if (!again && req.reusedSocket && error.code === 'ECONNRESET') return void resolve(this.#post(method, body, true));
        reject(error instanceof BankIdConnectionError ? error : new BankIdConnectionError(`BankID ${method}: ${error.message}`, { cause: error }));
      });
      req.end(payload);
    });
  }
}

function parse<T>(schema: z.ZodMiniType<T>, json: unknown, method: string): T {
  const result = schema.safeParse(json);
  if (!result.success) throw new BankIdConnectionError(`BankID ${method}: unexpected answer (${result.error.message})`);
  return result.data;
}

/** The code BankID uses with each HTTP status, for an error answer that lost its body on the way. */
function errorCodeForStatus(status: number): string {
  switch (status) {
    case 400: return 'invalidParameters';
    case 401: case 403: return 'unauthorized';
    case 404: return 'notFound';
    case 405: return 'methodNotAllowed';
    case 408: return 'requestTimeout';
    case 415: return 'unsupportedMediaType';
    case 429: return 'tooManyRequests';
    case 503: return 'maintenance';
    default: return 'internalError';
  }
}
