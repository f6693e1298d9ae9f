import { createContext } from '@lit/context';
import type { Language } from '../contract/text.js';

/** What a page says once for all its widgets, through <e-service-config>. */
export interface KitConfig {
  /** The backend's base URL, e.g. https://etjanster.kommun.se/ */
  backend?: string;
  lang?: Language;
}

export const kitConfigContext = createContext<KitConfig | undefined>(Symbol.for('e-service-kit/config'));
