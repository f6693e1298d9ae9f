import type { Language } from '../contract/text.js';

const formats = new Map<Language, Intl.NumberFormat>();

/**
 * An amount in öre as the reader writes money: "1 200,00 kr" in Swedish, "SEK 1,200.00" in English.
 * Here rather than in index.ts: only the e-services that charge need it, and they fetch it with their fee.
 */
export function formatAmount(ore: number, lang: Language): string {
  let format = formats.get(lang);
  if (!format) formats.set(lang, (format = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { style: 'currency', currency: 'SEK' })));
  return format.format(ore / 100);
}
