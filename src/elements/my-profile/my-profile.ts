import { defineElement } from '../../config/define.js';
import { MyProfile } from './my-profile.component.js';

export { MyProfile };
export type { MyProfileSavedDetail, MyProfileSavedEvent } from './my-profile.events.js';
defineElement('my-profile', MyProfile);

declare global {
  interface HTMLElementTagNameMap {
    'my-profile': MyProfile;
  }
}
