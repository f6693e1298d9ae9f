import { css } from 'lit';

/**
 * Form questions after GOV.UK Frontend: large targets, visible focus, errors marked by more than colour. A select
 * is as wide as its longest option but never wider than its column, so at 320 px an option is cut, not the page.
 */
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
  .select { width: auto; min-width: 14em; max-width: min(100%, 32em); }
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

/**
 * Extra pieces of the richer questions: units, narrow inputs, checkboxes, repeating groups, files. The browser's
 * file picker is as wide as its button and "No file chosen" together, too wide at 320 px without a max-width.
 */
export const moreFieldStyles = css`
  :host { display: block; }
  .input-wrapper { display: flex; align-items: stretch; max-width: 32em; }
  .unit { display: flex; align-items: center; padding: 0 0.6em; border: 2px solid var(--_border); border-inline-start: 0; background: #f3f2f1; }
  .input--narrow { max-width: 8em; }
  .input--medium { max-width: 14em; }
  .checkboxes { display: grid; gap: 0.5em; }
  .checkbox { display: flex; align-items: center; gap: 0.6em; }
  .checkbox input { width: 1.6em; height: 1.6em; margin: 0; accent-color: #0b0c0c; flex: none; }
  .checkbox input:focus-visible { outline: 3px solid var(--_focus); outline-offset: 0; box-shadow: 0 0 0 5px #0b0c0c; }
  .parts { display: grid; gap: var(--_space); }
  .part .label { font-weight: 400; font-size: 1em; }
  .items { display: grid; gap: var(--_space); margin: 0 0 var(--_space); }
  .item { border: 2px solid #b1b4b6; padding: var(--_space); margin: 0; }
  .item > legend { font-weight: 700; font-size: 1.1em; padding: 0 0.3em; }
  .file-list { list-style: none; margin: 0 0 var(--_space); padding: 0; display: grid; gap: 0.5em; }
  .file { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75em; padding: 0.5em 0; border-bottom: 1px solid #b1b4b6; }
  .file progress { width: 10em; height: 1em; }
  .file-input { font: inherit; max-width: 100%; }
  .link-button {
    font: inherit; background: none; border: 0; padding: 0.2em 0; color: var(--_link); text-decoration: underline; cursor: pointer;
  }
  .link-button:focus-visible { outline: 3px solid transparent; background: var(--_focus); color: #0b0c0c; box-shadow: 0 -2px var(--_focus), 0 4px #0b0c0c; text-decoration: none; }
`;
