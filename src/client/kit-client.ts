import { CLIENT_HEADER, CLIENT_HEADER_VALUE, PROBLEM_CONTENT_TYPE } from '../contract/http.js';
import type { Check } from './checks/check.js';
import { ServiceDefinitionCheck } from './checks/definition.js';
import { ProblemCheck } from './checks/problem.js';
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

  /** The newest version of an e-service, or the `version` a case was sent on. */
  getService(serviceId: string, lang: Language, signal?: AbortSignal, version?: number) {
    const query = version === undefined ? '' : `?version=${encodeURIComponent(version)}`;
    return this.request(`api/services/${encodeURIComponent(serviceId)}${query}`, ServiceDefinitionCheck, { lang, signal });
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
   * kit's own API modules (src/client/cases.ts, signing.ts, services.ts, my-pages.ts…) build on it, so that a
   * widget bundles only the schemas it uses.
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
