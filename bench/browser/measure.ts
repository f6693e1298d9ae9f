/**
 * How the bench pages time things, the same way for every library measured:
 *
 * - start: `performance.now()` just before the form is created, or in a capturing `keydown`
 *   listener on window (the first moment the page's scripts see the keystroke);
 * - "dom": the first moment the expected DOM holds, checked on every mutation of the roots
 *   involved (MutationObserver), then once `settle()` (e.g. Lit's `updateComplete` of new elements) is done;
 * - "frame": after the next frame has been produced: a requestAnimationFrame callback, then a task
 *   posted from it (it runs once style, layout and paint of that frame are done).
 */

export interface Timing {
  /** Milliseconds to the expected DOM. */
  dom: number;
  /** Milliseconds to after the next frame. */
  frame: number;
}

const TIMEOUT_MS = 20_000;

export const now = () => performance.now();

/** Resolves after the next frame has been rendered. */
export function afterNextFrame(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(now());
      channel.port2.postMessage(null);
    }),
  );
}

/**
 * Watches `roots` from the next keydown (or from `start`, if given) until `done()` holds at a mutation;
 * then waits for `settle()` and the next frame.
 */
export function watch(what: string, roots: Node[], done: () => boolean, settle?: () => Promise<void>, start?: number): Promise<Timing> {
  return new Promise((resolve, reject) => {
    let started = start;
    let finished = false;
    const onKeydown = () => {
      started ??= now();
    };
    const stop = () => {
      finished = true;
      observer.disconnect();
      window.removeEventListener('keydown', onKeydown, true);
      clearTimeout(timer);
    };
    const check = async () => {
      if (finished || started === undefined || !done()) return;
      stop();
      try {
        await settle?.();
        const dom = now();
        const frame = await afterNextFrame();
        resolve({ dom: dom - started, frame: frame - started });
      } catch (error) {
        reject(error);
      }
    };
    const observer = new MutationObserver(() => void check());
    for (const root of roots) observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    window.addEventListener('keydown', onKeydown, true);
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${what}: not reached within ${TIMEOUT_MS} ms (keydown ${started === undefined ? 'not seen' : 'seen'})`));
    }, TIMEOUT_MS);
    // Already there (a synchronous renderer): checked once without waiting for a mutation.
    void check();
  });
}

let armed: Promise<Timing> | undefined;

/** Keeps a measurement started before a keystroke, for the bench to take once the keystroke is sent. */
export function arm(measurement: Promise<Timing>): void {
  // Taken later by takeResult; a rejection until then is not an unhandled one.
  measurement.catch(() => {});
  armed = measurement;
}

/** The armed measurement's result (once). */
export function takeResult(): Promise<Timing> {
  const result = armed;
  armed = undefined;
  return result ?? Promise.reject(new Error('no measurement armed'));
}

/** The form the page measures, from `?form=` in its address. */
export const formId = new URLSearchParams(location.search).get('form') ?? 'stress-300';

/** The page's API the bench drives (window.bench), the same for every library. */
export interface BenchPage {
  ready: Promise<boolean>;
  /**
   * Creates the form and measures until its first questions are rendered (dom, frame) and until
   * every question of its first page is (all: the same moment where a library renders a page at once).
   */
  firstRender(): Promise<Timing & { all: number; questions: number }>;
  /** From the next keydown until `id`'s error is gone (from the question, and the summary where there is one). */
  armErrorCleared(id: string): void;
  /** From the next keydown until every question in `ids` is shown and rendered, or none is left. */
  armConditions(ids: string[], expect: 'shown' | 'hidden'): void;
  result(): Promise<Timing>;
  /** Empties every answer. */
  clearAnswers(): Promise<void>;
  /** Presses Continue (or Complete) with the questions as they are: errors appear. */
  showErrors(): void;
  /** Whether `id` shows its error (the bench waits for it after showErrors). */
  showsError(id: string): boolean;
  /** How many errors are shown. */
  errorCount(): number;
}

declare global {
  interface Window {
    bench: BenchPage;
  }
}
