import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { CaseReceipt, SubmitCaseRequest, SubmitCaseResponse } from '../../src/contract/cases.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { Language } from '../../src/contract/text.js';
import { errorMessage } from '../../src/forms/messages.js';
import { validateAnswers } from '../../src/forms/validate.js';
import { claimAttachments } from '../attachments/service.js';
import { problem, ProblemError } from '../problem.js';
import type { Database, Queryable } from '../store/database.js';
import type { DefinitionStore } from './definitions.js';

const UNIQUE_VIOLATION = '23505';
const ANONYMOUS_SCOPE = 'anonymous';

export interface SubmitResult {
  response: SubmitCaseResponse;
  /** False when the Idempotency-Key was seen before and the first case is returned. */
  created: boolean;
}

interface CaseRow {
  id: string;
  case_number: string;
  service_id: string;
  submitted_at: Date | string;
  receipt_token_hash: string;
  definition: ServiceDefinition;
}

export class CaseService {
  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async submit(request: SubmitCaseRequest, idempotencyKey: string, lang: Language): Promise<SubmitResult> {
    const requestHash = sha256(canonicalJson(request));
    const replay = await this.replay(idempotencyKey, requestHash, lang);
    if (replay) return { response: replay, created: false };

    const definition = await this.definitions.version(request.serviceId, request.serviceVersion);
    if (!definition) {
      throw new ProblemError(
        problem(404, 'service-not-found', lang === 'en' ? 'E-service not found' : 'E-tjänsten finns inte',
          `${request.serviceId} v${request.serviceVersion}`),
      );
    }
    // Optional login: anyone may send; sessions (and so "required") arrive with e-ID.
    if (definition.login === 'required') {
      throw new ProblemError(
        problem(401, 'login-required', lang === 'en' ? 'Log in to use this e-service' : 'Logga in för att använda e-tjänsten'),
      );
    }

    const { values, errors } = validateAnswers(definition, request.answers);
    if (errors.length > 0) {
      throw new ProblemError(
        problem(400, 'validation', lang === 'en' ? 'Some answers need correcting' : 'Några svar behöver rättas',
          undefined,
          errors.map((error) => ({ path: error.path, code: error.code, message: errorMessage(error, definition, lang) })),
        ),
      );
    }

    const receiptToken = randomBytes(32).toString('base64url');
    try {
      const response = await this.db.transaction(async (tx) => {
        const submittedAt = this.now();
        const caseId = randomUUID();
        const caseNumber = await nextCaseNumber(tx, definition.caseNumberPrefix, submittedAt);
        await tx.query(
          `INSERT INTO cases (id, case_number, service_id, service_version, municipality_id, status, lang, answers,
                              receipt_token_hash, submitted_at)
           VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7, $8, $9)`,
          [caseId, caseNumber, definition.id, definition.version, definition.municipality.id, request.lang,
            JSON.stringify(values), sha256(receiptToken), submittedAt.toISOString()],
        );
        const response: SubmitCaseResponse = {
          receipt: toReceipt(caseId, caseNumber, submittedAt, definition),
          receiptToken,
        };
        await tx.query(
          `INSERT INTO idempotency_keys (scope, key, request_hash, case_id, response) VALUES ($1, $2, $3, $4, $5)`,
          [ANONYMOUS_SCOPE, idempotencyKey, requestHash, caseId, JSON.stringify(response)],
        );
        // After the key: a concurrent retry waits on it and returns this case instead of finding the files taken.
        await claimAttachments(tx, definition, values, caseId, submittedAt, lang);
        return response;
      });
      return { response, created: true };
    } catch (error) {
      // Two requests with one key at the same moment: the loser returns the winner's case.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        const winner = await this.replay(idempotencyKey, requestHash, lang);
        if (winner) return { response: winner, created: false };
      }
      throw error;
    }
  }

  private async replay(key: string, requestHash: string, lang: Language): Promise<SubmitCaseResponse | undefined> {
    const { rows } = await this.db.query<{ request_hash: string; response: SubmitCaseResponse }>(
      `SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [ANONYMOUS_SCOPE, key],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.request_hash !== requestHash) {
      throw new ProblemError(
        problem(422, 'idempotency-key-reused',
          lang === 'en' ? 'The Idempotency-Key was already used for other answers' : 'Idempotency-Key har redan använts för andra svar',
          'Send a new Idempotency-Key with each new submission.'),
      );
    }
    return row.response;
  }

  /** The receipt, for whoever holds its token; anyone else learns not even that the case exists. */
  async receipt(caseNumber: string, token: string): Promise<CaseReceipt | undefined> {
    const { rows } = await this.db.query<CaseRow>(
      `SELECT c.id, c.case_number, c.service_id, c.submitted_at, c.receipt_token_hash, d.definition
         FROM cases c JOIN service_definitions d
           ON d.service_id = c.service_id AND d.version = c.service_version
        WHERE c.case_number = $1`,
      [caseNumber],
    );
    const row = rows[0];
    if (!row || !sameHash(row.receipt_token_hash, sha256(token))) return undefined;
    return toReceipt(row.id, row.case_number, new Date(row.submitted_at), row.definition);
  }
}

async function nextCaseNumber(tx: Queryable, prefix: string, at: Date): Promise<string> {
  const year = Number(new Intl.DateTimeFormat('sv-SE', { year: 'numeric', timeZone: 'Europe/Stockholm' }).format(at));
  const { rows } = await tx.query<{ last_value: number }>(
    `INSERT INTO case_number_counters (prefix, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (prefix, year) DO UPDATE SET last_value = case_number_counters.last_value + 1
     RETURNING last_value`,
    [prefix, year],
  );
  return `${prefix}-${year}-${String(rows[0]!.last_value).padStart(5, '0')}`;
}

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

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** JSON with sorted keys, so the same answers in another order hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
