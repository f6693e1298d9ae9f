/**
 * How the form finds and words what an answer must fix: the check of the answers (src/forms/validate.ts) and its
 * messages with their Swedish texts. Fetched with the definition and not awaited — nothing is checked before the
 * citizen presses Continue — so that the form's first load does not carry it; Continue and Send wait for it in the
 * rare case it has not come yet.
 */
export { validateAnswers, validateStep } from '../../forms/validate.js';
export { errorMessage } from '../../forms/messages.js';
