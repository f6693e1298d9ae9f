import type { CDPSession, Page } from 'playwright-core';
import type { Finding } from './page.js';

/** What the page asks of one element's node in the accessibility tree. */
type Expectation =
  /** Its accessible name is its visible label (a question's label or legend, an option's label). */
  | { kind: 'name'; label: string }
  /** Its `required` state is the question's (a textbox, or a radio question's group). */
  | { kind: 'required'; required: boolean }
  /**
   * A select or a single checkbox: Chromium's tree reports no `required` for either, whatever the markup, so
   * the markup that other browsers pass on (aria-required) is read instead.
   */
  | { kind: 'required-markup'; required: boolean; marked: boolean }
  /** It shows this error: `invalid`, and the error in its description. */
  | { kind: 'error'; error: string }
  /** A heading with this text (a step's title). */
  | { kind: 'heading'; text: string }
  /** A BankID status with this text: some live region must say it. */
  | { kind: 'status'; text: string }
  /** The BankID QR code: an image with a text alternative. */
  | { kind: 'qr' };

type Target = Expectation & { element: number; where: string };

/** How many of each kind the check looked at, so that a suite can tell a pass from nothing to look at. */
export type AxCounts = Record<Expectation['kind'], number>;

interface AXValue { type: string; value?: unknown }
interface AXNode {
  nodeId: string;
  ignored: boolean;
  role?: AXValue;
  name?: AXValue;
  description?: AXValue;
  properties?: { name: string; value: AXValue }[];
  childIds?: string[];
  backendDOMNodeId?: number;
}

/**
 * Chromium's accessibility tree (CDP `Accessibility.getFullAXTree`), as a screen reader gets it, against what
 * the story shows. For every question (the kit's `esk-…-field` elements, and any control with a `<label for>`
 * or fieldset with a legend in a widget): the accessible name equals the visible label; `required` where the
 * question is required, and not where it is optional; wherever an error is shown, `invalid` on the control it is
 * about (the part of an address, or the fieldset of a question of several controls) and the error's text in its
 * description. Every step title (`.page-title`) is a heading; every BankID status text is said by a live region
 * (polite or assertive, or role status or alert); the QR code is an image with a text alternative.
 *
 * Not checked: required on a question of checkboxes (ARIA has no "at least one of these"), on a repeating
 * group (its questions are checked one by one) and on a file input, which Chromium exposes as a button, a role
 * without a required state.
 */
export async function checkAxTree(page: Page, cdp: CDPSession): Promise<{ findings: Finding[]; counts: AxCounts }> {
  const targets: Target[] = await page.evaluate(() => {
    const h = window.__eskChecks;
    const elements: Element[] = [];
    const found: (Record<string, unknown> & { kind: string; element: number; where: string })[] = [];
    const add = (element: Element, expectation: Record<string, unknown> & { kind: string }, where = h.describe(element)) => {
      elements.push(element);
      found.push({ ...expectation, element: elements.length - 1, where });
    };
    const controls = 'input:not([type=hidden]), select, textarea';
    for (const root of h.shadowRoots()) {
      // Names: each labelled control and each fieldset, the kit's questions or a widget's own form.
      for (const label of root.querySelectorAll('label[for]')) {
        const control = root.getElementById((label as HTMLLabelElement).htmlFor);
        if (control?.matches(controls) && control.getClientRects().length) add(control, { kind: 'name', label: h.visibleText(label) });
      }
      for (const fieldset of root.querySelectorAll('fieldset')) {
        const legend = fieldset.querySelector(':scope > legend');
        if (legend && h.shown(fieldset)) add(fieldset, { kind: 'name', label: h.visibleText(legend) });
      }
      // Errors: each shown error belongs to the part, fieldset or field around it.
      for (const error of root.querySelectorAll('.error-message')) {
        if (!h.shown(error)) continue;
        const text = h.normalise(error.textContent);
        const around = error.parentElement?.closest('.part, fieldset, .field');
        if (!around) continue;
        if (around.matches('fieldset')) add(around, { kind: 'error', error: text });
        else for (const control of around.querySelectorAll(controls)) add(control, { kind: 'error', error: text });
      }
      // The step's title, on a form of several steps and on the review.
      for (const title of root.querySelectorAll('.page-title')) {
        const text = h.visibleText(title);
        if (text) add(title, { kind: 'heading', text });
      }
      for (const status of root.querySelectorAll('.status')) {
        const text = h.visibleText(status);
        if (text && h.shown(status)) add(status, { kind: 'status', text });
      }
      for (const qr of root.querySelectorAll('canvas.qr, [part=qr]')) if (h.shown(qr)) add(qr, { kind: 'qr' });

      // Required: the kit's questions know whether they are (their `required` property).
      const question = root.host as Element & { required?: unknown; field?: { type?: string } };
      if (!/^esk-.+-field$/.test(question.localName) || typeof question.required !== 'boolean') continue;
      const required = question.required;
      const where = (control: Element) => `${h.describe(control)} (${required ? 'required' : 'optional'})`;
      const group = root.querySelector('fieldset.fieldset');
      const radios = group ? [...group.querySelectorAll('input[type=radio]')] : [];
      if (group && radios.length) add(group, { kind: 'required', required }, where(group));
      for (const control of root.querySelectorAll(controls)) {
        if (control.matches('[type=radio], [type=file]') || (group && control.matches('[type=checkbox]'))) continue;
        if (control.matches('select, [type=checkbox]')) {
          const marked = control.getAttribute('aria-required') === 'true' || control.hasAttribute('required');
          add(control, { kind: 'required-markup', required, marked }, where(control));
        } else add(control, { kind: 'required', required }, where(control));
      }
    }
    (window as unknown as { __eskAxTargets: Element[] }).__eskAxTargets = elements;
    return found as unknown as Target[];
  });

  // Each element's node in the DOM agent, to find its node in the accessibility tree.
  const list = await cdp.send('Runtime.evaluate', { expression: 'window.__eskAxTargets', objectGroup: 'esk-ax' });
  const { result: properties } = await cdp.send('Runtime.getProperties', { objectId: list.result.objectId!, ownProperties: true });
  const objectIds = new Map(properties.filter((p) => /^\d+$/.test(p.name) && p.value?.objectId).map((p) => [Number(p.name), p.value!.objectId!]));
  const backendIds = await Promise.all(targets.map(async (target) => {
    const objectId = objectIds.get(target.element);
    return objectId ? (await cdp.send('DOM.describeNode', { objectId })).node.backendNodeId : undefined;
  }));
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'esk-ax' });

  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] };
  const byBackend = new Map(nodes.filter((node) => node.backendDOMNodeId !== undefined).map((node) => [node.backendDOMNodeId!, node]));
  const byId = new Map(nodes.map((node) => [node.nodeId, node]));
  const normalise = (text: unknown) => String(text ?? '').replace(/\s+/g, ' ').trim();
  const property = (node: AXNode, name: string) => node.properties?.find((p) => p.name === name)?.value.value;
  const textOf = (node: AXNode): string => node.role?.value === 'StaticText'
    ? normalise(node.name?.value)
    : (node.childIds ?? []).map((id) => byId.get(id)).filter((child): child is AXNode => !!child).map(textOf).join(' ');
  const liveRegions = nodes.filter((node) => !node.ignored && (
    ['polite', 'assertive'].includes(String(property(node, 'live'))) || ['status', 'alert'].includes(String(node.role?.value))));
  const spoken = liveRegions.map((region) => normalise(textOf(region)));

  const findings: Finding[] = [];
  const counts = { name: 0, required: 0, 'required-markup': 0, error: 0, heading: 0, status: 0, qr: 0 } satisfies AxCounts;
  targets.forEach((target, index) => {
    counts[target.kind]++;
    const backendId = backendIds[index];
    const node = backendId === undefined ? undefined : byBackend.get(backendId);
    if (!node || node.ignored) {
      findings.push(`${target.where} is not in the accessibility tree${target.kind === 'qr' ? ': the QR code has no text alternative' : ''}`);
      return;
    }
    const role = String(node.role?.value);
    const name = normalise(node.name?.value);
    switch (target.kind) {
      case 'name':
        if (name !== target.label) findings.push(`${target.where}: its accessible name "${name}" is not its visible label "${target.label}"`);
        break;
      case 'required': {
        const required = property(node, 'required') === true;
        if (required !== target.required) findings.push(`${target.where}: the ${role} is ${required ? '' : 'not '}required in the accessibility tree`);
        break;
      }
      case 'required-markup':
        if (target.marked !== target.required) findings.push(`${target.where}: the ${role} is ${target.marked ? '' : 'not '}marked aria-required`);
        break;
      case 'error': {
        const invalid = property(node, 'invalid');
        const description = normalise(node.description?.value);
        if (invalid === undefined || invalid === 'false') findings.push(`${target.where}: shows the error "${target.error}" but is not invalid in the accessibility tree`);
        if (!description.includes(target.error)) findings.push(`${target.where}: the error "${target.error}" is not in its description ("${description}")`);
        break;
      }
      case 'heading':
        if (role !== 'heading' || name !== target.text) findings.push(`${target.where}: the step's title is a ${role} named "${name}", not a heading "${target.text}"`);
        break;
      case 'status':
        if (!spoken.some((text) => text.includes(target.text))) findings.push(`${target.where}: the BankID status "${target.text}" is in no live region`);
        break;
      case 'qr':
        if (!['image', 'img'].includes(role) || !name) findings.push(`${target.where}: the QR code is a ${role} without a text alternative`);
        break;
    }
  });
  return { findings, counts };
}
