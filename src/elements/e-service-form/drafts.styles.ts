import { css } from 'lit';

/** The draft's status line and its boxes (a conflict, the delete confirmation): with the form, as the drafts come later. */
export const draftStyles = css`
  .draft-status { margin: var(--_space) 0 0; color: var(--_muted); }
  .draft-box { border: 5px solid var(--_error); padding: var(--_space); margin-top: var(--_space); max-width: 40em; }
  .draft-box .actions { margin-top: 0; }
  .button--warning { background: var(--_error); }
`;
