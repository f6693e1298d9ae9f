import { css } from 'lit';

export const formStyles = css`
  .form { max-width: 48em; }
  .title { margin-bottom: 0.5em; }
  .description { max-width: 40em; }
  .step-title { font-size: 1.25em; margin: calc(var(--_space) * 1.5) 0 var(--_space); }
  .actions { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: center; margin-top: calc(var(--_space) * 2); }
  .notice { border-inline-start: 5px solid var(--_muted); padding: 0.2em 0 0.2em 0.9em; max-width: 40em; }
  .warning { font-weight: 700; border-inline-start: 5px solid currentColor; padding-inline-start: 0.6em; margin: 0.4em 0 0; }
  .submit-error { border-inline-start: 5px solid var(--_error); padding: 0.2em 0 0.2em 0.9em; font-weight: 700; color: var(--_error); }
  .submit-error:empty { display: none; }
  .contact, .privacy { color: var(--_muted); max-width: 40em; margin-top: calc(var(--_space) * 2); font-size: 0.95em; }
  .loading { display: flex; align-items: center; gap: 0.75em; min-height: 3em; color: var(--_muted); }
  .spinner {
    width: 1.5em; height: 1.5em; border-radius: 50%;
    border: 3px solid #dbdad9; border-top-color: var(--_text);
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
  .load-error { border-inline-start: 5px solid var(--_error); padding: 0.5em 0 0.5em 0.9em; }
  .receipt { border: 3px solid var(--_success); padding: calc(var(--_space) * 1.5); max-width: 40em; }
  .receipt__panel { background: var(--_success); color: #fff; padding: var(--_space) calc(var(--_space) * 1.25); margin: 0 0 var(--_space); text-align: center; }
  .receipt__title { margin: 0 0 0.5em; font-size: 1.75em; }
  .receipt__title:focus { outline: 3px solid var(--_focus); outline-offset: 3px; }
  .receipt__label { margin: 0; font-size: 1.1em; }
  @media print { .receipt__print { display: none; } }
  .receipt__number { display: block; margin: 0.2em 0 0; font-size: 1.6em; font-weight: 700; letter-spacing: 0.03em; }
`;

/** Steps, the review page and information texts. */
export const pageStyles = css`
  .step-indicator { color: var(--_muted); margin: 0 0 0.25em; font-size: 1.05em; }
  .page-title { font-size: 1.4em; margin: 0 0 var(--_space); }
  .page-title:focus { outline: none; }
  .info { max-width: 40em; margin: 0 0 calc(var(--_space) * 1.5); border-inline-start: 5px solid #b1b4b6; padding-inline-start: 0.9em; }
  .info__title { font-size: 1.1em; margin-bottom: 0.4em; }
  .info ul, .plain-list { margin: 0 0 0.5em; padding-inline-start: 1.25em; }
  .plain-list { list-style: none; padding: 0; }
  .review-step { margin-bottom: calc(var(--_space) * 2); }
  .review-step__title { font-size: 1.2em; margin: 0 0 0.5em; }
  .summary-list { margin: 0; }
  .summary-list__row { display: grid; grid-template-columns: minmax(8em, 1fr) 2fr auto; gap: 0.25em 1em; padding: 0.6em 0; border-bottom: 1px solid #b1b4b6; }
  .summary-list__key { font-weight: 700; }
  .summary-list__value, .summary-list__actions { margin: 0; }
  .prefilled__value { margin: 0.25em 0; font-size: 1.1em; }
  .signing { margin-top: calc(var(--_space) * 2); }
  .review-item + .review-item { margin-top: 0.5em; }
  @media (max-width: 40em) { .summary-list__row { grid-template-columns: 1fr; } }
`;
