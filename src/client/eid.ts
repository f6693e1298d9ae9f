import { CLIENT_HEADER, CLIENT_HEADER_VALUE, PROBLEM_CONTENT_TYPE } from '../contract/http.js';
import type { LoginMethod } from '../contract/eid.js';
import type { Language } from '../contract/text.js';
import type { Check } from './checks/check.js';
import { OrderStateCheck, SessionStateCheck, StartLoginResponseCheck } from './checks/eid.js';
import { ProblemCheck } from './checks/problem.js';
import { ContractError, NetworkError, ProblemError } from './errors.js';

/**
 * Logging in with BankID through the backend (see src/contract/eid.ts): start an order,
 * poll it, cancel it, and read, refresh or end the session. Every request carries the
 * session cookie; every state-changing one the kit's custom header.
 */

/** A backend's base URL, or a KitClient-like object, optionally with its own fetch (a story's or a test's). */
export type EidBackend = string | { readonly baseUrl: string; readonly fetch?: typeof fetch | undefined };

/** One call to the backend's e-ID routes: the session cookie always, the kit's header on changes. */
export async function call<T>(
  backend: EidBackend,
  method: string,
  path: string,
  lang: Language,
  schema?: Check<T>,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const base = typeof backend === 'string' ? backend : backend.baseUrl;
  const fetchImpl = (typeof backend !== 'string' && backend.fetch) || fetch;
  let response: Response;
  try {
    response = await fetchImpl(new URL(path, base.endsWith('/') ? base : `${base}/`), {
      method,
      credentials: 'include',
      signal: signal ?? null,
      headers: {
        Accept: `application/json, ${PROBLEM_CONTENT_TYPE}`,
        'Accept-Language': lang,
        ...(method === 'GET' ? {} : { [CLIENT_HEADER]: CLIENT_HEADER_VALUE }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }
  const data: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
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

const order = (orderRef: string) => `api/eid/orders/${encodeURIComponent(orderRef)}`;

export const startLogin = (backend: EidBackend, method: LoginMethod, lang: Language, signal?: AbortSignal) =>
  call(backend, 'POST', 'api/eid/login', lang, StartLoginResponseCheck, { method }, signal);

export const pollOrder = (backend: EidBackend, orderRef: string, lang: Language, signal?: AbortSignal) =>
  call(backend, 'GET', order(orderRef), lang, OrderStateCheck, undefined, signal);

export const cancelOrder = (backend: EidBackend, orderRef: string, lang: Language) =>
  call<void>(backend, 'DELETE', order(orderRef), lang);

export const getSession = (backend: EidBackend, lang: Language, signal?: AbortSignal) =>
  call(backend, 'GET', 'api/session', lang, SessionStateCheck, undefined, signal);

export const refreshSession = (backend: EidBackend, lang: Language) =>
  call(backend, 'POST', 'api/session/refresh', lang, SessionStateCheck);

export const logout = (backend: EidBackend, lang: Language) => call<void>(backend, 'DELETE', 'api/session', lang);

/**
 * BankID's errorCode behind a failed request, as the backend names it in its problem: the
 * problem's `errorCode`, else a field error's code, else the last segment of its type.
 */
export function eidErrorCode(error: unknown): string | undefined {
  if (error instanceof NetworkError) return 'network';
  if (!(error instanceof ProblemError)) return undefined;
  return error.problem.errorCode ?? error.problem.errors?.[0]?.code ?? error.problem.type.split('/').pop();
}
