import { ContextConsumer, ContextProvider } from '@lit/context';
import { LitElement, css, html, type PropertyDeclarations, type PropertyValues } from 'lit';
import { kitConfigContext, type KitConfig } from '../../config/context.js';
import { attachContextRoot } from '../../config/resolve.js';
import { toLanguage } from '../../i18n/index.js';

/**
 * @tagname e-service-config
 * @summary Says once, for every widget inside it, which backend to use and which language to speak.
 *
 * @slot - The widgets (and any other page content) the settings apply to.
 */
export class EServiceConfig extends LitElement {
  static override styles = css`
    :host { display: contents; }
  `;
  static override properties: PropertyDeclarations = {
    backend: { reflect: true },
  };

  /** The backend's base URL, e.g. `https://etjanster.kommun.se/`. */
  backend?: string;

  private readonly provider = new ContextProvider(this, { context: kitConfigContext, initialValue: {} });
  /** An <e-service-config> around this one (the site template's): what this one leaves unset comes from it. */
  private readonly outer = new ContextConsumer(this, { context: kitConfigContext, subscribe: true, callback: () => this.requestUpdate() });

  constructor() {
    super();
    attachContextRoot();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const lang = this.getAttribute('lang');
    const config: KitConfig = { ...this.outer.value, ...(this.backend ? { backend: this.backend } : {}), ...(lang ? { lang: toLanguage(lang) } : {}) };
    this.provider.setValue(config);
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
