/**
 * e-service-kit: every element, registered. Paste one script tag:
 * <script type="module" src="https://etjanster.kommun.se/kit/e-service-kit.js"></script>
 */
export { EServiceConfig } from './elements/e-service-config/e-service-config.js';
export { EServiceForm } from './elements/e-service-form/e-service-form.js';
export type { EServiceSubmittedDetail, EServiceSubmittedEvent } from './elements/e-service-form/e-service-form.js';
export { EidLogin } from './elements/eid-login/eid-login.js';
export { KitClient, clientFor } from './client/kit-client.js';
export { ProblemError, NetworkError, ContractError } from './client/errors.js';
