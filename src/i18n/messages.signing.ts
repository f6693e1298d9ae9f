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
  'form.eidFreja': 'Freja eID',
  'form.eidTelia': 'Telia e-legitimation',
  'form.eidEidas': 'din utländska e-legitimation',
  'form.brokerSignTitle': 'Skriv under med {eid}',
  'form.brokerSignIntro': 'Du skriver under med {eid} att uppgifterna stämmer. Du kommer till {eid} för att skriva under och sedan tillbaka hit, där ansökan skickas till kommunen.',
  'form.brokerSignButton': 'Skriv under med {eid}',
  'form.brokerSignAgain': 'Försök igen',
  'form.brokerSignChecking': 'Kontrollerar underskriften …',
  'form.brokerSignCancelled': 'Underskriften avbröts. Dina svar finns kvar – skriv under igen när du är redo.',
  'form.brokerSignFailed': 'Det gick inte att skriva under. Dina svar finns kvar – försök igen.',
  'form.eidCannotSign': 'Du är inloggad med {eid}, som inte kan användas för att skriva under den här e-tjänsten. Logga ut och logga in med BankID eller en annan e-legitimation innan du fyller i, så att du kan skicka in.',
  'form.teliaNotInChrome': 'Telia e-legitimation kan inte skriva under i Google Chrome, bara logga in. Använd Firefox, Microsoft Edge eller Safari när du ska skriva under.',
} as const;

addTexts('sv', svSigning);
