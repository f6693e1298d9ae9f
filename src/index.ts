/**
 * e-service-kit: every element, registered. Paste one script tag:
 * <script type="module" src="https://etjanster.kommun.se/kit/e-service-kit.js"></script>
 */
export { EServiceConfig } from './elements/e-service-config/e-service-config.js';
export { EServiceForm } from './elements/e-service-form/e-service-form.js';
export type { EServiceSubmittedDetail, EServiceSubmittedEvent } from './elements/e-service-form/e-service-form.js';
export { EidLogin } from './elements/eid-login/eid-login.js';
export { MyCases } from './elements/my-cases/my-cases.js';
export type { MyCasesCaseDetail, MyCasesCaseEvent, MyCasesContinueDetail, MyCasesContinueEvent } from './elements/my-cases/my-cases.js';
export { CaseMessages } from './elements/case-messages/case-messages.js';
export type { CaseMessagesReadDetail, CaseMessagesReadEvent, CaseMessagesSentDetail, CaseMessagesSentEvent } from './elements/case-messages/case-messages.js';
export { MyProfile } from './elements/my-profile/my-profile.js';
export type { MyProfileSavedDetail, MyProfileSavedEvent } from './elements/my-profile/my-profile.js';
export { KitClient, clientFor } from './client/kit-client.js';
export { ProblemError, NetworkError, ContractError } from './client/errors.js';
