import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The definition the form shows: fetched again when what it comes from changes (the e-service, the backend), the
 * fetch before it aborted and the latest one winning; the last definition stays while a new one is on its way, and
 * an error clears it. What the form used of @lit/task (which Mina sidor's widgets use), in the few lines it needs:
 * the form's first load is held to a budget (docs/architecture.md, Budgets), and Task was 0.6 KB of it.
 */
export class DefinitionTask<T, A extends readonly unknown[]> implements ReactiveController {
  value?: T | undefined;
  private error: unknown;
  private status: 'pending' | 'complete' | 'error' = 'pending';
  private args?: A;
  private fetching?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly task: (args: A, options: { signal: AbortSignal }) => Promise<T>,
    private readonly argsOf: () => A,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const args = this.argsOf();
    if (this.args?.length !== args.length || args.some((arg, i) => arg !== this.args![i])) void this.run(args);
  }

  /** Fetches again (Try again), with what it comes from now unless given. */
  async run(args: A = this.argsOf()): Promise<void> {
    this.args = args;
    this.fetching?.abort();
    const fetching = (this.fetching = new AbortController());
    this.status = 'pending';
    this.host.requestUpdate();
    let value: T | undefined;
    let status: 'complete' | 'error' = 'complete';
    try {
      value = await this.task(args, { signal: fetching.signal });
    } catch (error) {
      status = 'error';
      this.error = error;
    }
    if (fetching !== this.fetching) return;
    this.value = value;
    this.status = status;
    this.host.requestUpdate();
  }

  render<R>(view: { pending: () => R; complete: (value: T) => R; error: (error: unknown) => R }): R {
    return this.status === 'complete' ? view.complete(this.value!) : this.status === 'error' ? view.error(this.error) : view.pending();
  }
}
