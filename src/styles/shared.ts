import { css } from 'lit';

/**
 * The public tokens (--esk-…) a web editor may set on the page, mapped once to
 * private variables (--_…) the widgets use. `all: initial` keeps the page's
 * inherited CSS (fonts, colours, line heights) from leaking in. A word longer than
 * the line ("bostadsanpassningsbidrag" in a heading at 320 px) breaks rather than
 * sticks out of the widget.
 */
export const hostStyles = css`
  :host {
    all: initial;
    display: block;
    --_font: var(--esk-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
    --_font-size: var(--esk-font-size, medium);
    --_text: var(--esk-color-text, #0b0c0c);
    --_muted: var(--esk-color-hint, #484f53);
    --_background: var(--esk-color-background, #ffffff);
    --_primary: var(--esk-color-primary, #00703c);
    --_primary-hover: var(--esk-color-primary-hover, #005a30);
    --_on-primary: var(--esk-color-on-primary, #ffffff);
    --_link: var(--esk-color-link, #1d4f91);
    --_error: var(--esk-color-error, #b21f12);
    --_border: var(--esk-color-border, #0b0c0c);
    --_focus: var(--esk-color-focus, #ffdd00);
    --_success: var(--esk-color-success, #00703c);
    --_radius: var(--esk-radius, 0);
    --_space: var(--esk-space, 1rem);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_background);
    text-align: start;
    overflow-wrap: break-word;
    -webkit-font-smoothing: antialiased;
  }
  :host([hidden]) { display: none; }
`;

/** What every shadow root of the kit needs: box sizing, headings, links, buttons, focus, hidden text. */
export const baseStyles = css`
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: border-box; }
  h2, h3, p { margin: 0 0 var(--_space); }
  h2 { font-size: 1.5em; line-height: 1.25; }
  h3 { font-size: 1.25em; line-height: 1.3; }
  a { color: var(--_link); text-decoration: underline; text-underline-offset: 0.15em; }
  a:focus-visible, button:focus-visible {
    outline: 3px solid transparent;
    background: var(--_focus);
    color: #0b0c0c;
    box-shadow: 0 -2px var(--_focus), 0 4px #0b0c0c;
    text-decoration: none;
  }
  [tabindex='-1']:focus { outline: none; }
  .visually-hidden {
    position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important;
    padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important;
  }
  .button {
    font: inherit; font-weight: 600; line-height: 1.2;
    display: inline-flex; align-items: center; gap: 0.5em;
    min-height: 2.75em; padding: 0.6em 1.1em;
    border: 2px solid transparent; border-radius: var(--_radius);
    background: var(--_primary); color: var(--_on-primary);
    box-shadow: 0 2px 0 #002d18; cursor: pointer;
  }
  .button:hover { background: var(--_primary-hover); }
  .button:focus-visible { outline: 3px solid transparent; background: var(--_focus); color: #0b0c0c; box-shadow: 0 2px 0 #0b0c0c; }
  .button--secondary { background: #f3f2f1; color: #0b0c0c; box-shadow: 0 2px 0 #929191; }
  .button--secondary:hover { background: #dbdad9; }
  .button[aria-disabled='true'] { opacity: 0.6; cursor: progress; }
  input:disabled, select:disabled, textarea:disabled, button:disabled { opacity: 0.55; cursor: not-allowed; background-color: #f3f2f1; }
`;
