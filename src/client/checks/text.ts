import * as v from 'valibot';

/** A text in Swedish and English (src/contract/text.ts). */
export const LocalizedText = v.looseObject({ sv: v.string(), en: v.string() });
