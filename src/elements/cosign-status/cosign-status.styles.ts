import { css } from 'lit';

export const cosignStatusStyles = css`
  .title { font-size: 1.5em; font-weight: 700; line-height: 1.25; margin: 0 0 var(--_space); }
  .title[aria-level='3'] { font-size: 1.25em; }
  .title[aria-level='4'], .title[aria-level='5'] { font-size: 1.1em; }
  .heading, .cosigner__name { font-weight: 700; line-height: 1.3; }
  .asked { font-size: 1.2em; font-weight: 700; margin: 0 0 0.5em; }
  .heading { font-size: 1.25em; margin: calc(var(--_space) * 1.75) 0 0.5em; }
  :host([nested]) .base { max-width: none; }
  .deadline { margin: 0 0 var(--_space); }
  .deadline strong { font-weight: 700; }
  .cosigners { list-style: none; margin: 0 0 var(--_space); padding: 0; border-top: 1px solid #b1b4b6; }
  .cosigner { padding: 0.9em 0; border-bottom: 1px solid #b1b4b6; }
  .cosigner__name { font-size: 1.1em; margin: 0 0 0.4em; }
  .cosigner p { margin: 0.3em 0 0; }
  .confirm, .change { margin-top: 0.75em; padding: 0.75em var(--_space); border-inline-start: 5px solid var(--_error); background: #f3f2f1; }
  .change { border-color: #b1b4b6; }
  .confirm p { margin-bottom: 0.5em; }
  .refusal { border-inline-start: 5px solid var(--_error); padding: 0.2em 0 0.2em 0.9em; }
  .refusal p { margin: 0; font-weight: 700; }
  .input--email { max-width: 24em; }
  .signing .status:empty { display: none; }
  .tag--signed { color: #005a30; background: #cce2d8; }
  .tag--pending { color: #594d00; background: #fff7bf; }
  .tag--declined, .tag--expired { color: #2a0b06; background: #f4cdc6; }
`;
