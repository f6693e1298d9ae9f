import assert from 'node:assert/strict';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { recordA11y } from '../../support/a11y-record.js';

/**
 * Where focus is after something a citizen did, read through the widgets' shadow roots, and
 * whether it shows: "Focus is never lost" (issue 15). Each check is also recorded for the
 * accessibility report (recordA11y).
 */

/** The deep active element, as a citizen's screen reader and eyes meet it. */
export interface FocusInfo {
  /** `e-service-form > h3.page-title`: the shadow hosts on the way, then the element. */
  path: string;
  tag: string;
  role: string;
  /** Its accessible name, or its text when it has none. */
  name: string;
  body: boolean;
  connected: boolean;
  visible: boolean;
  /** A control (button, link, field) rather than a heading or a box focused by script. */
  operable: boolean;
  focusVisible: boolean;
  /** The focus indicator: the styles that differ from the same element unfocused (outline, box-shadow, background). */
  indicator: string[];
}

/*
 * Runs in the page (as a string: what the test runner compiles could wrap named functions in
 * helpers the page does not have). The indicator compares the focused element's computed style
 * with a copy of it, placed beside it in the same shadow root for a moment, that has no focus.
 */
const PROBE = String.raw`(() => {
  const deep = () => {
    let active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    return active;
  };
  const text = (node) => (node ? (node.textContent || '').replace(/\s+/g, ' ').trim() : '');
  const roleOf = (el) => {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit;
    const tag = el.localName;
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'a') return el.hasAttribute('href') ? 'link' : 'generic';
    if (tag === 'button' || tag === 'summary') return 'button';
    if (tag === 'select') return 'combobox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'input') return ({ radio: 'radio', checkbox: 'checkbox', file: 'button', submit: 'button', button: 'button' })[el.type] || 'textbox';
    if (tag === 'li') return 'listitem';
    if (tag === 'p') return 'paragraph';
    if (tag === 'section' && el.hasAttribute('aria-labelledby')) return 'region';
    if (tag === 'body') return 'document';
    return 'generic';
  };
  const nameOf = (el) => {
    const label = el.getAttribute('aria-label');
    if (label) return label;
    const root = el.getRootNode();
    const ids = el.getAttribute('aria-labelledby');
    if (ids && root.getElementById) return ids.split(/\s+/).map((id) => text(root.getElementById(id))).join(' ');
    if (el.labels && el.labels.length) return [...el.labels].map(text).join(' ');
    return text(el).slice(0, 120);
  };
  const PROPS = ['outline-style', 'outline-width', 'outline-color', 'box-shadow', 'background-color'];
  const indicator = (el) => {
    if (el === document.body || el.localName.includes('-')) return [];
    const focused = getComputedStyle(el);
    const now = Object.fromEntries(PROPS.map((prop) => [prop, focused.getPropertyValue(prop)]));
    const copy = el.cloneNode(true);
    // Nothing of the copy may change the page: no id, no radio group to join, no way to take focus.
    for (const attr of ['id', 'name', 'checked', 'autofocus', 'tabindex']) copy.removeAttribute(attr);
    copy.setAttribute('inert', '');
    if (el.hasAttribute('tabindex')) copy.setAttribute('tabindex', el.getAttribute('tabindex'));
    el.after(copy);
    const plain = getComputedStyle(copy);
    const before = Object.fromEntries(PROPS.map((prop) => [prop, plain.getPropertyValue(prop)]));
    copy.remove();
    const seen = [];
    const outlined = now['outline-style'] !== 'none' && parseFloat(now['outline-width']) >= 2 && !/rgba\(.*, 0\)|transparent/.test(now['outline-color']);
    if (outlined && (now['outline-style'] !== before['outline-style'] || now['outline-width'] !== before['outline-width'] || now['outline-color'] !== before['outline-color'])) {
      seen.push('outline ' + now['outline-width'] + ' ' + now['outline-style'] + ' ' + now['outline-color']);
    }
    if (now['box-shadow'] !== 'none' && now['box-shadow'] !== before['box-shadow']) seen.push('box-shadow ' + now['box-shadow']);
    if (now['background-color'] !== before['background-color']) seen.push('background ' + now['background-color']);
    return seen;
  };
  const info = () => {
    const el = deep();
    if (!el) return { path: '(none)', tag: '', role: '', name: '', body: true, connected: false, visible: false, operable: false, focusVisible: false, indicator: [] };
    const hosts = [];
    for (let node = el.getRootNode(); node instanceof ShadowRoot; node = node.host.getRootNode()) hosts.unshift(node.host.localName);
    const rect = el.getBoundingClientRect();
    const classes = [...el.classList].slice(0, 2).map((c) => '.' + c).join('');
    return {
      path: [...hosts, el.localName + classes].join(' > '),
      tag: el.localName,
      role: roleOf(el),
      name: nameOf(el),
      body: el === document.body || el === document.documentElement,
      connected: el.isConnected,
      visible: el.isConnected && el.checkVisibility({ visibilityProperty: true }) && rect.width > 1 && rect.height > 1,
      operable: el.matches('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])') && !el.disabled,
      focusVisible: el.matches(':focus-visible'),
      indicator: indicator(el),
    };
  };
  globalThis.__focusProbe = { deep, info };
})()`;

/** Lets every page of the context be asked where focus is. */
export async function installFocusProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript(PROBE);
}

export async function focusInfo(page: Page): Promise<FocusInfo> {
  return page.evaluate(() => (globalThis as unknown as { __focusProbe: { info(): FocusInfo } }).__focusProbe.info());
}

async function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => (globalThis as unknown as { __focusProbe: { deep(): Element | null } }).__focusProbe.deep() === element).catch(() => false);
}

const describe = (info: FocusInfo) => `${info.path} (${info.role} "${info.name}")`;

/** How the citizen got here: the keyboard walk asks for the indicator on each control focused; the mouse walk for the one Tab reaches. */
export type Input = 'keyboard' | 'mouse';

export interface FocusExpectation {
  /** The flow and the action, e.g. "e-service-form: Fortsätt". */
  state: string;
  /** What focus should be on, in words for the report. */
  what: string;
  target: Locator;
  /**
   * After a focused heading or box (and after anything in the mouse walk), Tab must reach a control
   * with a visible indicator: this one, when it is known. Waited for before Tab is pressed.
   */
  next?: Locator;
  /** Do not press Tab afterwards (the next action needs focus where it is). */
  stay?: boolean;
}

/**
 * The focus checks for one action: focus is somewhere (not <body>, connected, visible), on the
 * element the action brought forward, and visibly so — on a control reached by keyboard the
 * indicator itself; on a heading or box focused by script (no outline, as GOV.UK does), and in the
 * mouse walk, on the control the next Tab reaches.
 */
export class FocusChecker {
  /** Actions whose focus was checked, and the checks made (each recorded). */
  actions = 0;
  count = 0;
  constructor(
    private readonly page: Page,
    private readonly input: Input,
    private readonly suite = 'focus',
  ) {}

  private check(state: string, check: string, criteria: string[], passed: boolean, detail: string): void {
    this.count++;
    recordA11y({ suite: this.suite, state: `${state} by ${this.input}`, check, criteria, passed, detail });
    assert.ok(passed, `${state} by ${this.input}: ${check} — ${detail}`);
  }

  /** Waits (up to 5 s: focus may move after a request) for focus to reach the target, then checks it. */
  async expect(expectation: FocusExpectation): Promise<FocusInfo> {
    const { state, what, target } = expectation;
    this.actions++;
    const deadline = Date.now() + 5_000;
    let reached = await hasFocus(target);
    while (!reached && Date.now() < deadline) {
      await this.page.waitForTimeout(50);
      reached = await hasFocus(target);
    }
    const info = await focusInfo(this.page);
    this.check(state, 'focus not lost', ['2.4.3'], !info.body && info.connected && info.visible,
      `${describe(info)}${info.body ? ' is the page itself' : !info.connected ? ' is detached' : !info.visible ? ' is hidden' : ''}`);
    this.check(state, `focus on ${what}`, ['2.4.3'], reached, `expected ${what}, found ${describe(info)}`);
    const keyboardControl = this.input === 'keyboard' && info.operable;
    if (keyboardControl) {
      this.check(state, 'focus indicator visible', ['2.4.7'], info.indicator.length > 0 && info.focusVisible,
        `${describe(info)}: ${info.indicator.join('; ') || 'no outline, box-shadow or background of its own'}${info.focusVisible ? '' : ' (not :focus-visible)'}`);
    }
    if (expectation.stay || keyboardControl) return info;
    if (expectation.next) await expectation.next.waitFor({ state: 'visible' });
    await this.page.keyboard.press('Tab');
    const next = await focusInfo(this.page);
    const sensible = !next.body && next.connected && next.visible && next.operable && (!expectation.next || (await hasFocus(expectation.next)));
    this.check(state, `Tab from ${what} reaches ${expectation.next ? 'the next control' : 'a control'}`, ['2.1.1', '2.4.3'], sensible,
      `${describe(next)}${expectation.next ? ` (expected ${expectation.next})` : ''}`);
    this.check(state, 'focus indicator visible after Tab', ['2.4.7'], next.indicator.length > 0 && next.focusVisible,
      `${describe(next)}: ${next.indicator.join('; ') || 'no outline, box-shadow or background of its own'}`);
    return info;
  }
}
