import { css } from 'lit';

/** The BankID steps, wherever they are shown: logging in, or signing a case. */
export const bankIdFlowStyles = css`
  .actions { display: flex; flex-wrap: wrap; gap: var(--_space); margin: var(--_space) 0; }
  .status:empty { display: none; }
  .status { font-size: 1.1em; font-weight: 600; }
  .status--error { border-inline-start: 5px solid var(--_error); padding-inline-start: 0.9em; }
  .qr { display: block; width: 12em; height: 12em; image-rendering: pixelated; background: #fff; margin: var(--_space) 0; }
`;
