import { addTexts } from './index.js';

/**
 * The Swedish texts of choosing who applies in <e-service-form> (src/elements/e-service-form/company.ts and
 * company-view.ts): the companies the citizen may sign for, how they sign, and who signs with them. Fetched with
 * them, for the e-services whose applicants are companies, so that the others do not carry them.
 */
export const svCompany = {
  'company.title': 'Vem ansöker?',
  'company.intro': 'Välj företaget du ansöker för. Listan kommer från Bolagsverket: de företag som du är firmatecknare för.',
  'company.loading': 'Hämtar dina företag från Bolagsverket…',
  'company.loadFailed': 'Det gick inte att hämta dina företag från Bolagsverket. Dina svar finns kvar – försök igen om en stund.',
  'company.self': 'Jag själv, som privatperson',
  'company.number': 'Organisationsnummer {number}',
  'company.signsAlone': 'Du tecknar firman ensam.',
  'company.signsJointly': 'Du tecknar firman tillsammans med en annan firmatecknare (två i förening).',
  'company.none': 'Du har ingen firma som du får teckna',
  'company.noneText': 'Enligt Bolagsverket är du inte firmatecknare för något företag, och e-tjänsten är bara för företag. Be någon som får teckna företaget att ansöka, eller kontakta Bolagsverket om uppgiften inte stämmer.',
  'company.cosigner': 'Vem skriver under med dig?',
  'company.cosignerHint': 'Firman tecknas av två i förening. Den du väljer får en länk och skriver under med e-legitimation. Ansökan skickas till kommunen när ni båda har skrivit under.',
  'company.email': 'E-postadress till {name}',
  'company.emailHint': 'Dit skickar vi länken för att skriva under.',
  'company.errorChoose': 'Välj vem som ansöker',
  'company.errorCosigner': 'Välj vem som skriver under med dig',
  'company.errorEmail': 'Skriv en e-postadress, till exempel namn@exempel.se',
  'company.applyingFor': 'Ansöker för {name}, {number}',
  'company.signsWith': 'Skriver under med dig: {name}',
  'company.change': 'Ändra vem som ansöker',
  'company.receipt': 'Ansökan gäller {name}, organisationsnummer {number}.',
  'company.legalForm.AB': 'Aktiebolag',
  'company.legalForm.HB': 'Handelsbolag',
  'company.legalForm.KB': 'Kommanditbolag',
  'company.legalForm.EK': 'Ekonomisk förening',
  'company.legalForm.EF': 'Enskild firma',
  'company.legalForm.IF': 'Ideell förening',
  'company.legalForm.ST': 'Stiftelse',
} as const;

addTexts('sv', svCompany);
