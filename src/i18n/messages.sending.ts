import { addTexts } from './index.js';

/**
 * The Swedish texts of sending a case and its receipt (src/elements/e-service-form/send.ts, receipt.ts):
 * fetched with them when the citizen presses Continue, so that the form's first load does not carry them.
 */
export const svSending = {
  'form.submitFailed': 'Det gick inte att skicka. Dina svar finns kvar – försök igen om en stund.',
  'form.submitFailedOffline': 'Det gick inte att nå e-tjänsten. Kontrollera din internetanslutning – dina svar finns kvar, och vi skickar dem så fort anslutningen är tillbaka.',
  'form.registerWaitingSend': 'Folkbokföringen går fortfarande inte att nå, så vi kan inte skicka än. Det du har fyllt i finns kvar – försök igen om en stund.',
  'receipt.caseNumber': 'Ditt ärendenummer',
  'receipt.submittedAt': 'Skickat {date}',
  'receipt.print': 'Skriv ut kvittot',
} as const;

addTexts('sv', svSending);
