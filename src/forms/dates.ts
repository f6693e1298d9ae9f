import { isCalendarDate } from './swedish.js';

/** Today's date in Sweden as YYYY-MM-DD: the browser and the server must agree on "today". */
export function todayInSweden(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function parseIsoDate(input: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.trim());
  if (!match) return undefined;
  return isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) ? match[0] : undefined;
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
