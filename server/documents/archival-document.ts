import PDFDocument from 'pdfkit';
import { FONTS } from './fonts.js';

/**
 * A PDFKit document made for archiving and for every reader: PDF/A-2a (ISO 19005-2, level A: tagged, with
 * Unicode text, fonts embedded, an sRGB output intent and XMP metadata) on PDF 1.7, its language set and
 * its title shown in the reader's title bar instead of a file name.
 *
 * Why PDF/A-2a: level A is the one that requires the structure a screen reader follows (headings, lists,
 * reading order), not only the look (level B); part 2 is what archives (Riksarkivet's FGS among them) take,
 * and unlike part 3 it allows no embedded files of other kinds, which a case's PDF never needs.
 */
export interface ArchivalDocumentOptions {
  title: string;
  /** BCP 47: sv-SE or en-GB. */
  lang: string;
  author: string;
  subject: string;
  createdAt: Date;
}

export const PDF_A = { part: 2, conformance: 'A' } as const;

export function archivalDocument(options: ArchivalDocumentOptions): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    pdfVersion: '1.7',
    subset: `PDF/A-${PDF_A.part}${PDF_A.conformance.toLowerCase()}` as 'PDF/A-2a',
    tagged: true,
    lang: options.lang,
    displayTitle: true,
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 64, right: 64 },
    // The default font would be Helvetica, one of the standard 14 that PDF/A forbids unembedded.
    font: FONTS.regular,
    // Every page stays open until the end, so that each can have "page n of N" written at its foot.
    bufferPages: true,
    info: {
      Title: options.title,
      Author: options.author,
      Subject: options.subject,
      Creator: 'e-service-kit',
      CreationDate: options.createdAt,
    },
  });
  escapeXmpInfo(doc);
  return doc;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char]!);

/**
 * PDFKit writes the title, author and subject into the XMP metadata as they are, unescaped: "Bygg & miljö"
 * would make the XML unreadable and the file no PDF/A. The Info dictionary (a PDF string, escaped by PDFKit)
 * is written first, at end(); the XMP after it, in endMetadata(), which gets the escaped words.
 */
function escapeXmpInfo(doc: PDFKit.PDFDocument): void {
  const endMetadata = doc.endMetadata.bind(doc);
  doc.endMetadata = () => {
    doc.info = Object.fromEntries(
      Object.entries(doc.info).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]),
    ) as PDFKit.DocumentInfo;
    endMetadata();
  };
}
