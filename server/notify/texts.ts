import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { Language } from '../../src/contract/text.js';

export type NotificationKind = 'receipt' | 'message' | 'status';

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
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm',
  }).format(at);
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
