import { css } from 'lit';

export const eidLoginStyles = css`
  .base { max-width: 36em; }
  /* In a site header: the name and Logga ut on one line. */
  .compact > p, .compact > .actions { display: inline-block; margin: 0 1em 0 0; }
`;
