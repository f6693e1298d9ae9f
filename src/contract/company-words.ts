/**
 * What the browser needs of src/contract/companies.ts without zod (whose runtime stays out of the browser bundle):
 * the patterns, the legal forms and how an organisationsnummer is written.
 */

/** An organisationsnummer as the API carries it: ten digits, no hyphen (a sole trader's is the owner's personnummer without the century). */
export const ORGANISATION_NUMBER = /^\d{10}$/;

/** 5561234567 → 556123-4567, as a person reads it. */
export const formatOrganisationNumber = (number: string): string => `${number.slice(0, 6)}-${number.slice(6)}`;

/** The signatory ids the register gives: opaque, never a personnummer. */
export const SIGNATORY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The legal form, as Bolagsverket names it: aktiebolag, handelsbolag, kommanditbolag, ekonomisk förening, enskild
 * näringsidkare (enskild firma), ideell förening, stiftelse.
 */
export const LEGAL_FORMS = ['AB', 'HB', 'KB', 'EK', 'EF', 'IF', 'ST'] as const;
