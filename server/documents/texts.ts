import type { Language } from '../../src/contract/text.js';
import { loadLanguage, t, type MessageKey } from '../../src/i18n/index.js';
import '../../src/i18n/messages.js';
import '../../src/i18n/messages.my-pages.js';
import '../../src/i18n/messages.outcomes.js';

/**
 * The words of a case's PDF. Where Mina sidor already has the word (Ärendenummer, Bifogade filer, Ja, Nej…)
 * the kit's catalogue gives it, so the PDF and the citizen's screen never call one thing two names; the
 * few words only the PDF uses are here.
 */
const OWN = {
  sv: {
    answers: 'Svar',
    signer: 'Underskriven av',
    personalNumber: 'Personnummer',
    foreignId: 'Utländskt id',
    signedAt: 'Tidpunkt',
    eid: 'E-legitimation',
    instrument: 'Betalsätt',
    page: 'Ärende {caseNumber}, sida {page} av {pages}',
    sentBy: '{municipality} tog emot ärendet {date}.',
    documentTitle: '{title}, ärende {caseNumber}',
  },
  en: {
    answers: 'Answers',
    signer: 'Signed by',
    personalNumber: 'Personal identity number',
    foreignId: 'Foreign ID',
    signedAt: 'Time',
    eid: 'e-ID',
    instrument: 'Paid with',
    page: 'Case {caseNumber}, page {page} of {pages}',
    sentBy: '{municipality} received the case on {date}.',
    documentTitle: '{title}, case {caseNumber}',
  },
} satisfies Record<Language, Record<string, string>>;

export type OwnKey = keyof typeof OWN.sv;

/** The English catalogue is fetched once per process; Swedish is there from the start. */
export const ensureTexts = (): Promise<void> => loadLanguage('en');

/** A word of the PDF's own, its {placeholders} filled in. */
export function pdfText(lang: Language, key: OwnKey, params: Record<string, string | number> = {}): string {
  return OWN[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A word of the kit's catalogue (the same as Mina sidor's). */
export const kitText = (lang: Language, key: MessageKey): string => t(lang, key);

/** The e-IDs by the names citizens know (as <my-cases> names them). */
const EID_NAMES: Record<string, MessageKey> = {
  bankid: 'cases.eidBankId', freja: 'cases.eidFreja', telia: 'cases.eidTelia', eidas: 'cases.eidEidas',
};

export function eidName(eid: string, lang: Language): string {
  const key = EID_NAMES[eid];
  return key ? t(lang, key) : eid;
}
