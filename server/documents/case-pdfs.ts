import type { Language } from '../../src/contract/text.js';
import type { PopulationRegister } from '../registry/register.js';
import type { Queryable } from '../store/database.js';
import type { Reader } from './answer-rows.js';
import { loadCaseDocument } from './case-document.js';
import { renderCasePdf } from './case-pdf.js';

export interface CasePdf {
  caseNumber: string;
  bytes: Buffer;
}

/**
 * The PDF of a sent case, for the three doors to it: the receipt (its token), Mina sidor (the citizen's own
 * case) and the officer API (the municipality's case). Each route decides who may read the case first; this
 * only makes the document.
 */
export class CasePdfs {
  constructor(
    private readonly db: Queryable,
    /** Names the children the answers name; without it they stay personnummer. */
    private readonly register?: PopulationRegister,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The PDF, in `lang` or else the case's own language; undefined when the case does not exist or was never sent. */
  async make(caseId: string, reader: Reader, lang?: Language): Promise<CasePdf | undefined> {
    const document = await loadCaseDocument(this.db, caseId, this.register);
    if (!document) return undefined;
    const bytes = await renderCasePdf(document, { lang: lang ?? document.lang, reader, now: this.now() });
    return { caseNumber: document.caseNumber, bytes };
  }
}
