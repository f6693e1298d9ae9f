import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ServiceDefinition } from '../../contract/definition.js';
import type { FormView } from '../../forms/visibility.js';

/** Where the citizen is: a step (by id, stable while other steps appear and disappear) or the review. */
export type Page = { step: string } | { review: true };

/** What the form keeps in `history.state.esk`: whose entry it is, its page, and how many entries lie below it. */
interface Entry {
  key: string;
  page: Page | null;
  index: number;
}

/** What the steps need from the form. */
export interface StepsHost {
  /** Another page is shown (`byForm`: by Continue, Back or a link, not the browser's own buttons). */
  moved(byForm: boolean): void;
  /** The case is sent: the browser's Back no longer moves between its pages. */
  sent(): boolean;
}

let instances = 0;

/**
 * The form's pages and the browser's history: each page the form moves to is a history entry of
 * its own, so that the browser's Back and Forward buttons move between steps as on any web site,
 * and the form's Back uses those entries first. Several forms on one page keep apart by their key.
 */
export class StepsController implements ReactiveController {
  /** After "Change" on the review page, Continue goes straight back there. */
  returnToReview = false;
  private current?: Page | undefined;
  private readonly key = `esk-${++instances}`;
  /** How many history entries this form has pushed below the current one: Back uses them first. */
  private index = 0;
  private started = false;

  constructor(private readonly host: ReactiveControllerHost, private readonly form: StepsHost) {
    host.addController(this);
  }

  /** The page asked for: undefined means the first visible step. */
  get page(): Page | undefined {
    return this.current;
  }

  set page(page: Page | undefined) {
    if (page === this.current) return;
    this.current = page;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
  }

  hostUpdated(): void {
    if (this.started) return;
    // The entry the form found the page on: Back from its second page comes here.
    this.started = true;
    this.write({ key: this.key, page: this.current ?? null, index: 0 }, false);
  }

  /** The page to show: the one asked for while it is visible, else the first visible step. */
  shown(definition: ServiceDefinition, view: FormView): Page {
    const page = this.current;
    if (page && 'review' in page) return page;
    const visible = view.steps;
    if (page && visible.some((step) => step.id === page.step)) return page;
    return { step: (visible[0] ?? definition.steps[0]!).id };
  }

  /** A form of one step sends from it; a longer one shows its answers for review first. */
  hasReview(view: FormView): boolean {
    return view.steps.length > 1;
  }

  goTo(page: Page, push = true): void {
    this.page = page;
    const entry = { key: this.key, page, index: push ? this.index + 1 : this.index };
    this.write(entry, push);
    this.index = entry.index;
    this.form.moved(true);
  }

  /** Where Continue on `step` leads: the next visible step, the review, or nowhere (this step sends). */
  continueFrom(view: FormView, stepId: string): Page | undefined {
    const steps = view.steps;
    const next = steps[steps.findIndex((candidate) => candidate.id === stepId) + 1];
    if (this.returnToReview || (!next && this.hasReview(view))) {
      this.returnToReview = false;
      return { review: true };
    }
    return next ? { step: next.id } : undefined;
  }

  /** To a step to change an answer there: Continue then leads back to the review. */
  revisit(stepId: string): void {
    this.returnToReview = true;
    this.goTo({ step: stepId });
  }

  back(definition: ServiceDefinition, view: FormView, page: Page): void {
    if (this.index > 0) {
      history.back();
      return;
    }
    const steps = view.steps;
    const index = 'review' in page ? steps.length : steps.findIndex((step) => step.id === page.step);
    const previous = steps[Math.max(0, index - 1)] ?? definition.steps[0]!;
    this.goTo({ step: previous.id }, false);
  }

  private write(entry: Entry, push: boolean): void {
    const state = { ...(history.state ?? {}), esk: entry };
    if (push) history.pushState(state, '');
    else history.replaceState(state, '');
  }

  private readonly onPopState = (event: PopStateEvent) => {
    const entry = (event.state as { esk?: Entry } | null)?.esk;
    if (!entry || entry.key !== this.key || this.form.sent()) return;
    // The first entry has no page yet: it means the first step.
    this.page = entry.page ?? undefined;
    this.index = entry.index;
    this.form.moved(false);
  };
}
