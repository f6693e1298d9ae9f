import type { Language } from '../contract/text.js';
import { PrefillResponseCheck } from './checks/prefill.js';
import { ServiceListCheck } from './checks/definition.js';
import type { KitClient } from './kit-client.js';

/** What a backend says of its e-services besides one definition (KitClient.getService): the list, and the register's answers for one. */

/** The e-services a backend offers (`GET /api/services`). */
export const listServices = (client: KitClient, lang: Language, signal?: AbortSignal) =>
  client.request('api/services', ServiceListCheck, { lang, signal });

/** What the population register says about the logged-in citizen, for one e-service's questions. */
export const getPrefill = (client: KitClient, serviceId: string, lang: Language, signal?: AbortSignal) =>
  client.request(`api/services/${encodeURIComponent(serviceId)}/prefill`, PrefillResponseCheck, { lang, signal });
