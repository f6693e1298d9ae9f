import type { Language } from '../../src/contract/text.js';
import { formatAmount } from '../../src/i18n/money.js';
import { formatOrganisationNumber } from '../../src/contract/companies.js';
import { personLabel } from '../services/person-allowed.js';
import { pridOf } from '../../src/contract/person-key.js';
import { stockholmDate } from '../stockholm-time.js';
import { answerSections, answerWarnings, type AnswerRow, type AnswerText, type Reader } from './answer-rows.js';
import { archivalDocument } from './archival-document.js';
import type { CaseDocument } from './case-document.js';
import { TaggedWriter } from './tagged-writer.js';
import { eidName, ensureTexts, kitText, pdfText } from './texts.js';

export interface CasePdfOptions {
  lang: Language;
  /** The applicant reads each question as it was asked; the municipality reads its summaryLabel. */
  reader: Reader;
  /** When the PDF is made (its CreationDate). */
  now: Date;
}

const BCP47: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

/** A row of a term list: the term and its value's lines. */
interface Fact {
  term: string;
  lines: string[];
}

/**
 * The PDF of one sent case: the e-service and its municipality, the case number and when it was sent, the
 * answers question by question under their steps' titles, the attached files, the signatures and the payment.
 * Tagged PDF/A-2a (archival-document.ts) in the language asked for.
 */
export async function renderCasePdf(document: CaseDocument, options: CasePdfOptions): Promise<Buffer> {
  await ensureTexts();
  const { lang, reader, now } = options;
  const { definition, caseNumber } = document;
  const title = definition.title[lang];
  const municipality = definition.municipality.name[lang];
  const when = (at: Date | string) => stockholmDate(new Date(at), lang, 'dateTime');

  const doc = archivalDocument({
    title: pdfText(lang, 'documentTitle', { title, caseNumber }),
    lang: BCP47[lang],
    author: municipality,
    subject: title,
    createdAt: now,
  });
  const done = collect(doc);
  const pdf = new TaggedWriter(doc);

  pdf.heading(1, title);
  pdf.paragraph(pdfText(lang, 'sentBy', { municipality, date: when(document.submittedAt) }));
  doc.moveDown(0.5);
  facts(pdf, [
    { term: kitText(lang, 'cases.caseNumber'), lines: [caseNumber] },
    { term: kitText(lang, 'cases.municipality'), lines: [municipality] },
    ...(document.organisation
      ? [{ term: kitText(lang, 'cases.organisation'), lines: [`${document.organisation.name}, ${formatOrganisationNumber(document.organisation.number)}`] }]
      : []),
    { term: kitText(lang, 'cases.submittedAt'), lines: [when(document.submittedAt)] },
  ]);

  const names = {
    fileName: (id: string) => document.attachments.find((file) => file.id === id)?.fileName,
    childName: (personalNumber: string) => document.children.find((child) => child.personalNumber === personalNumber)?.name,
  };
  pdf.heading(2, pdfText(lang, 'answers'));
  // Each warning the citizen was shown beside an answer follows it, as on the review: "Varning: …".
  const warnings = answerWarnings(definition, document.answers, lang);
  const warning = (path: string) => (warnings[path] ? `${kitText(lang, 'form.warningPrefix')} ${warnings[path]}` : undefined);
  for (const section of answerSections(definition, document.answers, lang, reader, names)) {
    pdf.heading(3, section.title);
    answerRows(pdf, section.rows, pdf.root, 0, '', warning);
  }

  if (document.attachments.length) {
    pdf.heading(2, kitText(lang, 'cases.attachments'));
    pdf.bulletList(document.attachments.map((file) => file.fileName), pdf.root);
  }

  if (document.signatures.length) {
    pdf.heading(2, kitText(lang, 'cases.signatures'));
    pdf.termList(document.signatures, (signature) => signature.name, (signature, into, indent) => {
      const prid = pridOf(signature.personKey);
      const rows = [
        `${pdfText(lang, prid ? 'foreignId' : 'personalNumber')}: ${personLabel(signature.personKey)}`,
        `${pdfText(lang, 'signedAt')}: ${when(signature.signedAt)}`,
        `${pdfText(lang, 'eid')}: ${eidName(signature.eid, lang)}`,
      ];
      pdf.text(into, 'P', rows.join('\n'), 'body', indent);
    }, pdf.root);
  }

  const payment = document.payment;
  if (payment?.state === 'paid') {
    pdf.heading(2, kitText(lang, 'cases.payment'));
    facts(pdf, [
      { term: kitText(lang, 'cases.paymentPaid'), lines: [formatAmount(payment.fee.amount, lang)] },
      ...(payment.paidAt ? [{ term: kitText(lang, 'cases.paidAt'), lines: [when(payment.paidAt)] }] : []),
      ...(payment.instrument ? [{ term: pdfText(lang, 'instrument'), lines: [payment.instrument] }] : []),
      ...(payment.paymentReference ? [{ term: kitText(lang, 'cases.paymentReference'), lines: [payment.paymentReference] }] : []),
      ...(payment.refunded ? [{ term: kitText(lang, 'cases.refunded'), lines: [formatAmount(payment.refunded, lang)] }] : []),
    ]);
  }

  pdf.footers((page, pages) => pdfText(lang, 'page', { caseNumber, page, pages }));
  doc.end();
  return done;
}

function facts(pdf: TaggedWriter, rows: Fact[]): void {
  pdf.termList(rows, (row) => row.term, (row, into, indent) => pdf.text(into, 'P', row.lines.join('\n'), 'body', indent), pdf.root);
}

/** What follows an answer, by its path (`id`, or `group.2.id`): its warning's words. */
type Warning = (path: string) => string | undefined;

/**
 * Question → answer rows, each answer followed by its warning; a repeating group's items as titled lists of their own,
 * stood in under the question (`prefix` the item's path, `group.2.`).
 */
function answerRows(pdf: TaggedWriter, rows: AnswerRow[], parent: PDFKit.PDFStructureElement, indent: number, prefix: string, warning: Warning): void {
  pdf.termList(rows, (row) => row.question, (row, into, at) => {
    answer(pdf, row.answer, into, at, `${prefix}${row.id}`, warning);
    const warned = warning(`${prefix}${row.id}`);
    if (warned) pdf.text(into, 'P', warned, 'body', at);
  }, parent, indent);
}

function answer(pdf: TaggedWriter, text: AnswerText, into: PDFKit.PDFStructureElement, indent: number, path: string, warning: Warning): void {
  switch (text.kind) {
    case 'lines':
      pdf.text(into, 'P', text.lines.join('\n').replace(/\r\n?/g, '\n'), 'body', indent);
      return;
    case 'list':
      pdf.bulletList(text.items, into, indent);
      return;
    case 'items':
      text.items.forEach((item, index) => {
        const part = pdf.container(into, 'Div');
        pdf.text(part, 'P', item.title, 'label', indent + 14);
        answerRows(pdf, item.rows, part, indent + 14, `${path}.${index}.`, warning);
        part.end();
      });
  }
}

/** The document's bytes, once PDFKit has written them all. */
function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
