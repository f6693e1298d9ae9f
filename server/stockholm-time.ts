import type { Language } from '../src/contract/text.js';

/**
 * Dates as a Swedish municipality writes them, in Stockholm's time. An Intl.DateTimeFormat costs far
 * more to make than to use (it loads locale data): each kind is made once per process, not per case.
 */
const STYLES = {
  /** 24 november 2026 kl. 09:00 / 24 November 2026 at 09:00 */
  dateTime: { dateStyle: 'long', timeStyle: 'short' },
  /** 24 november 2026 */
  date: { dateStyle: 'long' },
  /** 24 november 2026, without the weekday or era any locale may add to dateStyle */
  dayMonthYear: { day: 'numeric', month: 'long', year: 'numeric' },
  year: { year: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const made = new Map<string, Intl.DateTimeFormat>();

export function stockholmDate(at: Date, lang: Language, style: keyof typeof STYLES): string {
  const key = `${lang} ${style}`;
  let format = made.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { ...STYLES[style], timeZone: 'Europe/Stockholm' });
    made.set(key, format);
  }
  return format.format(at);
}

/** The year in Stockholm: a case sent at 00:30 on New Year's Day is numbered in the new year. */
export const stockholmYear = (at: Date): number => Number(stockholmDate(at, 'sv', 'year'));
