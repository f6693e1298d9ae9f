import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Language } from '../contract/text.js';
import type { KitConfig } from './context.js';
import { hasLanguage, loadLanguage } from '../i18n/index.js';
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

  /** The language asked for, once its texts are loaded; until then the one spoken before (Swedish at first). */
  get value(): Language {
    const wanted = resolveLanguage(this.host, this.config());
    if (hasLanguage(wanted)) return (this.spoken = wanted);
    void loadLanguage(wanted).then(() => this.host.requestUpdate());
    return this.spoken;
  }

  private spoken: Language = 'sv';

  hostConnected(): void {
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer.disconnect();
  }
}
