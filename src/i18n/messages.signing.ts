import { addTexts } from './index.js';

/**
 * The Swedish texts of signing a case in <e-service-form> (src/elements/e-service-form/signing.ts):
 * fetched with BankID's steps, for the e-services that are signed.
 */
export const svSigning = {
  'form.signTitle': 'Skriv under med BankID',
  'form.signIntro': 'Du skriver under med ditt BankID att uppgifterna stämmer. Därefter skickas ansökan till kommunen.',
  'form.signUnreachable': 'Det gick inte att nå e-tjänsten. Dina svar finns kvar – försök igen om en stund.',
  'form.signOffline': 'Det gick inte att nå e-tjänsten. Kontrollera din internetanslutning – dina svar finns kvar, och vi försöker igen så fort anslutningen är tillbaka.',
} as const;

addTexts('sv', svSigning);
