import { signAtTestProvider } from './support/test-provider-page.js';
import type { Locator, Page } from 'playwright-core';
import { logInToForm, signInForm } from './bankid-app.js';
import type { Answers, AnswerValue, ItemAnswers } from '../../src/contract/cases.js';
import type { Field, GroupItemField, ServiceDefinition } from '../../src/contract/definition.js';
import { viewForm, type FormView } from '../../src/forms/visibility.js';
import { feeFor } from '../../src/forms/fees.js';
import { FIXTURE_PERSONS, FixtureRegister } from '../../server/registry/fixture.js';
import { registerFacts } from '../../server/registry/prefill.js';

/**
 * Fills in an e-service the way a keyboard user does: Tab to each question, type, arrow keys
 * for choices, Space for boxes and for the file chooser, Enter to go on. The answers say what
 * to give; the definition says which questions each step asks.
 */
export const SMALL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active === element;
  });
}

/** Presses Tab (no mouse, no focus() calls) until the control has focus; Shift+Tab if it lies behind. */
export async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  await target.waitFor({ state: 'attached' });
  for (let presses = 0; presses < 60; presses++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  if (!backwards) return tabTo(page, target, true);
  throw new Error(`Tab never reached ${target}`);
}

/**
 * Opens the file chooser with Space on a focused file input and picks a PDF. Chromium now and then
 * lets a keypress that lands during a re-render go by without opening the chooser; a second press does.
 */
export async function chooseFileByKeyboard(page: Page, input: Locator, name: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await tabTo(page, input);
    const opened = page.waitForEvent('filechooser', { timeout: 5_000 }).catch(() => undefined);
    await page.keyboard.press('Space');
    const chooser = await opened;
    if (chooser) return chooser.setFiles({ name, mimeType: 'application/pdf', buffer: SMALL_PDF });
  }
  throw new Error(`the file chooser of ${input} did not open`);
}

const control = (page: Page, path: string, inner = 'control') =>
  page.locator(`[path="${path}"]`).locator(`#${inner}`).first();

async function answer(page: Page, field: Field | GroupItemField, path: string, value: AnswerValue, view: FormView): Promise<void> {
  const keyboard = page.keyboard;
  switch (field.type) {
    case 'info':
      return;
    case 'select': {
      await tabTo(page, control(page, path));
      const index = field.options.findIndex((option) => option.value === value);
      for (let i = 0; i <= index; i++) await keyboard.press('ArrowDown');
      return;
    }
    case 'child': {
      // The children come from the population register, in its order.
      const values = await page.locator(`[path="${path}"] input[type=radio]`).evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
      const index = values.indexOf(String(value));
      if (index < 0) throw new Error(`${path} does not list the child ${value}: ${values.join(', ')}`);
      await tabTo(page, control(page, path));
      if (index === 0) await keyboard.press('Space');
      for (let i = 0; i < index; i++) await keyboard.press('ArrowDown');
      return;
    }
    case 'radio':
    case 'yesNo': {
      const index = field.type === 'yesNo' ? (value === true ? 0 : 1) : field.options.findIndex((o) => o.value === value);
      await tabTo(page, control(page, path));
      if (index === 0) await keyboard.press('Space');
      for (let i = 0; i < index; i++) await keyboard.press('ArrowDown');
      return;
    }
    case 'checkbox':
      await tabTo(page, control(page, path));
      if (value === true) await keyboard.press('Space');
      return;
    case 'checkboxGroup':
      for (const chosen of value as string[]) {
        const index = field.options.findIndex((option) => option.value === chosen);
        await tabTo(page, control(page, path, index === 0 ? 'control' : `control-${index}`));
        await keyboard.press('Space');
      }
      return;
    case 'address': {
      const parts = value as Record<string, string>;
      for (const part of ['street', 'postalCode', 'city']) {
        await tabTo(page, control(page, path, part));
        await keyboard.type(parts[part] ?? '');
      }
      return;
    }
    case 'group': {
      const items = value as ItemAnswers[];
      for (const [index, item] of items.entries()) {
        if (index > 0) {
          await tabTo(page, page.locator(`[path="${path}"]`).locator('#add'));
          await keyboard.press('Enter');
        }
        const itemView = view.item(field, item);
        for (const child of field.fields) {
          const childValue = item[child.id];
          if (childValue === undefined || !itemView.isVisible(child)) continue;
          await answer(page, child, `${path}.${index}.${child.id}`, childValue, view);
        }
      }
      return;
    }
    case 'file': {
      await chooseFileByKeyboard(page, control(page, path), `${path}.pdf`);
      await page.locator(`[path="${path}"]`).locator('.file').first().waitFor();
      return;
    }
    default:
      await tabTo(page, control(page, path));
      await keyboard.type(String(value));
  }
}

/** Who logs in and signs with BankID (the simulator's test app plays the app), for e-services that need e-ID. */
export interface KeyboardEid {
  testApp: string;
  name: string;
  /** Already logged in (the page shares the session): go straight to the questions. */
  loggedIn?: boolean;
  /** Logged in through the e-ID broker with this e-ID (as its button says, such as "Freja eID"): it signs there too. */
  broker?: string;
  /** Told the text the broker showed to be signed. */
  onSignText?: (text: string) => void;
  /** What the citizen does after logging in, before the first step (e.g. choosing the company that applies). */
  afterLogin?: () => Promise<void>;
}

/**
 * Answers every step by keyboard, checks the review page and sends; returns the case number shown.
 * An e-service that needs e-ID is logged in to first (its prefilled questions are left as they
 * come), and one that is signed is signed with BankID instead of sent.
 */
export async function fillAndSendByKeyboard(page: Page, definition: ServiceDefinition, answers: Answers, lang: 'sv' | 'en', eid?: KeyboardEid): Promise<string> {
  // The questions that follow custody are asked as the demo's register says.
  const person = FIXTURE_PERSONS.find((candidate) => candidate.name === eid?.name);
  const facts = person ? await registerFacts(definition, answers, person.personalNumber, new FixtureRegister()) : {};
  const view = viewForm(definition, answers, facts);
  // An e-service that charges for these answers sends and then asks for the payment (whose step shows the case number).
  const pays = (feeFor(definition, answers)?.amount ?? 0) > 0;
  const words = lang === 'sv'
    ? { next: 'Fortsätt', send: pays ? 'Skicka och betala' : 'Skicka', review: 'Granska dina uppgifter' }
    : { next: 'Continue', send: pays ? 'Send and pay' : 'Send', review: 'Check your answers' };
  if (definition.login === 'required') {
    if (!eid) throw new Error(`${definition.id} needs e-ID: say who logs in`);
    if (!eid.loggedIn) await logInToForm(page, eid.testApp, eid.name, lang);
    await eid.afterLogin?.();
  }
  const signs = definition.signing === 'sign';
  // The form's own buttons: the page around it may have its own "Skicka" (a CMS's comment form).
  const form = page.locator('e-service-form');
  for (const step of view.steps) {
    if (view.steps.length > 1) await form.locator('.page-title', { hasText: step.title[lang] }).waitFor();
    else await form.getByRole('button', { name: words.send, exact: true }).waitFor();
    for (const field of step.fields) {
      const value = answers[field.id];
      if (value === undefined || !view.isVisible(field.id)) continue;
      await answer(page, field, field.id, value, view);
    }
    // A one-step e-service sends from its step; longer ones go on to the review page.
    if (view.steps.length > 1) {
      await tabTo(page, form.getByRole('button', { name: words.next }));
      await page.keyboard.press('Enter');
    }
  }
  if (view.steps.length > 1) await form.getByRole('heading', { name: words.review }).waitFor();
  if (signs && eid?.broker) {
    eid.onSignText?.(await signAtTestProvider(page, eid.broker, eid.name));
  } else if (signs) {
    await signInForm(page, eid!.testApp, eid!.name, lang);
  } else {
    await tabTo(page, form.getByRole('button', { name: words.send, exact: true }));
    await page.keyboard.press('Enter');
  }
  const number = form.locator('[data-case-number]');
  await number.waitFor().catch(async (error: Error) => {
    // What the citizen saw instead of the receipt, for a failure that happens only under load.
    const seen = await form.evaluate((el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim()).catch(() => '(form gone)');
    const focused = await page.evaluate(() => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active ? `${active.tagName.toLowerCase()} ${active.textContent?.trim().slice(0, 40) ?? ''}` : 'nothing';
    });
    throw new Error(`${error.message}\nthe form said: ${seen.slice(0, 300)} … ${seen.slice(-700)}\nfocus on: ${focused}`);
  });
  return (await number.textContent())!.trim();
}
