/**
 * Registers an element unless the name is taken: two copies of the kit on one
 * CMS page must not throw, so the second one warns and steps aside.
 */
export function defineElement(name: string, constructor: CustomElementConstructor): void {
  if (customElements.get(name)) {
    if (customElements.get(name) !== constructor) {
      console.warn(`e-service-kit: <${name}> is already defined on this page; the kit is probably loaded twice.`);
    }
    return;
  }
  customElements.define(name, constructor);
}
