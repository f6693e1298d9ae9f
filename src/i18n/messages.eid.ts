import { addTexts } from './index.js';

/**
 * The Swedish texts of logging in and signing with BankID: the login's own and BankID's recommended
 * messages (RFA1–RFA23, in BankID's words). Imported by whatever shows them — `<eid-login>`, the form's
 * login gate and signing — so that a page with only `<eid-login>` carries these and not the form's.
 */
export const svEid = {
  'eid.title': 'Logga in med BankID',
  'eid.checking': 'Kontrollerar om du är inloggad…',
  'eid.thisDevice': 'BankID på den här enheten',
  'eid.otherDevice': 'BankID på en annan enhet',
  'eid.cancel': 'Avbryt',
  'eid.loggedIn': 'Inloggad som {name}',
  'eid.logout': 'Logga ut',
  'eid.login': 'Logga in',
  'eid.loggedOut': 'Du är utloggad.',
  'eid.RFA20': 'Vill du använda BankID på den här enheten eller på en annan enhet?',
  'eid.unreachable': 'Det gick inte att nå e-tjänsten. Försök igen om en stund.',
  'eid.offline': 'Det gick inte att nå e-tjänsten. Kontrollera din internetanslutning – vi försöker igen så fort anslutningen är tillbaka.',
} as const;

addTexts('sv', svEid);
