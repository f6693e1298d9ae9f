import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Language } from '../contract/text.js';
import type { KitConfig } from './context.js';
import { resolveLanguage } from './resolve.js';

/**
 * The language a widget speaks — `lang` on the element, `<e-service-config>`, the page, or
 * Swedish — kept current: a page may switch language by changing `lang` on <html> or on the
 * element, and the widget re-renders when it does.
 */
export class LanguageController implements ReactiveController {
  private readonly observer = new MutationObserver(() => this.host.requestUpdate());

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly config: () => KitConfig | undefined,
  ) {
    host.addController(this);
  }

  get value(): Language {
    return resolveLanguage(this.host, this.config());
  }

  hostConnected(): void {
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer.disconnect();
  }
}
