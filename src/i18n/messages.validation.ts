import { addTexts } from './index.js';

/**
 * What a citizen is told about an answer to fix, in Swedish: the messages of the form engine's checks
 * (src/forms/messages.ts), which the form fetches with them — by the time the citizen first presses Continue —
 * rather than with its first load, and the server loads with them.
 */
export const svValidation = {
  'validation.required': 'Fyll i ”{label}”',
  'validation.requiredChoice': 'Välj ett alternativ för ”{label}”',
  'validation.requiredCheckbox': 'Kryssa i rutan ”{label}” för att gå vidare',
  'validation.requiredSeveral': 'Välj minst ett alternativ för ”{label}”',
  'validation.requiredFile': 'Bifoga en fil till ”{label}”',
  'validation.requiredItems': 'Lägg till minst en rad under ”{label}”',
  'validation.requiredStreet': 'Fyll i gatuadress',
  'validation.requiredPostalCode': 'Fyll i postnummer',
  'validation.requiredCity': 'Fyll i postort',
  'validation.email': 'Skriv en e-postadress i rätt format, till exempel namn@exempel.se',
  'validation.maxLength': '”{label}” får vara högst {max} tecken – du har skrivit {count}',
  'validation.option': 'Välj ett av alternativen för ”{label}”',
  'validation.type': 'Svaret på ”{label}” har fel form',
  'validation.characters': '”{label}” innehåller ett tecken som inte kan sparas, till exempel ett osynligt styrtecken eller en halv emoji – ta bort det eller skriv texten igen',
  'validation.unknownField': 'Frågan ”{path}” finns inte i e-tjänsten',
  'validation.number': '”{label}” ska vara ett tal, till exempel 12',
  'validation.wholeNumber': '”{label}” ska vara ett heltal, utan decimaler',
  'validation.decimals': '”{label}” får ha högst {decimals} decimaler',
  'validation.min': '”{label}” ska vara {min} eller mer',
  'validation.max': '”{label}” ska vara {max} eller mindre',
  'validation.phone': 'Skriv ett telefonnummer, till exempel 070-123 45 67 eller 08-123 456 78',
  'validation.personnummer': 'Skriv ett personnummer med 12 siffror, till exempel 19900101-1234',
  'validation.personnummerDate': 'Personnumret innehåller inget giltigt datum – kontrollera de första åtta siffrorna',
  'validation.personnummerChecksum': 'Personnumret stämmer inte – kontrollera de fyra sista siffrorna',
  'validation.samordningsnummer': 'Skriv ett personnummer – ett samordningsnummer kan inte användas här',
  'validation.postalCode': 'Skriv ett postnummer med fem siffror, till exempel 123 45',
  'validation.date': 'Skriv ”{label}” som år-månad-dag, till exempel 2026-08-15',
  'validation.dateMin': '”{label}” får vara tidigast {date}',
  'validation.dateMax': '”{label}” får vara senast {date}',
  'validation.organisationsnummer': 'Skriv ett organisationsnummer med tio siffror, till exempel 556677-8899',
  'validation.organisationsnummerChecksum': 'Organisationsnumret stämmer inte – kontrollera siffrorna',
  'validation.organisationsnummerPerson': 'Skriv företagets organisationsnummer, inte ett personnummer',
  'validation.time': 'Skriv ”{label}” som timmar och minuter, till exempel 14:30',
  'validation.timeMin': '”{label}” får vara tidigast {time}',
  'validation.timeMax': '”{label}” får vara senast {time}',
  'validation.minSelected': 'Välj minst {min} alternativ för ”{label}”',
  'validation.maxSelected': 'Välj högst {max} alternativ för ”{label}”',
  'validation.maxFiles': 'Du kan bifoga högst {max} filer till ”{label}”',
  'validation.minItems': 'Lägg till minst {min} rader under ”{label}”',
  'validation.maxItems': 'Du kan lägga till högst {max} rader under ”{label}”',
  'validation.inItem': '{item} {number}: {message}',
} as const;

addTexts('sv', svValidation);
