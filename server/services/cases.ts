import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Answers, CaseReceipt, SubmitCaseRequest, SubmitCaseResponse } from '../../src/contract/cases.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { Language } from '../../src/contract/text.js';
import { errorMessage } from '../../src/forms/messages.js';
import type { FormFacts } from '../../src/forms/conditions.js';
import { validateAnswers } from '../../src/forms/validate.js';
import { claimAttachments } from '../attachments/service.js';
import { problem, ProblemError } from '../problem.js';
import type { Database, Queryable } from '../store/database.js';
import { CaseNumbers, numberCase } from './case-numbers.js';
import { recordStatus } from './case-status.js';
import type { DefinitionStore } from './definitions.js';
import { checkOwnDraft, takeDraft } from './drafts.js';
import { checkNotUsed, claimOnePerPerson } from './once-per-person.js';
import { awaitingReceipt } from '../cosigning/receipt.js';
import { idempotencyScope, keyReused, requestHashOf, sha256 } from './idempotency.js';
import { NO_WEBHOOKS, queueCaseSent, type CaseSentOutbox } from '../outbox/case-sent.js';
import { stockholmYear } from '../stockholm-time.js';

const UNIQUE_VIOLATION = '23505';

export interface SubmitResult {
  response: SubmitCaseResponse;
  /** False when the Idempotency-Key was seen before and the first case is returned. */
  created: boolean;
}

/**
 * Runs on the answers before they are checked, in every path that makes a case (plain submit,
 * and the start of a signing): e.g. to overwrite prefilled answers with the population register's.
 * It may throw ProblemError. `personalNumber` is the logged-in citizen's, undefined without login.
 */
export type BeforeCreateHook = (
  definition: ServiceDefinition, values: Answers, personalNumber: string | undefined, lang: Language,
) => Promise<{ answers: Answers; facts?: FormFacts }>;

export interface CaseServiceOptions {
  now?: () => Date;
  beforeCreate?: BeforeCreateHook;
  /** Who is told when a case is sent (its receipt, the municipality's webhook), written with the case. */
  outbox?: CaseSentOutbox;
}

/** Everything needed to make one case; see CaseService.create. */
export interface NewCase {
  definition: ServiceDefinition;
  /** Checked answers (the result of `prepare`). */
  values: Answers;
  /** The case's language (the request's `lang`); also that of any refusal. */
  lang: Language;
  idempotencyKey: string;
  requestHash: string;
  /** The logged-in citizen, or undefined for a case sent without login. */
  applicantPersonalNumber?: string;
  /**
   * The applicant's draft this case continues: deleted in the case's transaction. `required`: a
   * draft that is gone stops the case (404 draft-not-found); a signing's completion makes the
   * case anyway.
   */
  draft?: { id: string; required: boolean };
  /** The case waits for others to sign (the hooks make it awaitingCosign): it is told as sent only when they have. */
  waitsForCosigners?: boolean;
}

/** Extra work inside the case's transaction (a signing's completion). */
export interface CreateHooks {
  /** First in the transaction: false stops, nothing is made (another request made the case already). */
  claim?(tx: Queryable): Promise<boolean>;
  /** After the case row is in. */
  record?(tx: Queryable, caseId: string, submittedAt: Date): Promise<void>;
}

interface CaseRow {
  id: string;
  case_number: string;
  service_id: string;
  submitted_at: Date | string;
  receipt_token_hash: string;
  definition: ServiceDefinition;
}

/** Thrown inside a transaction to roll it back when `claim` says no. */
class NotClaimed extends Error {}


export class CaseService {
  private readonly now: () => Date;
  private readonly beforeCreate: BeforeCreateHook;
  private readonly outbox: CaseSentOutbox;
  private readonly numbers: CaseNumbers;

  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionStore,
    /** Options, or (as before) just the clock. */
    options: CaseServiceOptions | (() => Date) = {},
  ) {
    const opts = typeof options === 'function' ? { now: options } : options;
    this.now = opts.now ?? (() => new Date());
    this.beforeCreate = opts.beforeCreate ?? (async (_definition, values) => ({ answers: values }));
    this.outbox = opts.outbox ?? NO_WEBHOOKS;
    this.numbers = new CaseNumbers(db);
  }

  /**
   * POST /api/cases. With a session (`applicant`), the case records the person and the
   * Idempotency-Key lives in that person's own key space.
   */
  async submit(
    request: SubmitCaseRequest, idempotencyKey: string, lang: Language, applicant?: { personalNumber: string } | null,
  ): Promise<SubmitResult> {
    const personalNumber = applicant?.personalNumber;
    const requestHash = requestHashOf(request);
    const replay = await this.replay(idempotencyScope(personalNumber), idempotencyKey, requestHash, lang);
    if (replay) return { response: replay, created: false };

    const definition = await this.definition(request.serviceId, request.serviceVersion, lang);
    if (definition.login === 'required' && !personalNumber) throw new ProblemError(loginRequired(lang));
    if (definition.signing === 'sign') {
      throw new ProblemError(
        problem(409, 'signing-required',
          lang === 'en' ? 'This e-service must be signed with BankID' : 'E-tjänsten måste skrivas under med BankID',
          'Send it through POST /api/signatures.'),
      );
    }
    if (request.draftId) await checkOwnDraft(this.db, request.draftId, personalNumber, definition.id, this.now(), lang);
    await checkNotUsed(this.db, definition, personalNumber, lang);
    const values = await this.prepare(definition, request.answers, personalNumber, lang);
    const made = await this.create({
      definition, values, lang: request.lang, idempotencyKey, requestHash,
      ...(personalNumber ? { applicantPersonalNumber: personalNumber } : {}),
      ...(request.draftId ? { draft: { id: request.draftId, required: true } } : {}),
    });
    return made!;
  }

  /** The definition version a request names; 404 otherwise. */
  async definition(serviceId: string, version: number, lang: Language): Promise<ServiceDefinition> {
    const definition = await this.definitions.version(serviceId, version);
    if (!definition) {
      throw new ProblemError(
        problem(404, 'service-not-found', lang === 'en' ? 'E-service not found' : 'E-tjänsten finns inte', `${serviceId} v${version}`),
      );
    }
    return definition;
  }

  /** The beforeCreate hook, then the form engine's check: the answers to store, or 400 with a field error each. */
  async prepare(definition: ServiceDefinition, answers: Answers, personalNumber: string | undefined, lang: Language): Promise<Answers> {
    const hooked = await this.beforeCreate(definition, answers, personalNumber, lang);
    const { values, errors } = validateAnswers(definition, hooked.answers, hooked.facts ? { facts: hooked.facts } : {});
    if (errors.length > 0) {
      throw new ProblemError(
        problem(400, 'validation', lang === 'en' ? 'Some answers need correcting' : 'Några svar behöver rättas',
          undefined,
          errors.map((error) => ({ path: error.path, code: error.code, message: errorMessage(error, definition, lang) })),
        ),
      );
    }
    return values;
  }

  /**
   * Makes one case in one transaction: its number, the row, the idempotency row, the claimed
   * attachments (and the hooks' work). Used by submit and by a signing's completion. Returns
   * undefined when `hooks.claim` said no.
   */
  async create(input: NewCase, hooks: CreateHooks = {}): Promise<SubmitResult | undefined> {
    const { definition, values, lang, idempotencyKey, requestHash, applicantPersonalNumber, draft } = input;
    const scope = idempotencyScope(applicantPersonalNumber);
    const receiptToken = randomBytes(32).toString('base64url');
    // Its year's sequence, made outside the case's transaction if it is the year's first case.
    const submittedAt = this.now();
    const year = stockholmYear(submittedAt);
    const sequence = await this.numbers.sequence(definition.caseNumberPrefix, year);
    try {
      const response = await this.db.transaction(async (tx) => {
        if (hooks.claim && !(await hooks.claim(tx))) throw new NotClaimed();
        const caseId = randomUUID();
        // Numbered near the end (numberCase): until then the row holds a stand-in that no other transaction ever sees.
        const unnumbered = `${UNNUMBERED}${caseId}`;
        await tx.query(
          `INSERT INTO cases (id, case_number, service_id, service_version, municipality_id, status, lang, answers,
                              receipt_token_hash, submitted_at, applicant_personal_number, updated_at)
           VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7, $8, $9, $10, $9)`,
          [caseId, unnumbered, definition.id, definition.version, definition.municipality.id, lang,
            JSON.stringify(values), sha256(receiptToken), submittedAt.toISOString(), applicantPersonalNumber ?? null],
        );
        await recordStatus(tx, caseId, 'submitted', 'citizen', submittedAt);
        await claimOnePerPerson(tx, definition, applicantPersonalNumber, caseId, lang);
        if (draft && applicantPersonalNumber) {
          await takeDraft(tx, draft.id, applicantPersonalNumber, definition.id, lang, draft.required);
        }
        await hooks.record?.(tx, caseId, submittedAt);
        const receipt = toReceipt(caseId, unnumbered, submittedAt, definition);
        await tx.query(
          `INSERT INTO idempotency_keys (scope, key, request_hash, case_id, response) VALUES ($1, $2, $3, $4, $5)`,
          [scope, idempotencyKey, requestHash, caseId, JSON.stringify({ receipt, receiptToken } satisfies SubmitCaseResponse)],
        );
        // After the key: a concurrent retry waits on it and returns this case instead of finding the files taken.
        await claimAttachments(tx, definition, values, caseId, submittedAt, lang, applicantPersonalNumber);
        // Numbered after everything that may refuse the case (a refused one would leave a gap in the numbers).
        const caseNumber = await numberCase(tx, sequence, { caseId, scope, idempotencyKey }, definition.caseNumberPrefix, year);
        // Sent now, unless it waits for others to sign: then it is told when they have. The receipt names the number.
        if (!input.waitsForCosigners) await queueCaseSent(tx, caseId, submittedAt, this.outbox);
        const response: SubmitCaseResponse = { receipt: { ...receipt, caseNumber }, receiptToken };
        return response;
      });
      return { response, created: true };
    } catch (error) {
      if (error instanceof NotClaimed) return undefined;
      // Two requests with one key at the same moment: the loser returns the winner's case.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        const winner = await this.replay(scope, idempotencyKey, requestHash, lang);
        if (winner) return { response: winner, created: false };
      }
      throw error;
    }
  }

  /** The first answer given for this key in this scope; 422 when the key was used for another body. */
  async replay(scope: string, key: string, requestHash: string, lang: Language): Promise<SubmitCaseResponse | undefined> {
    const { rows } = await this.db.query<{ request_hash: string; response: SubmitCaseResponse }>(
      `SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.request_hash !== requestHash) throw new ProblemError(keyReused(lang));
    return row.response;
  }

  /** The receipt, for whoever holds its token; anyone else learns not even that the case exists. */
  async receipt(caseNumber: string, token: string): Promise<CaseReceipt | undefined> {
    const { rows } = await this.db.query<CaseRow & { status: string; cosign_deadline: Date | string | null }>(
      `SELECT c.id, c.case_number, c.service_id, c.submitted_at, c.receipt_token_hash, c.status, d.definition,
              (SELECT max(r.deadline) FROM cosign_requests r WHERE r.case_id = c.id) AS cosign_deadline
         FROM cases c JOIN service_definitions d
           ON d.service_id = c.service_id AND d.version = c.service_version
        WHERE c.case_number = $1`,
      [caseNumber],
    );
    const row = rows[0];
    if (!row || !sameHash(row.receipt_token_hash, sha256(token))) return undefined;
    const receipt = toReceipt(row.id, row.case_number, new Date(row.submitted_at), row.definition);
    // Fetched again while the others have not signed: the same "waiting" receipt as when it was signed.
    if (row.status === 'awaitingCosign' && row.cosign_deadline && row.definition.cosigning) {
      return awaitingReceipt({ receipt, receiptToken: token }, row.definition.cosigning.who, new Date(row.cosign_deadline)).receipt;
    }
    return receipt;
  }
}

/** The case number a case holds until numberCase, at the end of its transaction, gives it its own. */
const UNNUMBERED = 'unnumbered:';

function toReceipt(caseId: string, caseNumber: string, submittedAt: Date, definition: ServiceDefinition): CaseReceipt {
  return {
    caseId,
    caseNumber,
    serviceId: definition.id,
    serviceTitle: definition.title,
    municipality: definition.municipality.name,
    submittedAt: submittedAt.toISOString(),
    title: definition.receipt.title,
    text: definition.receipt.text,
  };
}


export function loginRequired(lang: Language) {
  return problem(401, 'login-required', lang === 'en' ? 'Log in to use this e-service' : 'Logga in för att använda e-tjänsten');
}



function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

