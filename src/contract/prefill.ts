import * as z from 'zod/mini';

/**
 * What the population register (folkbokföringen) says about the logged-in citizen, for
 * one e-service: the answers to its prefilled questions, and the children its "Which child?"
 * questions may list. Answered only to a logged-in citizen, only about that citizen.
 *
 *   GET /api/services/{serviceId}/prefill   → PrefillResponse
 *       401 /problems/not-logged-in          no session
 *       404 /problems/service-not-found      no such e-service
 *       503 /problems/register-unavailable   (older backends) the register can't be reached: the kit waits
 *
 * - While the register can't be reached the answer is still 200, with `registerUnavailable` true:
 *   the person as the e-ID names them, no address, no children. The kit lets the citizen fill in
 *   every question that does not need the register and says which wait; nothing is sent until the
 *   register answers again (the server checks every case against it).
 * - `alreadyUsed`: a once-per-person e-service the person has used; the kit says so when the form
 *   opens, with a link to the case on Mina sidor (`url`, from the server's MY_PAGES_URL).
 * - Numbers are 12 digits without a hyphen (ÅÅÅÅMMDDNNNN); the kit formats them. A citizen logged in with a foreign
 *   e-ID that has no Swedish number (a limited profile, src/contract/person-key.ts) has `eidas:<prid>` as
 *   `person.personalNumber`: the name is the e-ID's, the register is not asked, and there is no address or child.
 * - `address` is sent only when the register has one, the service prefills an address, and the
 *   person has no protected personal data. With skyddad folkbokföring or sekretessmarkering
 *   `protected` is true and no address is sent: the citizen fills in the contact details they
 *   choose, and the question is not locked. Name and personnummer are prefilled for everyone
 *   (they come with the e-ID anyway).
 * - `children`: the children the citizen has custody of, never one with protected identity,
 *   and only for a service that has a child question (otherwise empty). When every child
 *   question of the service has `ownSchoolsOnly`, only children at a preschool or school run by
 *   the service's municipality are sent; otherwise all are, and `ownSchool` tells the kit which
 *   to list for a question with `ownSchoolsOnly`.
 * - The server takes every prefilled answer and checks every child answer against the register
 *   again when the case arrives: what the browser sends back is never trusted.
 */

export const PrefillAddress = z.object({ street: z.string(), postalCode: z.string(), city: z.string() });
export type PrefillAddress = z.infer<typeof PrefillAddress>;

export const PrefillPerson = z.object({
  personalNumber: z.string(),
  name: z.string(),
  givenName: z.string(),
  surname: z.string(),
  address: z.optional(PrefillAddress),
});
export type PrefillPerson = z.infer<typeof PrefillPerson>;

export const PrefillChild = z.object({
  personalNumber: z.string(),
  name: z.string(),
  /** At a preschool or school run by the service's municipality. */
  ownSchool: z.boolean(),
  /**
   * Whether someone besides the citizen has custody: sent for services whose conditions ask
   * (`otherGuardians`, e.g. the other guardian's e-mail for flerpartssignering).
   */
  otherGuardians: z.optional(z.boolean()),
});
export type PrefillChild = z.infer<typeof PrefillChild>;

export const PrefillResponse = z.object({
  person: PrefillPerson,
  /** Skyddad folkbokföring or sekretessmarkering: no contact data is prefilled. */
  protected: z.boolean(),
  children: z.array(PrefillChild),
  registerUnavailable: z.optional(z.boolean()),
  alreadyUsed: z.optional(z.object({
    caseId: z.string(),
    url: z.optional(z.string()),
    /** For a limit by period (a month, a year, an application round): the words that name it, said in place of the kit's own. */
    title: z.optional(z.string()),
    detail: z.optional(z.string()),
  })),
});
export type PrefillResponse = z.infer<typeof PrefillResponse>;
