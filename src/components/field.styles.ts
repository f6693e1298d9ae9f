import { css } from 'lit';

/** Form questions after GOV.UK Frontend: large targets, visible focus, errors marked by more than colour. */
export const fieldStyles = css`
  .field { margin: 0 0 calc(var(--_space) * 1.75); }
  .field--error { padding-inline-start: 0.9em; border-inline-start: 5px solid var(--_error); }
  .fieldset { margin: 0; padding: 0; border: 0; min-width: 0; }
  .label { display: block; margin-bottom: 0.3em; font-weight: 700; font-size: 1.1em; padding: 0; }
  .optional { font-weight: 400; }
  .hint { color: var(--_muted); margin-bottom: 0.5em; max-width: 40em; }
  .error-message { color: var(--_error); font-weight: 700; margin: 0 0 0.5em; }
  .input {
    font: inherit; color: var(--_text); background: #fff;
    display: block; width: 100%; max-width: 32em; min-height: 2.75em; padding: 0.4em 0.5em;
    border: 2px solid var(--_border); border-radius: var(--_radius);
  }
  .textarea { max-width: 40em; resize: vertical; }
  .select { width: auto; min-width: 14em; }
  .field--error .input { border-color: var(--_error); }
  .input:focus, .radio input:focus-visible {
    outline: 3px solid var(--_focus); outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c;
  }
  .count { color: var(--_muted); margin-top: 0.3em; }
  .count--over { color: var(--_error); font-weight: 700; }
  .radios { display: grid; gap: 0.5em; }
  .radio { display: flex; align-items: center; gap: 0.6em; }
  .radio input { width: 1.6em; height: 1.6em; margin: 0; accent-color: #0b0c0c; flex: none; }
  .radio label { cursor: pointer; padding: 0.2em 0; }
  .error-summary {
    border: 5px solid var(--_error); padding: calc(var(--_space) * 1.25); margin-bottom: calc(var(--_space) * 2);
  }
  .error-summary:focus { outline: 3px solid var(--_focus); outline-offset: 0; }
  .error-summary__title { font-size: 1.3em; margin-bottom: 0.6em; }
  .error-summary__list { margin: 0; padding: 0; list-style: none; }
  .error-summary__list li + li { margin-top: 0.4em; }
  .error-summary__list a { color: var(--_error); font-weight: 700; }
`;
