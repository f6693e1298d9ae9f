import type { Language, LocalizedText } from '../contract/text.js';
import { en, sv, type MessageKey } from './messages.js';

export type { MessageKey };
export const catalogues: Record<Language, Record<MessageKey, string>> = { sv, en };

export type MessageParams = Record<string, string | number>;

/** Looks up a kit text and fills in its {placeholders}. */
export function t(lang: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogues[lang][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Picks the text of a definition in the reader's language. */
export function localize(text: LocalizedText, lang: Language): string {
  return text[lang];
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
