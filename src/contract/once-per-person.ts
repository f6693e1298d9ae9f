import * as z from 'zod/mini';

/**
 * `onePerPerson` in a definition: how many cases one logged-in person may send with the e-service.
 *
 *   true                                          one case, ever
 *   { "per": "month" } / { "per": "year" }        one a calendar month / year, in Sweden's time
 *   { "from": "2027-01-01", "to": "2027-03-31" }  one within the round, both days included; outside
 *                                                 the round the e-service is not limited by it
 *   { "perChild": "barn" }                        one for each child the person names in that `child` question
 *
 * The server keeps to it (server/services/once-per-person.ts); the definition's refines check that a
 * perChild names a child question and that the setting has a login "required".
 */

const FORMS = 'one case per person is true, { "per": "month" }, { "per": "year" }, a round { "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" } '
  + 'or { "perChild": "<id of a child question>" }';

/** The union's own error names every form; a period word that is none of them is named first, the likeliest slip. */
function formsError(issue: { input?: unknown }): string {
  const per = typeof issue.input === 'object' && issue.input !== null ? (issue.input as { per?: unknown }).per : undefined;
  return per === undefined || per === 'month' || per === 'year' ? FORMS : `"per" is "month" or "year", not ${JSON.stringify(per)}: ${FORMS}`;
}

/** A calendar day: "2027-02-30" is no day, so it is refused too. */
const day = z.iso.date({ error: 'a day written YYYY-MM-DD' });

export const OnePerPersonPeriod = z.strictObject({ per: z.enum(['month', 'year']) });

export const OnePerPersonRound = z.strictObject({ from: day, to: day }).check(
  // ISO days compare as text.
  z.refine((round) => round.to >= round.from, { message: 'a round\'s "to" is on or after its "from"', path: ['to'] }),
);

export const OnePerPersonPerChild = z.strictObject({ perChild: z.string().check(z.minLength(1, 'the id of a child question')) });

export const OnePerPerson = z.union([z.boolean(), OnePerPersonPeriod, OnePerPersonRound, OnePerPersonPerChild], { error: formsError });
export type OnePerPerson = z.infer<typeof OnePerPerson>;

/** Whether the setting limits the person at all (`false` and absent do not). */
export const limitsPerson = (setting: OnePerPerson | undefined): boolean => setting !== undefined && setting !== false;

/** The child question a perChild setting names, if it is one. */
export function perChildField(setting: OnePerPerson | undefined): string | undefined {
  return typeof setting === 'object' && 'perChild' in setting ? setting.perChild : undefined;
}

/** Whether a perChild setting names something other than a top-level `child` question of the definition. */
export function perChildUnknown(definition: {
  onePerPerson?: OnePerPerson | undefined;
  steps: readonly { fields: readonly { id: string; type: string }[] }[];
}): boolean {
  const id = perChildField(definition.onePerPerson);
  if (id === undefined) return false;
  return !definition.steps.some((step) => step.fields.some((field) => field.id === id && field.type === 'child'));
}
