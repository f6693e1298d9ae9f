import type { LitElement } from 'lit';
import type { EskField } from '../../components/fields/field-base.js';
import { domIdForPath } from '../../components/fields/render.js';
import type { FormProgressive } from './all-at-once.js';

/**
 * Where focus goes once the next render is on the screen: a page's title, the error summary, the
 * receipt, or a question by its path. Asked for by whatever changed the page; moved by the host's
 * `updated()`, after every part has rendered, so the last one asked for wins.
 */
export class FocusAfterRender {
  /** An element of the shadow root (a selector), or a question by its path. */
  private target?: string | { path: string } | undefined;

  constructor(private readonly host: LitElement, private readonly progressive: () => FormProgressive) {}

  set(target: string | { path: string }): void {
    this.target = target;
  }

  /** Called from the host's `updated()`. */
  move(): void {
    const target = this.target;
    this.target = undefined;
    if (typeof target === 'object') void this.toPath(target.path);
    else if (target) {
      const element = this.host.renderRoot.querySelector<HTMLElement>(target);
      element?.focus({ preventScroll: true });
      element?.scrollIntoView?.({ block: 'start' });
    }
  }

  /** Moves focus to the question an error path names, inside groups and addresses too. */
  async toPath(path: string): Promise<void> {
    // It may lie below what a long step has rendered so far.
    this.progressive().renderAll();
    await this.host.updateComplete;
    const [id, ...rest] = path.split('.');
    const field = this.host.renderRoot.querySelector<EskField>(`#${CSS.escape(domIdForPath(id!))}`);
    // A question shown by this very render has not drawn its inputs yet.
    await field?.updateComplete;
    if (field?.focusPath) field.focusPath(rest.join('.'));
    else field?.focus();
  }
}
