import { nothing } from 'lit';
import type { DraftController } from './drafts.js';

/** What the form asks of its drafts (drafts.ts). */
export type FormDrafts = Pick<DraftController, 'id' | 'sync' | 'changed' | 'forget' | 'reset' | 'lost' | 'block' | 'notice' | 'buttons' | 'panel'>;

/**
 * The drafts of an e-service without login: there are none. The DraftController is fetched with the definition
 * of an e-service that has login (optional or required), so that the others do not load it.
 */
export const NO_DRAFTS: FormDrafts = {
  id: undefined,
  sync: () => undefined,
  changed: () => undefined,
  forget: () => undefined,
  reset: () => undefined,
  lost: () => false,
  block: () => undefined,
  notice: () => nothing,
  buttons: () => nothing,
  panel: () => nothing,
};
