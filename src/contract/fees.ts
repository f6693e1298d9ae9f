import * as z from 'zod/mini';
import { Condition } from './conditions.js';
import { LocalizedText } from './text.js';

/**
 * What an e-service costs: the citizen pays before the case is sent (Betalning sker via kort eller Swish).
 * The server works the amount out from the stored answers itself (src/forms/fees.ts), never from the
 * browser. Each line that holds is charged, so one fee may be
 *
 *   400 kr, or 200 kr when reducedFee is yes:
 *     [{ "amount": 400, "when": { "not": { "field": "reducedFee", "equals": true } } },
 *      { "amount": 200, "when": { "field": "reducedFee", "equals": true } }]
 *   100 kr a vehicle:  [{ "amount": 100, "perItemOf": "vehicles" }]
 *
 * and nothing holding means the case is free (free for a reason the form asks). Amounts are kronor,
 * öre allowed (12.50); the moms (VAT) is part of the amount, at the e-service's one rate.
 */
export const VAT_RATES = [0, 6, 12, 25] as const;

/** The most one line may charge: a building-permit fee is large, but not a million kronor. */
export const MAX_FEE_LINE_KR = 999_999;

const kronor = z.number().check(
  z.gte(0.01),
  z.lte(MAX_FEE_LINE_KR),
  z.refine((amount) => Math.abs(Math.round(amount * 100) - amount * 100) < 1e-6, 'whole öre: at most two decimals'),
);

export const FeeLine = z.strictObject({
  /** Said on the review page and the receipt, e.g. "Avgift för parkeringstillstånd". */
  text: LocalizedText,
  amount: kronor,
  /** Charged only when this holds (the conditions of `visibleWhen`, the whole form's answers; for `perItemOf`, each item's). */
  when: z.optional(Condition),
  /** Charged once for each item of this repeating group (whose `when`, if any, holds). */
  perItemOf: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
});
export type FeeLine = z.infer<typeof FeeLine>;

export const Fee = z.strictObject({
  lines: z.array(FeeLine).check(z.minLength(1), z.maxLength(20)),
  /** The moms rate of every line: 0 for a public authority's fee, 25, 12 or 6 for what is sold. */
  vatPercent: z.union([z.literal(0), z.literal(6), z.literal(12), z.literal(25)]),
  /** What the card statement, the Swish app and the receipt call the payment (at most 40 characters). */
  description: z.strictObject({
    sv: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
    en: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  }),
  /** How the citizen may pay: both by default. */
  methods: z.optional(z.array(z.enum(['card', 'swish'])).check(z.minLength(1))),
});
export type Fee = z.infer<typeof Fee>;
