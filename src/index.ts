/**
 * e-service-kit: every element, registered. Paste one script tag:
 * <script type="module" src="https://etjanster.kommun.se/kit/e-service-kit.js"></script>
 */
export { EServiceConfig } from './elements/e-service-config/e-service-config.js';
export { EServiceForm } from './elements/e-service-form/e-service-form.js';
export type { EServiceSubmittedDetail, EServiceSubmittedEvent } from './elements/e-service-form/e-service-form.js';
export { EidLogin } from './elements/eid-login/eid-login.js';
export { KitClient, clientFor } from './client/kit-client.js';
import { upgradePlaceholders } from './config/placeholders.js';
export { upgradePlaceholders };
export { ProblemError, NetworkError, ContractError } from './client/errors.js';

// Mina sidor's widgets are registered the first time the page holds one of them, and fetched then
// (dist/chunks/): most pages with the kit show an e-service, and should not download the citizen's
// own pages. Their classes are exported as types; a page that wants them at once imports
// dist/elements/<name>.js.
export type { MyCases, MyCasesCaseDetail, MyCasesCaseEvent, MyCasesContinueDetail, MyCasesContinueEvent } from './elements/my-cases/my-cases.js';
export type { CaseMessages, CaseMessagesReadDetail, CaseMessagesReadEvent, CaseMessagesSentDetail, CaseMessagesSentEvent } from './elements/case-messages/case-messages.js';
export type { MyProfile, MyProfileSavedDetail, MyProfileSavedEvent } from './elements/my-profile/my-profile.js';
export type {
  CosignStatus, CosignStatusCopiedDetail, CosignStatusCopiedEvent, CosignStatusReinvitedDetail, CosignStatusReinvitedEvent,
  CosignStatusRequestDetail, CosignStatusRequestEvent,
} from './elements/cosign-status/cosign-status.js';

const later: Record<string, () => Promise<unknown>> = {
  'my-cases': () => import('./elements/my-cases/my-cases.js'),
  'case-messages': () => import('./elements/case-messages/case-messages.js'),
  'my-profile': () => import('./elements/my-profile/my-profile.js'),
  'cosign-status': () => import('./elements/cosign-status/cosign-status.js'),
};
const load = (name: string) => later[name]?.();
if (typeof document !== 'undefined') {
  // Placeholders (src/config/placeholders.ts) become elements, also those a CMS adds later;
  // Mina sidor's widgets are fetched once the page holds one.
  const look = () => {
    void upgradePlaceholders(document, load);
    for (const name in later) if (document.querySelector(name)) void load(name);
  };
  new MutationObserver(look).observe(document.documentElement, { childList: true, subtree: true });
  look();
}
