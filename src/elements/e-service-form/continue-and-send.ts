/**
 * What Continue and Send need: the check of the answers (src/forms/validate.ts), what an answer to fix is told (its
 * messages and their Swedish texts, and GOV.UK's error summary that lists them), and sending the case (send.ts). Fetched with the definition and not awaited —
 * nothing is checked or sent before the citizen presses Continue — so that the form's first load does not carry it;
 * Continue and Send wait for it in the rare case it has not come yet.
 */
export { validateAnswers, validateStep } from '../../forms/validate.js';
export { errorMessage } from '../../forms/messages.js';
export { renderErrorSummary } from '../../components/error-summary.js';
export { SendController } from './send.js';
