import type { Language } from '../contract/text.js';
import { MyCompaniesCheck } from './checks/companies.js';
import type { KitClient } from './kit-client.js';

/**
 * The companies the logged-in person may act for (src/contract/companies.ts): a function beside KitClient, as Mina
 * sidor's calls are, so that only the form of an e-service for companies carries it.
 */
export const getMyCompanies = (client: KitClient, lang: Language, signal?: AbortSignal) =>
  client.request('api/my/companies', MyCompaniesCheck, { lang, signal });
