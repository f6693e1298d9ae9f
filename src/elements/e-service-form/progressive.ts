import type { ReactiveController, ReactiveControllerHost } from 'lit';
/** A long step's first render: about two screenfuls, so that the first frame comes quickly. */
const FIRST = 20;
/** Added even when no frame comes (a tab in the background runs no animation frames). */
const FALLBACK_MS = 100;

/** The Prioritized Task Scheduling API (Chromium, Firefox): not yet in TypeScript's DOM types. */
const background = (globalThis as { scheduler?: { postTask(task: () => void, options: { priority: 'background' }): Promise<unknown> } }).scheduler;

/**
 * Renders a long step (hundreds of questions) a screenful first and the rest right after that frame
 * is painted, so that the citizen sees the form at once instead of after every question has been built.
 * The host's `updateComplete` waits for the whole step, and so does anything that must reach a
 * question below the first screenful (a link in the error summary, "Ändra" on the review page).
 */
export class ProgressiveSteps implements ReactiveController {
  private step?: unknown;
  private limit = Infinity;
  private count = 0;
  private frame?: number | undefined;
  private timer?: ReturnType<typeof setTimeout> | undefined;
  private waiting: (() => void)[] = [];

  /** `atOnce`: steps with at most this many questions are rendered whole (all-at-once.ts says how many). */
  constructor(private readonly host: ReactiveControllerHost, private readonly atOnce: number) {
    host.addController(this);
  }

  /** How many of the `count` questions of `step` to render in this update. */
  limitFor(step: unknown, count: number): number {
    if (step !== this.step) {
      this.step = step;
      this.limit = count > this.atOnce ? FIRST : Infinity;
    }
    this.count = count;
    if (this.limit < count) this.scheduleMore();
    return this.limit;
  }

  /** True while part of the current step is still to be rendered. */
  get rendering(): boolean {
    return this.limit < this.count;
  }

  /** Resolves when the next part of the step has been asked for (then the host's next update renders it). */
  nextPart(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Renders the rest of the step in the next update (e.g. to reach a question by its link). */
  renderAll(): void {
    if (!this.rendering) return;
    this.limit = Infinity;
    this.cancel();
    this.host.requestUpdate();
    this.wake();
  }

  hostUpdate(): void {
    // Counted again by this render's limitFor: a page without a step (the review, a receipt) renders nothing progressively.
    this.count = 0;
  }

  hostDisconnected(): void {
    this.cancel();
    // Connected again: the step is rendered whole.
    this.step = undefined;
    this.count = 0;
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  private scheduleMore(): void {
    if (this.frame !== undefined || this.timer !== undefined) return;
    const more = () => {
      this.cancel();
      // The rest at once, in order (screen readers and Tab meet the questions as written): measured,
      // one more update is quicker in all than several smaller ones, each laying out the page again.
      this.limit = Infinity;
      this.host.requestUpdate();
      this.wake();
    };
    // After the next frame is painted: a task posted from requestAnimationFrame, at the lowest
    // priority where the browser has one, so that a keystroke or a click goes first.
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      clearTimeout(this.timer);
      if (background) {
        this.timer = setTimeout(more, FALLBACK_MS);
        void background.postTask(() => this.timer !== undefined && more(), { priority: 'background' });
      } else this.timer = setTimeout(more);
    });
    this.timer = setTimeout(more, FALLBACK_MS);
  }

  private cancel(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.frame = this.timer = undefined;
  }
}
