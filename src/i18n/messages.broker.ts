import { addTexts } from './index.js';

/**
 * The Swedish texts of logging in through the municipality's e-ID broker in `<eid-login>`: the other e-IDs beside
 * BankID and how a login through them went. Fetched with that choice (src/elements/eid-login/broker-choice.ts).
 */
export const svBroker = {
  'broker.title': 'Logga in med e-legitimation',
  'broker.others': 'Andra e-legitimationer',
  'broker.freja': 'Freja eID',
  'broker.telia': 'Telia',
  'broker.eidas': 'Utländsk e-legitimation (eIDAS)',
  'broker.redirecting': 'Du skickas till inloggningen…',
  'broker.unreachable': 'Det gick inte att nå e-tjänsten. Försök igen om en stund.',
  'broker.done': 'Du är inloggad.',
  'broker.cancelled': 'Inloggningen avbröts. Du kan försöka igen eller välja en annan e-legitimation.',
  'broker.failed': 'Inloggningen gick inte att slutföra. Försök igen.',
  'broker.noPersonalNumber': 'Din e-legitimation har inget svenskt personnummer eller samordningsnummer, och det behövs för att logga in här.',
} as const;

addTexts('sv', svBroker);
