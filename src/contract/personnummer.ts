/**
 * A personnummer or samordningsnummer as people write it: 198001012387 → 19800101-2387 (ÅÅÅÅMMDD-NNNN). Anything that
 * is not twelve digits (already written with its hyphen, a foreign e-ID's prid) is given back as it is. The one place
 * the kit writes a personnummer for a reader: the form, the review, Mina sidor, the case's PDF and what is signed.
 */
export const formatPersonnummer = (value: string): string => (/^\d{12}$/.test(value) ? `${value.slice(0, 8)}-${value.slice(8)}` : value);
