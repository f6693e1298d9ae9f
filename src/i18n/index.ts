import type { Language, LocalizedText } from '../contract/text.js';
import type { MessageKey } from './messages.js';

export type { MessageKey };

/**
 * The catalogues at hand: Swedish as each widget's texts arrive (every module that shows a text imports its
 * catalogue, messages.ts, messages.eid.ts…, which adds it here); English once loadLanguage('en') has fetched it.
 */
const loaded: Partial<Record<Language, Partial<Record<MessageKey, string>>>> = { sv: {} };

/** Adds a widget's own texts to a language's catalogue (Mina sidor's widgets bring their Swedish). */
export function addTexts(lang: Language, texts: Partial<Record<MessageKey, string>>): void {
  loaded[lang] = { ...loaded[lang], ...texts };
}

let loadingEnglish: Promise<void> | undefined;

export const hasLanguage = (lang: Language): boolean => loaded[lang] !== undefined;

/** Fetches a language's texts (English is a chunk of its own: most citizens read Swedish). */
export function loadLanguage(lang: Language): Promise<void> {
  if (hasLanguage(lang)) return Promise.resolve();
  return (loadingEnglish ??= import('./messages.en.js').then((module) => {
    loaded.en = { ...loaded.en, ...module.en };
  }));
}

export type MessageParams = Record<string, string | number>;

/** Looks up a kit text and fills in its {placeholders}. */
export function t(lang: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = loaded[lang]?.[key] ?? loaded.sv![key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Picks the text of a definition in the reader's language. */
export function localize(text: LocalizedText, lang: Language): string {
  return text[lang];
}

/**
 * Whether a number, as written, takes the singular in the language ("1"; not "0", "2" or "1,0"): the
 * CLDR plural category "one", counting the decimals written.
 */
export function countsAsOne(lang: Language, written: string | number): boolean {
  const [whole = '', fraction = ''] = String(written).replace(/\s/g, '').split(/[.,]/);
  const number = Number(`${whole}.${fraction || '0'}`);
  return Number.isFinite(number) && new Intl.PluralRules(lang, { minimumFractionDigits: fraction.length }).select(number) === 'one';
}

/** Accepts "sv", "sv-SE", "en-GB"…; anything else falls back to Swedish. */
export function toLanguage(value: string | null | undefined): Language {
  const primary = value?.trim().toLowerCase().split('-')[0];
  return primary === 'en' ? 'en' : 'sv';
}

export function formatDateTime(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));
}
