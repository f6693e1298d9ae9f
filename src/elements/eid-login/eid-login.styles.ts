import { css } from 'lit';

export const eidLoginStyles = css`
  .base { max-width: 36em; }
  .actions { display: flex; flex-wrap: wrap; gap: var(--_space); margin: var(--_space) 0; }
  .status:empty { display: none; }
  .status { font-size: 1.1em; font-weight: 600; }
  .status--error { border-inline-start: 5px solid var(--_error); padding-inline-start: 0.9em; }
  .qr { display: block; width: 12em; height: 12em; image-rendering: pixelated; background: #fff; margin: var(--_space) 0; }
`;
