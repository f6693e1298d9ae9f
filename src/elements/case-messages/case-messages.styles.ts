import { css } from 'lit';

export const caseMessagesStyles = css`
  .title { font-size: 1.5em; font-weight: 700; line-height: 1.25; margin: 0 0 var(--_space); }
  .title[aria-level='3'] { font-size: 1.25em; }
  .title[aria-level='4'] { font-size: 1.1em; }
  .messages { list-style: none; margin: 0 0 calc(var(--_space) * 1.5); padding: 0; display: grid; gap: 0.75em; }
  .message { padding: 0.75em var(--_space); border-inline-start: 5px solid #b1b4b6; background: #f3f2f1; max-width: 40em; }
  .message--citizen { border-inline-start-color: var(--_link); background: transparent; margin-inline-start: 2em; }
  .message--new { border-inline-start-color: var(--_primary); }
  .message__meta { display: flex; flex-wrap: wrap; gap: 0.25em 0.75em; align-items: baseline; margin: 0 0 0.4em; }
  .message__body { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
  .message .plain-list { margin: 0.5em 0 0; }
  .tag--new { color: #fff; background: var(--_primary); font-weight: 700; }
  .write { margin-top: var(--_space); }
  /* The browser's own ring is thin and grey: the file input shows focus as the other fields do (GOV.UK's file upload). */
  .file-input:focus-visible { outline: 3px solid var(--_focus); outline-offset: 0; box-shadow: inset 0 0 0 4px #0b0c0c; }
`;
