import type { Answers } from '../../contract/cases.js';

/**
 * A safety copy of unsent answers for as long as the tab lives, so a reload loses
 * nothing. sessionStorage and never localStorage: citizens use shared computers, and
 * the copy must die with the tab. Cleared when the case is sent.
 */
export interface SavedForm {
  version: number;
  answers: Answers;
  stepId?: string | undefined;
  review?: boolean;
  /** The logged-in person the answers belong to (services that need e-ID): restored for them alone. */
  owner?: string | undefined;
}

const key = (backend: string, serviceId: string) => `esk:form:${backend}:${serviceId}`;

export function loadSavedForm(backend: string, serviceId: string): SavedForm | undefined {
  try {
    const raw = sessionStorage.getItem(key(backend, serviceId));
    const saved = raw ? (JSON.parse(raw) as SavedForm) : undefined;
    return saved && typeof saved.version === 'number' && saved.answers && typeof saved.answers === 'object' ? saved : undefined;
  } catch {
    return undefined;
  }
}

export function saveForm(backend: string, serviceId: string, form: SavedForm): void {
  try {
    sessionStorage.setItem(key(backend, serviceId), JSON.stringify(form));
  } catch {
    // Storage full or blocked: the answers still live in the page.
  }
}

export function clearSavedForm(backend: string, serviceId: string): void {
  try {
    sessionStorage.removeItem(key(backend, serviceId));
  } catch {
    // Nothing to clear.
  }
}
