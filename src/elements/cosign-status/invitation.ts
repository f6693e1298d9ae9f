import type { KitClient } from '../../client/kit-client.js';
import type { CosignRequestView } from '../../contract/cosign.js';
import type { ServiceDefinition } from '../../contract/definition.js';
import type { Language } from '../../contract/text.js';

/** Neither `invitation`, `request`, `case` nor `?invitation=` in the page's address: nothing to open. */
export class NoInvitation extends Error {}

/**
 * Which request the cosigner opens: `request` on the element, else `?request=` in the page's address
 * (a link from <my-cases>); without one, the invitation's token: `invitation`, else `?invitation=`.
 * `linked` is the page's address as the widget came to it.
 */
export function requestToOpen(linked: URLSearchParams, request?: string, invitation?: string): [requestId?: string, token?: string] {
  const requestId = request || linked.get('request') || undefined;
  return [requestId, requestId ? undefined : invitation || linked.get('invitation') || undefined];
}

/** What the element's Task opened: the request to sign, with what names its answers. */
export interface Opened {
  view: CosignRequestView;
  /** The e-service's definition when the case was sent on the version it has now: its labels name the answers. */
  definition?: ServiceDefinition | undefined;
}

/** The definition of the e-service version the request was sent on; undefined when there is none to be had. */
export async function sentDefinition(client: KitClient, view: CosignRequestView, lang: Language, signal: AbortSignal): Promise<ServiceDefinition | undefined> {
  // Only for its labels: without it the answers show under their question ids.
  const newest = await client.getService(view.serviceId, lang, signal).catch(() => undefined);
  // Sent on an older version: that version's questions, asked for only then.
  const definition = newest?.version === view.serviceVersion
    ? newest
    : await client.getService(view.serviceId, lang, signal, view.serviceVersion).catch(() => undefined);
  return definition?.version === view.serviceVersion ? definition : undefined;
}

/**
 * Once opened, the link has done its work (the request is bound to the person logged in): the
 * token leaves the page's address, so it is not in the history, a bookmark or a shared screen,
 * and the request's id takes its place, so a reload still shows it (to that person alone).
 */
export function forgetInvitationInAddress(requestId: string): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('invitation')) return;
  url.searchParams.delete('invitation');
  url.searchParams.set('request', requestId);
  history.replaceState(history.state, '', url.href);
}
