import type { Page } from 'playwright-core';
import type { Finding } from './page.js';

/** WCAG 1.4.10 Reflow: 320 CSS pixels wide (1280 at 400 % zoom), without scrolling sideways. */
export const REFLOW_VIEWPORT = { width: 320, height: 640 };

/**
 * At 320×640 the document must not scroll sideways, no element or text inside a widget's shadow roots may reach
 * past the right edge (a long word sticks out of a box that fits), and no box inside a widget may scroll sideways
 * itself (its content wider than it). Elements
 * clipped away on purpose (`.visually-hidden`) and content inside a box that clips it are left out: only what
 * the citizen would see is measured. Leaves the page at that size.
 */
export async function checkReflow(page: Page): Promise<Finding[]> {
  await page.setViewportSize(REFLOW_VIEWPORT);
  return page.evaluate(async () => {
    const h = window.__eskChecks;
    await h.frame();
    const findings: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    const edge = root.clientWidth;
    if (root.scrollWidth > edge + 1) findings.push(`the page scrolls sideways: ${root.scrollWidth} px wide in a ${edge} px viewport`);

    // How far right an element's content can be seen: cut by each ancestor that clips or scrolls its overflow.
    const limits = new Map<Element, number>();
    const limitOf = (node: Element | null): number => {
      if (!node) return Infinity;
      let limit = limits.get(node);
      if (limit === undefined) {
        limit = limitOf(h.parentOf(node));
        if (getComputedStyle(node).overflowX !== 'visible') limit = Math.min(limit, node.getBoundingClientRect().right);
        limits.set(node, limit);
      }
      return limit;
    };
    const reported = new Set<Element>();
    const insideReported = (element: Element) => {
      for (let node = h.parentOf(element); node; node = h.parentOf(node)) if (reported.has(node)) return true;
      return false;
    };
    for (const element of h.allElements()) {
      if (!h.inShadow(element) || !h.shown(element)) continue;
      const right = Math.min(element.getBoundingClientRect().right, limitOf(h.parentOf(element)));
      // A box past the edge takes its content with it: the outermost one is reported.
      if (right > edge + 1 && !insideReported(element)) {
        reported.add(element);
        findings.push(`${h.describe(element)} reaches ${Math.round(right)} px, past the ${edge} px edge`);
      }
      const overflowX = getComputedStyle(element).overflowX;
      if ((overflowX === 'auto' || overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1) {
        findings.push(`${h.describe(element)} scrolls sideways: ${element.scrollWidth} px of content in ${element.clientWidth} px`);
      }
    }
    // A word too long for the line sticks out of its box, which stays inside the edge.
    for (const shadow of h.shadowRoots()) {
      const walker = document.createTreeWalker(shadow, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !node.textContent?.trim() || reported.has(parent) || insideReported(parent) || !h.shown(parent)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const right = Math.max(...[...range.getClientRects()].map((rect) => rect.right));
        if (Math.min(right, limitOf(parent)) > edge + 1) {
          reported.add(parent);
          findings.push(`the text of ${h.describe(parent)} reaches ${Math.round(right)} px, past the ${edge} px edge`);
        }
      }
    }
    return findings;
  });
}
