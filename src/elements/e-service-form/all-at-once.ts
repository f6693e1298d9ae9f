import type { ProgressiveSteps } from './progressive.js';

/** What the form asks of the rendering of a long step a screenful first (progressive.ts). */
export type FormProgressive = Pick<ProgressiveSteps, 'limitFor' | 'rendering' | 'nextPart' | 'renderAll'>;

/** Steps with at most this many questions are rendered at once. */
export const AT_ONCE = 40;

/**
 * Every step rendered whole: a definition without a step longer than AT_ONCE. ProgressiveSteps is fetched with the
 * definition of one that has such a step, so that the others do not load it.
 */
export const ALL_AT_ONCE: FormProgressive = {
  limitFor: (_step, count) => count,
  rendering: false,
  nextPart: () => Promise.resolve(),
  renderAll: () => undefined,
};
