/**
 * The copy-paste snippets on each widget's docs page (stories/docs/*.mdx), one per way of putting a widget on a
 * page: the tag with the script line, the data- placeholder a CMS keeps (docs/embedding.md), the WordPress
 * shortcode (integrations/wordpress/) and the Sitevision module (integrations/sitevision/).
 */
export const KIT_SCRIPT = '<script type="module" src="https://etjanster.kommun.se/kit/e-service-kit.js"></script>';

export interface Widget {
  /** The element's name. */
  tag: string;
  /** The attributes the example sets, as written on the tag. */
  attributes?: Record<string, string>;
  /** The WordPress shortcode's name; its attributes are named as the tag's. */
  shortcode: string;
  /** What to choose in the Sitevision module's settings. */
  sitevision: string;
}

export interface Snippets {
  tag: string;
  placeholder: string;
  shortcode: string;
  sitevision: string;
}

const written = (attributes: Record<string, string>, prefix = '') =>
  Object.entries(attributes).map(([name, value]) => ` ${prefix}${name}="${value}"`).join('');

export function snippets({ tag, attributes = {}, shortcode, sitevision }: Widget): Snippets {
  return {
    tag: `${KIT_SCRIPT}\n<${tag}${written(attributes)}></${tag}>`,
    placeholder: `<div data-${tag}${written(attributes, 'data-')}></div>`,
    shortcode: `[${shortcode}${written(attributes)}]`,
    sitevision: `Lägg till modulen E-tjänster från modulväljaren och välj ${sitevision} i dess inställningar.`,
  };
}

/** The six widgets an editor puts on a page, as their docs pages show them. */
export const WIDGETS = {
  'e-service-form': { tag: 'e-service-form', attributes: { service: 'felanmalan' }, shortcode: 'e-service', sitevision: 'e-tjänsten' },
  'eid-login': { tag: 'eid-login', shortcode: 'eid-login', sitevision: 'Logga in' },
  'my-cases': { tag: 'my-cases', attributes: { 'continue-url': '/e-tjanster/{serviceId}.html?case={id}', 'pay-url': '/e-tjanster/{serviceId}.html?pay={id}' }, shortcode: 'my-cases', sitevision: 'Mina ärenden' },
  'case-messages': { tag: 'case-messages', attributes: { case: 'ärendets id' }, shortcode: 'case-messages', sitevision: 'Meddelanden' },
  'my-profile': { tag: 'my-profile', shortcode: 'my-profile', sitevision: 'Min profil' },
  'cosign-status': { tag: 'cosign-status', shortcode: 'cosign-status', sitevision: 'Underskrift' },
} satisfies Record<string, Widget>;
