import { css } from 'lit';

/** What Mina sidor's three widgets share besides the form's loading, error and notice styles. */
export const myPagesStyles = css`
  .base { max-width: 48em; }
  .title:focus, .heading:focus, [tabindex='-1']:focus { outline: none; }
  .muted { color: var(--_muted); }
  a.button { text-decoration: none; }
  .success { border-inline-start: 5px solid var(--_success); padding: 0.2em 0 0.2em 0.9em; font-weight: 700; }
  .success:empty { border: 0; padding: 0; }
  .error:empty { display: none; }
  .error { border-inline-start: 5px solid var(--_error); padding: 0.2em 0 0.2em 0.9em; font-weight: 700; color: var(--_error); }
  .plain-list { list-style: none; margin: 0 0 var(--_space); padding: 0; }
  .plain-list li + li { margin-top: 0.4em; }
  .button--warning { background: var(--_error); box-shadow: 0 2px 0 #55150b; }
  .button--warning:hover { background: #8e1a0e; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75em var(--_space); align-items: center; margin-top: 0.75em; }
`;

export const myCasesStyles = css`
  .group { margin: calc(var(--_space) * 2) 0 0; }
  .group__title { font-size: 1.25em; margin-bottom: 0.5em; }
  .cases { list-style: none; margin: 0; padding: 0; border-top: 1px solid #b1b4b6; }
  .case { padding: 0.9em 0; border-bottom: 1px solid #b1b4b6; }
  .case__title { font-size: 1.1em; margin: 0 0 0.4em; }
  .case__meta { display: flex; flex-wrap: wrap; gap: 0.25em 1.5em; margin: 0; }
  .case__meta div { display: flex; gap: 0.4em; align-items: baseline; }
  .case__meta dt { color: var(--_muted); }
  .case__meta dd { margin: 0; }
  .case__unread { margin: 0.5em 0 0; font-weight: 700; }
  .confirm { margin-top: 0.75em; padding: 0.75em var(--_space); border-inline-start: 5px solid var(--_error); background: #f3f2f1; }
  .confirm p { margin-bottom: 0.5em; }
  .more { margin-top: calc(var(--_space) * 1.5); }
  .back { margin: 0 0 var(--_space); }
  .back::before { content: '‹ '; }
  .details__title { margin-bottom: 0.75em; }
  .details .heading { font-size: 1.25em; margin: calc(var(--_space) * 1.75) 0 0.5em; }
  .timeline { margin: 0 0 var(--_space); padding-inline-start: 1.25em; }
  .timeline li + li { margin-top: 0.4em; }
  .timeline time { margin-inline-end: 0.75em; }
  case-messages { margin-top: calc(var(--_space) * 2); }
`;
