import type { ReactiveControllerHost } from 'lit';
import type { AnswerValue, Answers } from '../../contract/cases.js';
import type { ServiceDefinition } from '../../contract/definition.js';
import type { PrefillResponse } from '../../contract/prefill.js';
import { clearSavedForm, loadSavedForm, saveForm } from './form-storage.js';
import { prefillValue } from './prefill.js';
import type { StepsController } from './steps.js';

/** What the answers need from the form. */
export interface AnswersHost {
  /** The backend's address: the tab's copy is kept per backend and e-service. */
  backend(): string | undefined;
  definition(): ServiceDefinition | undefined;
  /** The logged-in person the answers belong to (services that need e-ID). */
  owner(): string | undefined;
  /** The case is sent: nothing more is kept. */
  sent(): boolean;
  /** Answers came back from the tab's copy (the form says so). */
  restored(): void;
  readonly steps: StepsController;
}

/**
 * The citizen's answers and where they are kept: the tab's safety copy (form-storage.ts), which
 * survives a reload and dies with the tab, with the page the citizen was on; and, for services that
 * need e-ID, what the population register answers, which the citizen sees but does not change.
 */
export class AnswersController {
  /** Questions answered by the population register: shown, not editable. */
  locked = new Set<string>();
  /** Questions that wait for the population register while it can't be reached (children, the address). */
  waiting = new Set<string>();
  private answers: Answers = {};
  private applied?: PrefillResponse | undefined;

  constructor(private readonly host: ReactiveControllerHost, private readonly form: AnswersHost) {}

  get value(): Answers {
    return this.answers;
  }

  set value(answers: Answers) {
    if (answers === this.answers) return;
    this.answers = answers;
    this.host.requestUpdate();
  }

  /** One question answered; undefined removes its answer. */
  answer(path: string, value: AnswerValue | undefined): void {
    const answers = { ...this.answers };
    if (value === undefined) delete answers[path];
    else answers[path] = value;
    this.value = answers;
  }

  /** A draft's answers to continue with: the register's answers still win. */
  fromDraft(draft: Answers | undefined): void {
    const answers: Answers = { ...draft };
    for (const id of this.locked) answers[id] = this.answers[id]!;
    this.value = answers;
  }

  /** Another definition: the register's answers are applied to it afresh. */
  reset(): void {
    this.locked = new Set();
    this.applied = undefined;
  }

  /** The tab's copy of this e-service's answers, and the page they were on. */
  restore(definition: ServiceDefinition, backend: string, owner?: string): void {
    const saved = loadSavedForm(backend, definition.id);
    this.value = {};
    this.form.steps.page = undefined;
    // Answers left by someone else on a shared computer are not theirs to see.
    if (!saved || saved.version !== definition.version || saved.owner !== owner) return;
    this.value = saved.answers;
    this.form.steps.page = saved.review ? { review: true } : saved.stepId ? { step: saved.stepId } : undefined;
    if (Object.keys(saved.answers).length) this.form.restored();
  }

  persist(): void {
    const definition = this.form.definition();
    const backend = this.form.backend();
    if (!definition || !backend || this.form.sent()) return;
    const page = this.form.steps.page;
    saveForm(backend, definition.id, {
      version: definition.version,
      answers: this.answers,
      stepId: page && 'step' in page ? page.step : undefined,
      review: !!page && 'review' in page,
      owner: this.form.owner(),
    });
  }

  /** Sent, or the citizen logged out: nothing of the answers stays, in the page or in the tab. */
  forget(definition: ServiceDefinition | undefined): void {
    const backend = this.form.backend();
    if (definition && backend) clearSavedForm(backend, definition.id);
    this.value = {};
  }

  /**
   * Once the register has answered: the citizen's own earlier answers, then the register's.
   * Returns undefined when there was nothing new to apply, else whether it was the same person again.
   */
  applyPrefill(definition: ServiceDefinition, prefill: PrefillResponse | undefined): boolean | undefined {
    const backend = this.form.backend();
    if (!prefill || prefill === this.applied || !backend) return undefined;
    // The register asked again for the same person (it was down, or a refusal said to): what is typed stays.
    const again = this.applied?.person.personalNumber === prefill.person.personalNumber;
    this.applied = prefill;
    if (!again) this.restore(definition, backend, prefill.person.personalNumber);
    const locked = new Set<string>();
    const answers = { ...this.answers };
    const waiting = new Set<string>();
    for (const field of definition.steps.flatMap((step) => step.fields)) {
      const source = 'prefill' in field ? field.prefill : undefined;
      const value = source ? prefillValue(source, prefill) : undefined;
      if (prefill.registerUnavailable && (field.type === 'child' || (source && value === undefined))) waiting.add(field.id);
      if (value === undefined) continue;
      answers[field.id] = value;
      locked.add(field.id);
    }
    this.value = answers;
    this.locked = locked;
    this.waiting = waiting;
    return again;
  }
}
