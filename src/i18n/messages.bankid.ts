import { addTexts } from './index.js';

/**
 * The Swedish texts of BankID's steps after the first question — the QR code, starting the app, and BankID's
 * recommended user messages (RFA1–RFA23, developers.bankid.com) — fetched with those steps
 * (src/components/bankid/bankid-flow.ts), so that a page showing the login's first question does not carry them.
 */
export const svBankId = {
  'eid.qrHelp': 'Starta BankID-appen och tryck på QR-ikonen. Rikta sedan kameran mot QR-koden här.',
  'eid.qrAlt': 'QR-kod att läsa av med BankID-appen. Den byts ut varje sekund.',
  'eid.openApp': 'Starta BankID-appen',
  'eid.retry': 'Försök igen',
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
  'eid.RFA21': 'En identifiering eller underskrift pågår.',
  'eid.RFA22': 'Något gick fel. Försök igen.',
  'eid.RFA23': 'Fotografera och läs av din ID-handling med BankID-appen.',
} as const;

addTexts('sv', svBankId);
