import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { Language } from '../../src/contract/text.js';
import { stockholmDate } from '../stockholm-time.js';

export type NotificationKind = 'receipt' | 'message' | 'status' | 'paymentDue' | CosignNotificationKind;

/** Flerpartssignering: the invitation and its reminder to a cosigner, and the notices when it ends unsent. */
export type CosignNotificationKind = 'cosignInvitation' | 'cosignReminder' | 'cosignExpired' | 'cosignDeclined';

export interface NotificationText {
  subject: string;
  /** The e-mail's text. */
  body: string;
  /** The SMS: shorter, the same news. */
  sms: string;
}

const NO_REPLY = {
  sv: 'Det här meddelandet går inte att svara på.',
  en: 'Please do not reply to this message.',
};

function when(at: Date, lang: Language): string {
  return stockholmDate(at, lang, 'dateTime');
}

/**
 * The receipt: that the case arrived, its number and the e-service's own receipt text. Never
 * the answers: an e-mail passes through hands the municipality does not control.
 */
export function receiptText(definition: ServiceDefinition, caseNumber: string, submittedAt: Date, lang: Language): NotificationText {
  const municipality = definition.municipality.name[lang];
  const title = definition.title[lang];
  if (lang === 'en') {
    return {
      subject: `We have received your case ${caseNumber}`,
      body: `${municipality} received your case “${title}” on ${when(submittedAt, lang)}.\n\nCase number: ${caseNumber}\n\n`
        + `${definition.receipt.text.en}\n\n${NO_REPLY.en}\n`,
      sms: `${municipality} has received your case ${caseNumber} (${title}).`,
    };
  }
  return {
    subject: `Vi har tagit emot ditt ärende ${caseNumber}`,
    body: `${municipality} tog emot ditt ärende ”${title}” den ${when(submittedAt, lang)}.\n\nÄrendenummer: ${caseNumber}\n\n`
      + `${definition.receipt.text.sv}\n\n${NO_REPLY.sv}\n`,
    sms: `${municipality} har tagit emot ditt ärende ${caseNumber} (${title}).`,
  };
}

/**
 * That there is news, and where to read it: no case number, no status, no words of the message.
 * Whoever reads the citizen's e-mail or phone learns only that they have a case with the municipality.
 */
export function noticeText(kind: 'message' | 'status', definition: ServiceDefinition, lang: Language): NotificationText {
  const municipality = definition.municipality.name[lang];
  if (lang === 'en') {
    const text = kind === 'message'
      ? `You have a new message about a case with ${municipality}. Log in to My pages to read it.`
      : `A case of yours with ${municipality} has a new status. Log in to My pages to see it.`;
    return { subject: kind === 'message' ? `New message from ${municipality}` : `News about your case with ${municipality}`, body: `${text}\n\n${NO_REPLY.en}\n`, sms: text };
  }
  const text = kind === 'message'
    ? `Du har fått ett nytt meddelande i ett ärende hos ${municipality}. Logga in på Mina sidor för att läsa det.`
    : `Ett av dina ärenden hos ${municipality} har fått en ny status. Logga in på Mina sidor för att se den.`;
  return { subject: kind === 'message' ? `Nytt meddelande från ${municipality}` : `Nytt om ditt ärende hos ${municipality}`, body: `${text}\n\n${NO_REPLY.sv}\n`, sms: text };
}

function day(at: Date, lang: Language): string {
  return stockholmDate(at, lang, 'date');
}

/**
 * The invitation to cosign (and, `reminder`, the same a week before the deadline). It goes to an
 * address the applicant typed, which may be wrong: it names the e-service and who asked, never the
 * child or the answers, and says the link works only for the person the case concerns, after a login.
 */
export function invitationText(
  definition: ServiceDefinition, askedBy: string, link: string, deadline: Date, lang: Language, reminder = false,
): NotificationText {
  const municipality = definition.municipality.name[lang];
  const title = definition.title[lang];
  if (lang === 'en') {
    const lead = reminder ? `Reminder: ${askedBy} is still waiting for your signature` : `${askedBy} has asked you to sign`;
    return {
      subject: reminder ? `Reminder: sign “${title}” by ${day(deadline, lang)}` : `Sign “${title}” – ${municipality}`,
      body: `${lead} on the application “${title}” to ${municipality}. It is sent to ${municipality} only when you have signed too.\n\n`
        + `Read it and sign with BankID by ${day(deadline, lang)}:\n${link}\n\n`
        + `You log in with BankID first; the link works only for the person the application concerns. You can also find it under My pages.\n\n${NO_REPLY.en}\n`,
      sms: `${lead} on “${title}” (${municipality}) by ${day(deadline, lang)}: ${link}`,
    };
  }
  const lead = reminder ? `Påminnelse: ${askedBy} väntar fortfarande på din underskrift` : `${askedBy} har bett dig skriva under`;
  return {
    subject: reminder ? `Påminnelse: skriv under ”${title}” senast ${day(deadline, lang)}` : `Skriv under ”${title}” – ${municipality}`,
    body: `${lead} på ansökan ”${title}” till ${municipality}. Den skickas till ${municipality} först när du också har skrivit under.\n\n`
      + `Läs den och skriv under med BankID senast ${day(deadline, lang)}:\n${link}\n\n`
      + `Du loggar in med BankID först; länken fungerar bara för den som ansökan gäller. Du hittar den också på Mina sidor.\n\n${NO_REPLY.sv}\n`,
    sms: `${lead} på ”${title}” (${municipality}) senast ${day(deadline, lang)}: ${link}`,
  };
}

/**
 * A cosigned case that ends unsent: not signed in time (to the applicant and each cosigner), or
 * declined (to the applicant). Says what happened and what to do; no answers.
 */
export function cosignEndText(kind: 'cosignExpired' | 'cosignDeclined', definition: ServiceDefinition, toApplicant: boolean, lang: Language): NotificationText {
  const municipality = definition.municipality.name[lang];
  const title = definition.title[lang];
  if (lang === 'en') {
    const text = kind === 'cosignDeclined'
      ? `Your application “${title}” was not sent to ${municipality}: the other person declined to sign it. Log in to My pages to start again from a copy.`
      : toApplicant
        ? `Your application “${title}” was not sent to ${municipality}: not everyone signed it in time. Log in to My pages to start again from a copy of your answers.`
        : `The application “${title}” to ${municipality} that you were asked to sign was not signed in time and has not been sent.`;
    return { subject: `“${title}” was not sent`, body: `${text}\n\n${NO_REPLY.en}\n`, sms: text };
  }
  const text = kind === 'cosignDeclined'
    ? `Din ansökan ”${title}” skickades inte till ${municipality}: den andra personen valde att inte skriva under. Logga in på Mina sidor för att börja om från en kopia.`
    : toApplicant
      ? `Din ansökan ”${title}” skickades inte till ${municipality}: alla skrev inte under i tid. Logga in på Mina sidor för att börja om från en kopia av dina svar.`
      : `Ansökan ”${title}” till ${municipality} som du blev ombedd att skriva under blev inte underskriven i tid och har inte skickats.`;
  return { subject: `”${title}” skickades inte`, body: `${text}\n\n${NO_REPLY.sv}\n`, sms: text };
}

/**
 * Everyone has signed a cosigned case of an e-service with a fee: the applicant pays now, and the case is sent
 * when it is paid. Names the e-service and where to pay, never the answers.
 */
export function paymentDueText(definition: ServiceDefinition, lang: Language): NotificationText {
  const municipality = definition.municipality.name[lang];
  const title = definition.title[lang];
  if (lang === 'en') {
    const text = `Everyone has signed your application “${title}” to ${municipality}. Pay the fee on My pages (choose Pay on the case): the application is sent to ${municipality} once it is paid.`;
    return { subject: `Pay the fee for “${title}”`, body: `${text}\n\n${NO_REPLY.en}\n`, sms: text };
  }
  const text = `Alla har skrivit under din ansökan ”${title}” till ${municipality}. Betala avgiften på Mina sidor (välj Betala på ärendet): ansökan skickas till ${municipality} när den är betald.`;
  return { subject: `Betala avgiften för ”${title}”`, body: `${text}\n\n${NO_REPLY.sv}\n`, sms: text };
}
