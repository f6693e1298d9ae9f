import type { svSession } from '../components/session-timeout.messages.js';
import { addTexts } from './index.js';
import type { svBankId } from './messages.bankid.js';
import type { svDrafts } from './messages.drafts.js';
import type { svEid } from './messages.eid.js';
import type { svBroker } from './messages.broker.js';
import type { svPageLogin } from './messages.page-login.js';
import type { svFiles } from './messages.files.js';
import type { svRegister } from './messages.register.js';
import type { svOutcomes } from './messages.outcomes.js';
import type { svValidation } from './messages.validation.js';
import type { svPayment } from './messages.payment.js';
import type { svSigning } from './messages.signing.js';
import type { svMyPages } from './messages.my-pages.js';
import type { svPdf } from './messages.pdf.js';
import type { svCompany } from './messages.company.js';
import type { svSending } from './messages.sending.js';
import type { svGroups } from './messages.groups.js';
import type { svReview } from './messages.review.js';

/**
 * The texts of the form, its questions and the widgets that show answers, in Swedish: each module that
 * shows one imports this file, which adds them to the catalogue. The login's and BankID's texts are in
 * messages.eid.ts (so that `<eid-login>` alone does not carry the form's), what an answer to fix is told in
 * messages.validation.ts (fetched with the error messages, src/forms/messages.ts), the file questions' in
 * messages.files.ts and the drafts' in messages.drafts.ts, signing's in messages.signing.ts, paying's in messages.payment.ts, the login gate's and the register's in messages.register.ts (each fetched
 * with them), Mina sidor's widgets bring
 * theirs in messages.my-pages.ts, the session timeout dialog its own in
 * src/components/session-timeout.messages.ts. English is in messages.en.ts, loaded when a widget first
 * speaks it. Placeholders are written {name}. Field texts come from the e-service definitions.
 */
export const sv = {
  'form.loading': 'Laddar e-tjänsten…',
  'form.loadFailed': 'E-tjänsten kunde inte laddas.',
  'form.loadFailedNotFound': 'Det finns ingen e-tjänst som heter ”{service}”.',
  'form.retry': 'Försök igen',
  'form.submit': 'Skicka',
  'form.submitting': 'Skickar…',
  'form.waitingForFiles': 'Väntar på att filerna laddas upp…',
  'form.submitUnreachable': 'Det gick inte att nå e-tjänsten. Dina svar finns kvar – försök igen om en stund.',
  'form.optional': '(frivillig)',
  'form.selectPlaceholder': 'Välj',
  'form.errorSummaryTitle': 'Det finns ett problem',
  'form.errorPrefix': 'Fel:',
  'form.charactersLeft': 'Du har {count} tecken kvar',
  'form.charactersTooMany': 'Du har {count} tecken för mycket',
  'form.contact': 'Kontakt',
  'form.continue': 'Fortsätt',
  'form.dateFormat': 'Skriv som år-månad-dag, till exempel 2027-03-15.',
  'form.timeFormat': 'Skriv som timmar och minuter, till exempel 14:30.',
  'form.back': 'Tillbaka',
  'form.stepOf': 'Steg {current} av {total}',
  'form.notAnswered': 'Inte angivet',
  'form.yes': 'Ja',
  'form.no': 'Nej',
  'form.restored': 'Vi har fyllt i de svar du skrev tidigare.',
  'form.leaveWarning': 'Du har svar som inte är skickade. Vill du lämna sidan?',
  'form.fromRegister': 'Från folkbokföringen',
  'form.sign': 'Skriv under och skicka',
  'form.existingCase': 'Gå till ditt ärende på Mina sidor',
  'form.protectedHint': 'Du har skyddade personuppgifter, så vi hämtar inte din adress från folkbokföringen. Du väljer själv vilken adress du lämnar, till exempel en dit post kan skickas.',
  'form.registerStillDown': 'Folkbokföringen går fortfarande inte att nå.',
  'config.badBackend': 'Adressen till e-tjänsternas server (backend="{value}") är inte en giltig webbadress.',
  'config.missingService': 'Ange vilken e-tjänst som ska visas med attributet service, till exempel service="felanmalan".',
} as const;

addTexts('sv', sv);

/** Every key: the form's (above), the login's, and those that come with Mina sidor's widgets and the timeout dialog. */
export type MessageKey = keyof typeof sv | keyof typeof svEid | keyof typeof svBroker | keyof typeof svPageLogin | keyof typeof svBankId | keyof typeof svFiles | keyof typeof svDrafts | keyof typeof svRegister | keyof typeof svOutcomes | keyof typeof svValidation | keyof typeof svSigning | keyof typeof svPayment | keyof typeof svMyPages | keyof typeof svSession | keyof typeof svPdf | keyof typeof svCompany | keyof typeof svSending | keyof typeof svGroups | keyof typeof svReview;
