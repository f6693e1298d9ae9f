import * as z from 'zod/mini';

/** The languages the kit speaks. Swedish is the default everywhere. */
export const LANGUAGES = ['sv', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

const nonEmpty = () => z.string().check(z.trim(), z.minLength(1));

/** A text an e-service author writes once per language. */
export const LocalizedText = z.object({ sv: nonEmpty(), en: nonEmpty() });
export type LocalizedText = z.infer<typeof LocalizedText>;
