import type { Profile, SaveDraftRequest, SendMessageRequest } from '../contract/my-pages.js';
import { CaseDetailsCheck, DraftCheck, MessageCheck, MessageListCheck, MyCasesCheck, ProfileCheck } from './checks/my-pages.js';
import type { Language } from '../contract/text.js';
import type { KitClient } from './kit-client.js';

/**
 * Mina sidor over the contract in src/contract/my-pages.ts: drafts, the citizen's cases, a case's
 * details and messages, and the profile. Functions rather than KitClient methods, so that a
 * widget bundles the schemas it uses and no others.
 */

const enc = encodeURIComponent;

export const createDraft = (client: KitClient, body: SaveDraftRequest, lang: Language) =>
  client.request('api/drafts', DraftCheck, { method: 'POST', body, lang });

/** Saves over the version the form holds; an older one answers 409 draft-conflict (a ProblemError with `currentVersion`). */
export const saveDraft = (client: KitClient, draftId: string, body: SaveDraftRequest, lang: Language) =>
  client.request(`api/drafts/${enc(draftId)}`, DraftCheck, { method: 'PUT', body, lang });

export const getDraft = (client: KitClient, draftId: string, lang: Language, signal?: AbortSignal) =>
  client.request(`api/drafts/${enc(draftId)}`, DraftCheck, { lang, signal });

export const deleteDraft = (client: KitClient, draftId: string, lang: Language) =>
  client.request<void>(`api/drafts/${enc(draftId)}`, null, { method: 'DELETE', lang });

export const listMyCases = (client: KitClient, lang: Language, cursor?: string, signal?: AbortSignal) =>
  client.request(`api/my/cases${cursor ? `?cursor=${enc(cursor)}` : ''}`, MyCasesCheck, { lang, signal });

export const getCaseDetails = (client: KitClient, caseId: string, lang: Language, signal?: AbortSignal) =>
  client.request(`api/my/cases/${enc(caseId)}`, CaseDetailsCheck, { lang, signal });

/** Where the browser downloads one of the case's files (a plain link: the session cookie goes with it). */
export const attachmentUrl = (client: KitClient, caseId: string, attachmentId: string) =>
  new URL(`api/my/cases/${enc(caseId)}/attachments/${enc(attachmentId)}`, client.baseUrl).href;

export const listMessages = (client: KitClient, caseId: string, lang: Language, signal?: AbortSignal) =>
  client.request(`api/my/cases/${enc(caseId)}/messages`, MessageListCheck, { lang, signal });

export const sendMessage = (client: KitClient, caseId: string, body: SendMessageRequest, lang: Language) =>
  client.request(`api/my/cases/${enc(caseId)}/messages`, MessageCheck, { method: 'POST', body, lang });

export const markMessagesRead = (client: KitClient, caseId: string, lang: Language) =>
  client.request<void>(`api/my/cases/${enc(caseId)}/messages/read`, null, { method: 'POST', lang });

export const getProfile = (client: KitClient, lang: Language, signal?: AbortSignal) =>
  client.request('api/my/profile', ProfileCheck, { lang, signal });

export const saveProfile = (client: KitClient, profile: Profile, lang: Language) =>
  client.request('api/my/profile', ProfileCheck, { method: 'PUT', body: profile, lang });

/** The registerutdrag: everything stored about the citizen, as a JSON file to download. */
export const exportUrl = (client: KitClient) => new URL('api/my/export', client.baseUrl).href;
