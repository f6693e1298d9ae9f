/**
 * Who a citizen is to this platform: the key every case, draft, attachment, message and session is kept under.
 *
 * For nearly everyone it is their Swedish personnummer or samordningsnummer (12 digits). A foreign e-ID (eIDAS) whose
 * holder has neither names the person by the provisional identifier (prid) that the Swedish eIDAS connector gives
 * every foreign login ("DE:8976543432": the country, then the country's own identifier, Sweden Connect's
 * "eIDAS Constructed Attributes"); the key is then `eidas:<prid>`, a form no Swedish number can take, so the two
 * never meet. Such a citizen has a limited profile: the population register knows nothing of them, so nothing is
 * prefilled from it and no child is theirs, and an e-service takes them only if it says so (`withoutPersonalNumber`).
 */
const FOREIGN_PREFIX = 'eidas:';

/** A prid: two capital letters (the country), a colon, then the country's identifier (printable ASCII, no spaces). */
export const PRID = /^[A-Z]{2}:[\x21-\x7e]{1,120}$/;

export const foreignPersonKey = (prid: string): string => `${FOREIGN_PREFIX}${prid}`;

/** Whether the key is a foreign e-ID's (no Swedish personnummer or samordningsnummer): a limited profile. */
export const isForeignPersonKey = (key: string): boolean => key.startsWith(FOREIGN_PREFIX);

/** The prid of a foreign key ("DE:8976543432"); undefined for a Swedish number. */
export const pridOf = (key: string): string | undefined => (isForeignPersonKey(key) ? key.slice(FOREIGN_PREFIX.length) : undefined);
