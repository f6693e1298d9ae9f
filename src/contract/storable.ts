import * as z from 'zod/mini';
import { CHARACTERS, INT_MAX, isStorableText } from './limits.js';

/** zod checks of what the database can hold (src/contract/limits.ts says what that is). */

export { CHARACTERS, DATE_MAX, DATE_MIN, INT_MAX, isStorableText, isStorableTime } from './limits.js';

/** A string check: text the database can hold. */
export const storable = z.refine<string>(isStorableText, { message: CHARACTERS, params: { code: CHARACTERS } });

/** A string that reaches storage. */
export const storableText = () => z.string().check(storable);

/** A whole number stored in an `integer` column. */
export const storedInt = (min: number) => z.int().check(z.minimum(min), z.maximum(INT_MAX));
