import type { Profile } from '../../contract/my-pages.js';

/** Fired when the citizen's contact details were saved; `detail.profile` is what the backend stored. */
export interface MyProfileSavedDetail {
  profile: Profile;
}

export type MyProfileSavedEvent = CustomEvent<MyProfileSavedDetail>;

export const savedEvent = (detail: MyProfileSavedDetail): MyProfileSavedEvent =>
  new CustomEvent('my-profile-saved', { detail, bubbles: true, composed: true });

declare global {
  interface HTMLElementEventMap {
    'my-profile-saved': MyProfileSavedEvent;
  }
}
