import { css } from 'lit';

export const myProfileStyles = css`
  .input--email { max-width: 24em; }
  .input--phone { max-width: 14em; }
  .fieldset .label { font-size: 1.1em; }
  .export { margin-top: calc(var(--_space) * 2.5); padding-top: var(--_space); border-top: 1px solid #b1b4b6; }
  .export a { font-weight: 700; }
`;
