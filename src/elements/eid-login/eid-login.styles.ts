import { css } from 'lit';

export const eidLoginStyles = css`
  .base { max-width: 36em; }
`;
