import { addTexts } from './index.js';

/**
 * The Swedish texts of the download of a case's PDF (src/components/case-pdf.ts): fetched with the receipt and with
 * Mina sidor, so that a form's first load does not carry them. Their English is in messages.en.ts with the rest.
 */
export const svPdf = {
  'pdf.download': 'Ladda ner ditt ärende som PDF',
  'pdf.busy': 'Hämtar PDF…',
  'pdf.failed': 'PDF:en kunde inte hämtas just nu. Försök igen.',
} as const;

addTexts('sv', svPdf);
