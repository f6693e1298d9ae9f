import { isCalendarDate } from './swedish.js';

/** Today's date in Sweden as YYYY-MM-DD: the browser and the server must agree on "today". */
export function todayInSweden(now: Date = new Date()): string {
  // Made once: building a DateTimeFormat costs more than a whole check of most answers.
  swedishDate ??= new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
  return swedishDate.format(now);
}
let swedishDate: Intl.DateTimeFormat | undefined;

/** 2027-03-15, 2027-3-15, 20270315 or 2027/03/15 → 2027-03-15; anything else, or a day that doesn't exist, → undefined. */
export function parseIsoDate(input: string): string | undefined {
  const text = input.trim();
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text) ?? /^(\d{4})[-/. ](\d{1,2})[-/. ](\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isCalendarDate(year, month, day)) return undefined;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
