import type { OnePerPerson } from '../../src/contract/once-per-person.js';
import type { Language } from '../../src/contract/text.js';
import { todayInSweden } from '../../src/forms/dates.js';

/**
 * Which of a person's cases a once-per-person e-service counts against a new one, as a claim key: the
 * person holds at most one case per e-service and key (`one_per_person_cases`, migration 022).
 *
 *   true               ''                      one case, ever (the key every case had before periods)
 *   { per: "month" }   'month:2027-01'         the calendar month in Sweden's time: 23:30 on 31 January is January
 *   { per: "year" }    'year:2027'
 *   a round            'round:2027-01-01'      known by its first day, so moving its last day keeps its cases
 *   { perChild }       'child:201605120243'    the child's personnummer, as the child question holds it
 *
 * No key (undefined): the case is not limited — a day outside the round, or no child named (yet).
 */
export interface Limit {
  key: string;
  /** What the limit is, for the 409 the citizen reads. */
  kind: 'once' | 'month' | 'year' | 'round' | 'child';
  round?: { from: string; to: string };
}

export function limitAt(setting: OnePerPerson | undefined, at: Date, child?: unknown): Limit | undefined {
  if (setting === undefined || setting === false) return undefined;
  if (setting === true) return { key: '', kind: 'once' };
  if ('per' in setting) {
    const today = todayInSweden(at);
    return setting.per === 'month' ? { key: `month:${today.slice(0, 7)}`, kind: 'month' } : { key: `year:${today.slice(0, 4)}`, kind: 'year' };
  }
  if ('from' in setting) {
    const today = todayInSweden(at);
    // ISO days compare as text; both days belong to the round.
    if (today < setting.from || today > setting.to) return undefined;
    return { key: `round:${setting.from}`, kind: 'round', round: { from: setting.from, to: setting.to } };
  }
  const personalNumber = typeof child === 'string' ? child.trim() : '';
  // Anything else is no child: the form engine refuses it when the case is checked.
  return /^\d{12}$/.test(personalNumber) ? { key: `child:${personalNumber}`, kind: 'child' } : undefined;
}

const TITLES: Record<Limit['kind'], (round: string) => Record<Language, string>> = {
  once: () => ({ sv: 'Du har redan använt tjänsten', en: 'You have already used this e-service' }),
  month: () => ({
    sv: 'Du har redan skickat en ansökan i den här e-tjänsten den här månaden',
    en: 'You have already sent an application with this e-service this month',
  }),
  year: () => ({
    sv: 'Du har redan skickat en ansökan i den här e-tjänsten i år',
    en: 'You have already sent an application with this e-service this year',
  }),
  round: (round) => ({
    sv: `Du har redan skickat en ansökan i den här e-tjänsten under den här ansökningsperioden (${round})`,
    en: `You have already sent an application with this e-service in this application period (${round})`,
  }),
  child: () => ({
    sv: 'Du har redan skickat en ansökan i den här e-tjänsten för det här barnet',
    en: 'You have already sent an application with this e-service for this child',
  }),
};

const DETAILS: Record<Limit['kind'], Record<Language, string>> = {
  once: { sv: 'Du kan bara skicka en ansökan.', en: 'You can send only one application.' },
  month: { sv: 'Du kan skicka en ansökan i månaden.', en: 'You can send one application a month.' },
  year: { sv: 'Du kan skicka en ansökan om året.', en: 'You can send one application a year.' },
  round: { sv: 'Du kan skicka en ansökan under varje ansökningsperiod.', en: 'You can send one application in each application period.' },
  child: { sv: 'Du kan skicka en ansökan för varje barn.', en: 'You can send one application for each child.' },
};

/** The 409's title and detail: what the limit is, and where the case already sent is. */
export function limitWords(limit: Limit, lang: Language): { title: string; detail: string } {
  const round = limit.round ? `${limit.round.from}–${limit.round.to}` : '';
  const where = lang === 'en' ? 'Find it under My pages.' : 'Du hittar den under Mina sidor.';
  return { title: TITLES[limit.kind](round)[lang], detail: `${DETAILS[limit.kind][lang]} ${where}` };
}
