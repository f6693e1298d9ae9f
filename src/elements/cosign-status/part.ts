import type { LitElement, ReactiveController } from 'lit';
import type { KitClient } from '../../client/kit-client.js';
import type { Language } from '../../contract/text.js';

/** What every part of <cosign-status> needs from the element. */
export interface CosignHost {
  client(): KitClient | undefined;
  lang(): Language;
  /** What takes focus after the next render (a selector in the element's shadow root). */
  focus(selector: string): void;
  /** A call failed: if the backend said the session has ended, the element asks for a login again. */
  checkSession(error: unknown): void;
}

/**
 * A part of <cosign-status>: a reactive controller whose state the element renders. A plain field
 * does not render by itself as the element's declared state (`state: true`) does, so each change asks for a render.
 */
export abstract class CosignPart<Widget extends CosignHost = CosignHost> implements ReactiveController {
  constructor(protected readonly host: LitElement, protected readonly widget: Widget) {
    host.addController(this);
  }

  /** The part's state changed: the element renders it. */
  protected changed(): void {
    this.host.requestUpdate();
  }

  /**
   * Lit's hooks are all optional, and TypeScript takes a class that declares none for something
   * else than a controller: a part that must act as the element leaves the page defines this one.
   */
  hostDisconnected?(): void;
}
