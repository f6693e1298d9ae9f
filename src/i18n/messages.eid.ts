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
  'eid.qrHelp': 'Starta BankID-appen och tryck på QR-ikonen. Rikta sedan kameran mot QR-koden här.',
  'eid.qrAlt': 'QR-kod att läsa av med BankID-appen. Den byts ut varje sekund.',
  'eid.openApp': 'Starta BankID-appen',
  'eid.cancel': 'Avbryt',
  'eid.retry': 'Försök igen',
  'eid.loggedIn': 'Inloggad som {name}',
  'eid.logout': 'Logga ut',
  'eid.loggedOut': 'Du är utloggad.',
  'eid.RFA1': 'Starta BankID-appen.',
  'eid.RFA3': 'Åtgärden avbröts. Försök igen.',
  'eid.RFA4': 'En identifiering eller underskrift pågår redan för ditt personnummer. Försök igen.',
  'eid.RFA5': 'Något gick fel. Försök igen.',
  'eid.RFA6': 'Åtgärden avbröts.',
  'eid.RFA8': 'BankID-appen svarar inte. Kontrollera att den är startad och att du har internetanslutning. Försök sedan igen.',
  'eid.RFA9': 'Skriv in din säkerhetskod i BankID-appen och välj Identifiera eller Skriv under.',
  'eid.RFA13': 'Försöker starta BankID-appen.',
  'eid.RFA15A': 'Söker efter BankID. Säkerställ att du har ett giltigt BankID på den här datorn. Om du har ett BankID på kort, sätt in kortet i kortläsaren.',
  'eid.RFA15B': 'Söker efter BankID. Säkerställ att du har ett giltigt BankID på den här enheten.',
  'eid.RFA16': 'Ditt BankID är för gammalt eller spärrat. Använd ett annat BankID eller skaffa ett nytt hos din bank.',
  'eid.RFA17A': 'Du verkar inte ha BankID-appen/programmet. Installera den och skaffa ett BankID hos din bank.',
  'eid.RFA17B': 'Misslyckades att läsa av QR-koden. Starta BankID-appen och läs av QR-koden.',
  'eid.RFA20': 'Vill du använda BankID på den här enheten eller på en annan enhet?',
  'eid.RFA21': 'En identifiering eller underskrift pågår.',
  'eid.RFA22': 'Något gick fel. Försök igen.',
  'eid.unreachable': 'Det gick inte att nå e-tjänsten. Försök igen om en stund.',
  'eid.offline': 'Det gick inte att nå e-tjänsten. Kontrollera din internetanslutning – vi försöker igen så fort anslutningen är tillbaka.',
  'eid.RFA23': 'Fotografera och läs av din ID-handling med BankID-appen.',
} as const;

addTexts('sv', svEid);
