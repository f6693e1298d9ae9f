import type { SubmitCaseRequest } from '../contract/cases.js';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE, IDEMPOTENCY_KEY_HEADER, PROBLEM_CONTENT_TYPE, RECEIPT_TOKEN_HEADER } from '../contract/http.js';
import type { StartSigningRequest } from '../contract/signing.js';
import { CaseReceiptCheck, SubmitCaseResponseCheck } from './checks/cases.js';
import type { Check } from './checks/check.js';
import { ServiceDefinitionCheck, ServiceListCheck } from './checks/definition.js';
import { PrefillResponseCheck } from './checks/prefill.js';
import { ProblemCheck } from './checks/problem.js';
import { SigningStateCheck, StartSigningResponseCheck } from './checks/signing.js';
import type { Language } from '../contract/text.js';
import { ContractError, NetworkError, ProblemError } from './errors.js';
import { noteActivity } from './activity.js';
import type { KitConfig } from '../config/context.js';
import { resolveBackend } from '../config/resolve.js';

/**
 * Talks to one backend over the documented contract. Every answer is checked for
 * the shape the contract gives it (src/client/checks/), so a widget never renders what it can't understand.
 */
export class KitClient {
  readonly baseUrl: string;

  /** A page's, story's or test's own fetch; undefined: the browser's. */
  readonly fetch?: typeof fetch | undefined;

  constructor(baseUrl: string, fetchImpl?: typeof fetch) {
    this.fetch = fetchImpl;
    this.baseUrl = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  }

  listServices(lang: Language, signal?: AbortSignal) {
    return this.request('api/services', ServiceListCheck, { lang, signal });
  }

  /** The newest version of an e-service, or the `version` a case was sent on. */
  getService(serviceId: string, lang: Language, signal?: AbortSignal, version?: number) {
    const query = version === undefined ? '' : `?version=${encodeURIComponent(version)}`;
    return this.request(`api/services/${encodeURIComponent(serviceId)}${query}`, ServiceDefinitionCheck, { lang, signal });
  }

  /** What the population register says about the logged-in citizen, for one e-service's questions. */
  getPrefill(serviceId: string, lang: Language, signal?: AbortSignal) {
    return this.request(`api/services/${encodeURIComponent(serviceId)}/prefill`, PrefillResponseCheck, { lang, signal });
  }

  /** The same key must be sent again when retrying the same answers: the backend then returns the first case. */
  submitCase(body: SubmitCaseRequest, idempotencyKey: string, signal?: AbortSignal) {
    return this.request('api/cases', SubmitCaseResponseCheck, {
      method: 'POST',
      lang: body.lang,
      body,
      headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
      signal,
    });
  }

  /** Signs and sends the case with BankID (services with signing "sign"); the same key for a retry of the same answers. */
  startSigning(body: StartSigningRequest, idempotencyKey: string) {
    return this.request('api/signatures', StartSigningResponseCheck, {
      method: 'POST',
      lang: body.lang,
      body,
      headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
    });
  }

  pollSigning(orderRef: string, lang: Language) {
    return this.request(`api/signatures/${encodeURIComponent(orderRef)}`, SigningStateCheck, { lang });
  }

  async cancelSigning(orderRef: string, lang: Language): Promise<void> {
    await this.request(`api/signatures/${encodeURIComponent(orderRef)}`, null, { method: 'DELETE', lang });
  }

  getReceipt(caseNumber: string, receiptToken: string, lang: Language, signal?: AbortSignal) {
    return this.request(`api/cases/${encodeURIComponent(caseNumber)}/receipt`, CaseReceiptCheck, {
      lang,
      headers: { [RECEIPT_TOKEN_HEADER]: receiptToken },
      signal,
    });
  }

  /**
   * A file the backend sends rather than JSON (the PDF of a case, src/components/case-pdf.ts): its bytes. A refusal
   * or a lost connection throws as every call's does (ProblemError, NetworkError).
   */
  getFile(path: string, lang: Language, headers: Record<string, string>): Promise<Blob> {
    return this.request<Blob>(path, null, { lang, headers, file: true });
  }

  /**
   * One request to the backend, its answer checked by `schema` (null: no body expected; `file`: the bytes). The
   * kit's own API modules (src/client/my-pages.ts…) build on it, so that a widget bundles only
   * the schemas it uses.
   */
  async request<T>(
    path: string,
    schema: Check<T> | null,
    options: { method?: string; body?: unknown; headers?: Record<string, string>; lang: Language; signal?: AbortSignal | undefined; file?: boolean },
  ): Promise<T> {
    const method = options.method ?? 'GET';
    let response: Response;
    try {
      response = await (this.fetch ?? globalThis.fetch)(new URL(path, this.baseUrl), {
        method,
        credentials: 'include',
        signal: options.signal ?? null,
        headers: {
          Accept: `application/json, ${PROBLEM_CONTENT_TYPE}`,
          'Accept-Language': options.lang,
          ...(method === 'GET' ? {} : { [CLIENT_HEADER]: CLIENT_HEADER_VALUE }),
          // Only with a body: fastify refuses an empty body declared as JSON (a DELETE, a "mark as read").
          ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new NetworkError(error);
    }
    // The backend counts any request that carries a live session as activity.
    noteActivity(this.baseUrl);
    if (options.file && response.ok) return (await response.blob()) as T;
    const data: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = ProblemCheck.safeParse(data);
      throw new ProblemError(
        problem.success ? problem.data : { type: 'about:blank', title: response.statusText || 'Error', status: response.status },
      );
    }
    if (!schema) return undefined as T;
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new ContractError(`${method} ${path}`, response.status);
    return parsed.data;
  }
}

const clients = new Map<string, KitClient>();

/** One client per backend for the whole page, shared by every widget. */
export function clientFor(baseUrl: string): KitClient {
  const key = new URL(baseUrl).href;
  let client = clients.get(key);
  if (!client) clients.set(key, (client = new KitClient(key)));
  return client;
}

/**
 * The client a widget talks through: the one a page gave it, else the page's one for its backend (the element's
 * attribute, then <e-service-config>, then where the kit came from). Here rather than in src/config/resolve.ts,
 * so that a widget that only logs in (`<eid-login>`) resolves its backend without loading every API's schemas.
 */
export function widgetClient(own: KitClient | undefined, backend: string | undefined, config: KitConfig | undefined): KitClient | undefined {
  if (own) return own;
  const resolved = resolveBackend(backend, config);
  return resolved.ok ? clientFor(resolved.url) : undefined;
}
