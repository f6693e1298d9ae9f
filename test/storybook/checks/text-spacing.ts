import type { Page } from 'playwright-core';
import type { Finding } from './page.js';

/**
 * WCAG 1.4.12 Text Spacing: the spacing a reader's own style sheet may set (the criterion's four values, as in
 * the usual bookmarklet), with !important so that it wins over the widgets' own rules.
 */
export const TEXT_SPACING = `
  *, *::before, *::after { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
`;

/**
 * With that spacing in the light DOM and in every shadow root (a page's style sheet reaches no shadow root, so
 * it is adopted into each one, as an extension would have to): nothing may be clipped — no box that hides or
 * clips its overflow may have more content than room, where it had room before — and no text may be drawn
 * over other text. Form controls, which scroll their own value, are left out of clipping; text clipped away on
 * purpose (`.visually-hidden`) is left out of both. The page's styles are as before afterwards.
 */
export async function checkTextSpacing(page: Page): Promise<Finding[]> {
  return page.evaluate(async (spacing) => {
    const h = window.__eskChecks;
    const clips = (style: CSSStyleDeclaration) => ({
      x: style.overflowX === 'hidden' || style.overflowX === 'clip',
      y: style.overflowY === 'hidden' || style.overflowY === 'clip',
    });
    const boxes = h.allElements().filter((element) => {
      if (element.matches('input, select, textarea') || !h.shown(element)) return false;
      const { x, y } = clips(getComputedStyle(element));
      return x || y;
    });
    const overflowing = (element: Element) => {
      const { x, y } = clips(getComputedStyle(element));
      return { x: x && element.scrollWidth > element.clientWidth + 1, y: y && element.scrollHeight > element.clientHeight + 1 };
    };
    const before = new Map(boxes.map((box) => [box, overflowing(box)]));

    const sheet = new CSSStyleSheet();
    sheet.replaceSync(spacing);
    const roots: (Document | ShadowRoot)[] = [document, ...h.shadowRoots()];
    const adopted = roots.map((root) => root.adoptedStyleSheets);
    for (const root of roots) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    try {
      await h.frame();
      const findings: string[] = [];
      for (const box of boxes) {
        const now = overflowing(box);
        const was = before.get(box)!;
        if ((now.x && !was.x) || (now.y && !was.y)) {
          findings.push(`${h.describe(box)} clips its content: ${box.scrollWidth}×${box.scrollHeight} px in ${box.clientWidth}×${box.clientHeight} px`);
        }
      }

      // Each line of each text, as drawn; then any two lines of different texts that cross.
      interface Line { rect: DOMRect; text: Text }
      const lines: Line[] = [];
      const shownParents = new Map<Element, boolean>();
      const skip = 'script, style, template, option, optgroup, select, textarea, title, noscript';
      for (const root of roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          const parent = node.parentElement;
          if (!parent || !node.data.trim() || parent.closest(skip)) continue;
          let isShown = shownParents.get(parent);
          if (isShown === undefined) shownParents.set(parent, (isShown = h.shown(parent)));
          if (!isShown) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const rect of range.getClientRects()) if (rect.width > 1 && rect.height > 1) lines.push({ rect, text: node });
        }
      }
      lines.sort((a, b) => a.rect.top - b.rect.top);
      const reported = new Set<string>();
      for (let i = 0; i < lines.length; i++) {
        const a = lines[i]!;
        for (let j = i + 1; j < lines.length && lines[j]!.rect.top < a.rect.bottom - 2; j++) {
          const b = lines[j]!;
          if (b.text === a.text) continue;
          const across = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
          const down = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
          if (across <= 2 || down <= 2) continue;
          const finding = `${h.describe(a.text.parentElement!)} overlaps ${h.describe(b.text.parentElement!)}`;
          if (!reported.has(finding)) findings.push(finding);
          reported.add(finding);
        }
      }
      return findings;
    } finally {
      roots.forEach((root, index) => (root.adoptedStyleSheets = adopted[index]!));
    }
  }, TEXT_SPACING);
}
