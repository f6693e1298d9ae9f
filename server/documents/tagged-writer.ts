import { FONTS } from './fonts.js';

/**
 * Writes text into a tagged PDF so that its structure is its reading order: every piece of text is drawn
 * inside the structure element that says what it is (H1, P, Lbl, LBody…), in the order it appears on the
 * page, and whatever is only decoration (the page numbers) is an Artifact that a screen reader skips.
 */
type Element = PDFKit.PDFStructureElement;

export type TextStyle = 'h1' | 'h2' | 'h3' | 'body' | 'label' | 'small';

const STYLES: Record<TextStyle, { font: string; size: number; after: number }> = {
  h1: { font: FONTS.bold, size: 20, after: 0.3 },
  h2: { font: FONTS.bold, size: 14, after: 0.3 },
  h3: { font: FONTS.bold, size: 12, after: 0.2 },
  body: { font: FONTS.regular, size: 11, after: 0.15 },
  label: { font: FONTS.bold, size: 11, after: 0.05 },
  small: { font: FONTS.regular, size: 9, after: 0 },
};

/** How far a list's items stand in from the text around them, in points. */
const INDENT = 14;

export class TaggedWriter {
  /** The Document element: the root of the structure. */
  readonly root: Element;

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** An element that holds others (L, LI, LBody, Sect): the caller adds to it and ends it. */
  container(parent: Element, type: string): Element {
    const element = this.doc.struct(type);
    parent.add(element);
    return element;
  }

  /** Text as one element of the given type (H1, P, Lbl, LBody…), `indent` points in from the margin. */
  text(parent: Element, type: string, text: string, style: TextStyle, indent = 0, y?: number): void {
    const { font, size, after } = STYLES[style];
    parent.add(this.doc.struct(type, {}, () => {
      this.doc.font(font).fontSize(size).text(text, this.left + indent, y, { width: this.width - indent });
    }));
    this.doc.moveDown(after);
  }

  heading(level: 1 | 2 | 3, text: string, parent: Element = this.root): void {
    if (level > 1) this.doc.moveDown(0.6);
    this.text(parent, `H${level}`, text, `h${level}`);
  }

  paragraph(text: string, parent: Element = this.root, indent = 0): void {
    this.text(parent, 'P', text, 'body', indent);
  }

  /**
   * A list of texts with a bullet each (L > LI > Lbl "•" + LBody). The bullet is text, not a drawing, so that
   * the Lbl holds what it shows; a page break never falls between an item's bullet and its first line.
   */
  bulletList(items: readonly string[], parent: Element, indent = 0): void {
    const list = this.container(parent, 'L');
    for (const item of items) {
      const entry = this.container(list, 'LI');
      this.keepLine(STYLES.body.size);
      const y = this.doc.y;
      entry.add(this.doc.struct('Lbl', {}, () => {
        this.doc.font(FONTS.regular).fontSize(STYLES.body.size).text('•', this.left + indent, y, { lineBreak: false });
      }));
      this.text(entry, 'LBody', item, 'body', indent + INDENT, y);
      entry.end();
    }
    list.end();
  }

  /**
   * A list of terms and what they say (as HTML's <dl>): L > LI > Lbl (the term, bold) + LBody (its value, on
   * the lines below). `body` writes the value into the LBody it is given.
   */
  termList<T>(rows: readonly T[], term: (row: T) => string, body: (row: T, into: Element, indent: number) => void, parent: Element, indent = 0): void {
    const list = this.container(parent, 'L');
    for (const row of rows) {
      const entry = this.container(list, 'LI');
      this.keepLine(STYLES.label.size * 2);
      this.text(entry, 'Lbl', term(row), 'label', indent);
      const value = this.container(entry, 'LBody');
      body(row, value, indent);
      value.end();
      entry.end();
      this.doc.moveDown(0.35);
    }
    list.end();
  }

  /** Starts a new page when fewer than `points` are left on this one: a term is never alone at a page's foot. */
  private keepLine(points: number): void {
    if (this.doc.y + points * 1.6 > this.doc.page.maxY()) this.doc.addPage();
  }

  /** Writes `footer(page, pages)` at the foot of every page, as an Artifact (pagination) outside the structure. */
  footers(footer: (page: number, pages: number) => string): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let index = start; index < start + count; index++) {
      this.doc.switchToPage(index);
      const { margins } = this.doc.page;
      const bottom = margins.bottom;
      // Text below the bottom margin would make PDFKit start a page: the margin is lifted while it is written.
      margins.bottom = 0;
      this.doc.markContent('Artifact', { type: 'Pagination' });
      this.doc.font(FONTS.regular).fontSize(STYLES.small.size)
        .text(footer(index - start + 1, count), this.left, this.doc.page.height - bottom + 24, { width: this.width, align: 'center', lineBreak: false });
      this.doc.endMarkedContent();
      margins.bottom = bottom;
    }
  }
}
