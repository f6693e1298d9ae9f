import type { BrokerEid } from '../contract/eid.js';
import type { Language } from '../contract/text.js';
import { LoginMethodsCheck, StartBrokerLoginResponseCheck } from './checks/broker.js';
import { call, type EidBackend } from './eid.js';

/**
 * Logging in through the municipality's e-ID broker (Freja eID, Telia, eIDAS; see src/contract/eid.ts): which
 * e-IDs it offers, and the broker's page for a login that comes back to `returnUrl`. Fetched with `<eid-login>`'s
 * choice of e-IDs only, so a page that shows someone logged in carries none of it.
 */

export const getLoginMethods = (backend: EidBackend, lang: Language, signal?: AbortSignal) =>
  call(backend, 'GET', 'api/eid/methods', lang, LoginMethodsCheck, undefined, signal);

export const startBrokerLogin = (backend: EidBackend, eid: BrokerEid, returnUrl: string, lang: Language) =>
  call(backend, 'POST', 'api/eid/broker/login', lang, StartBrokerLoginResponseCheck, { eid, returnUrl });
