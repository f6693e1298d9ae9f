import { randomBytes, randomUUID } from 'node:crypto';
import { viewForm } from '../../src/forms/visibility.js';
import { endingOutcome } from '../../src/forms/outcomes.js';
import { evaluate } from '../../src/forms/conditions.js';
import { checkPersonAllowed } from './person-allowed.js';
import type { Answers, CaseReceipt, SubmitCaseRequest, SubmitCaseResponse } from '../../src/contract/cases.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { CasePayment } from '../../src/contract/payments.js';
import { UUID } from '../../src/contract/patterns.js';
import type { Language } from '../../src/contract/text.js';
import { errorMessage } from '../../src/forms/messages.js';
import type { FormFacts } from '../../src/forms/conditions.js';
import { validateAnswers } from '../../src/forms/validate.js';
import { feeFor, type FeeDue } from '../../src/forms/fees.js';
import { claimAttachments } from '../attachments/service.js';
import { problem, ProblemError } from '../problem.js';
import type { Database, Queryable } from '../store/database.js';
import { CaseNumbers, caseNumberSql, prefixYearOf } from './case-numbers.js';
import type { DefinitionStore } from './definitions.js';
import { checkOwnDraft, takeDraft } from './drafts.js';
import { checkNotUsed, claimOnePerPerson } from './once-per-person.js';
import { awaitingReceipt } from '../cosigning/receipt.js';
import { casePayment, paidPaymentSql, type PaidPayment } from '../payments/case-payment.js';
import { idempotencyScope, keyReused, requestHashOf, sameHash, sha256 } from './idempotency.js';
import { caseSentParts, NO_WEBHOOKS, type Bind, type CaseSentOutbox } from '../outbox/case-sent.js';
import { stockholmYear } from '../stockholm-time.js';
import type { CompanyRegister } from '../companies/register.js';
import { type ApplicantCompany, checkCompany } from '../companies/service.js';
import type { CompanyChoice } from '../../src/contract/companies.js';

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
  /** The company register, for e-services whose applicants are companies (server/companies/). */
  companies?: CompanyRegister;
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
  /** The e-ID they logged in with ('bankid', 'freja', 'telia', 'eidas') and its level of assurance, as the session says. */
  applicantEid?: { eid: string; loa?: string | undefined } | undefined;
  /**
   * The applicant's draft this case continues: deleted in the case's transaction. `required`: a
   * draft that is gone stops the case (404 draft-not-found); a signing's completion makes the
   * case anyway.
   */
  draft?: { id: string; required: boolean };
  /** The case waits for others to sign (the hooks make it awaitingCosign): it is told as sent only when they have. */
  waitsForCosigners?: boolean;
  /** A company's case: the company, as the register named it when it was checked. */
  company?: ApplicantCompany | undefined;
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
  private readonly companies: CompanyRegister | undefined;

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
    this.companies = opts.companies;
  }

  /** The company a request names, checked against the company register (server/companies/service.ts); undefined for a private person. */
  async applicantCompany(definition: ServiceDefinition, choice: CompanyChoice | undefined, personalNumber: string | undefined, lang: Language): Promise<ApplicantCompany | undefined> {
    return checkCompany(this.companies, definition, choice, personalNumber, lang);
  }

  /**
   * POST /api/cases. With a session (`applicant`), the case records the person and the
   * Idempotency-Key lives in that person's own key space.
   */
  async submit(
    request: SubmitCaseRequest, idempotencyKey: string, lang: Language,
    applicant?: { personalNumber: string; eid?: string | undefined; loa?: string | undefined } | null,
  ): Promise<SubmitResult> {
    const personalNumber = applicant?.personalNumber;
    const requestHash = requestHashOf(request);
    let input: NewCase;
    try {
      input = await this.checked(request, idempotencyKey, requestHash, personalNumber, lang);
    } catch (error) {
      // Not looked up before: a new key (nearly every request) finds nothing, and a key in use is found by the
      // case's own first statement. Only here, where a retry of a case made already may be refused (its draft
      // taken, its e-service used once), is the first case the answer instead.
      const replay = await this.replay(idempotencyScope(personalNumber), idempotencyKey, requestHash, lang);
      if (replay) return { response: replay, created: false };
      throw error;
    }
    if (applicant?.eid) input.applicantEid = { eid: applicant.eid, loa: applicant.loa };
    return (await this.create(input))!;
  }

  /** Everything that may refuse a submitted case before it is made: the case to make, or a ProblemError. */
  private async checked(
    request: SubmitCaseRequest, idempotencyKey: string, requestHash: string, personalNumber: string | undefined, lang: Language,
  ): Promise<NewCase> {
    const definition = await this.definition(request.serviceId, request.serviceVersion, lang);
    if (definition.login === 'required' && !personalNumber) throw new ProblemError(loginRequired(lang));
    checkPersonAllowed(definition, personalNumber, lang);
    if (definition.signing === 'sign') {
      throw new ProblemError(
        problem(409, 'signing-required',
          lang === 'en' ? 'This e-service must be signed with BankID' : 'E-tjänsten måste skrivas under med BankID',
          'Send it through POST /api/signatures.'),
      );
    }
    if (request.draftId) await checkOwnDraft(this.db, request.draftId, personalNumber, definition.id, this.now(), lang);
    const company = await this.applicantCompany(definition, request.company, personalNumber, lang);
    await checkNotUsed(this.db, definition, onePerKey(personalNumber, company), lang, { now: this.now(), answers: request.answers });
    const values = await this.prepare(definition, request.answers, personalNumber, lang);
    return {
      definition, values, lang: request.lang, idempotencyKey, requestHash, company,
      ...(personalNumber ? { applicantPersonalNumber: personalNumber } : {}),
      ...(request.draftId ? { draft: { id: request.draftId, required: true } } : {}),
    };
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
    const lookup = viewForm(definition, hooked.answers, hooked.facts).lookup;
    const ended = endingOutcome(definition, (condition) => evaluate(condition, lookup, hooked.facts));
    if (ended) {
      // The form ends here for the citizen (not eligible): no case is made of it, whatever the browser sent.
      throw new ProblemError(problem(409, 'not-eligible', ended.title[lang], lang === 'en' ? 'The answers end this e-service: it cannot be sent.' : 'Svaren avslutar e-tjänsten: den kan inte skickas.'));
    }
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
   * Makes one case: its Idempotency-Key, the row and its first status, the claimed attachments (and the hooks'
   * work), its number, its receipt and webhook delivery — all stored or none. Used by submit and by a signing's
   * completion. A case with nothing that may refuse it after its key (no hooks, draft, once-per-person claim or
   * files) is one statement, one round trip; any other is a transaction of its first and last statements with
   * that work between. Returns undefined when `hooks.claim` said no; the first case when the key was used.
   */
  async create(input: NewCase, hooks: CreateHooks = {}): Promise<SubmitResult | undefined> {
    const { definition, applicantPersonalNumber, idempotencyKey, requestHash, lang } = input;
    const scope = idempotencyScope(applicantPersonalNumber);
    const submittedAt = this.now();
    const year = stockholmYear(submittedAt);
    // Its year's sequence, made outside the case's statements if it is the year's first case.
    const sequence = await this.numbers.sequence(definition.caseNumberPrefix, year);
    const caseId = randomUUID();
    // The number is drawn last: until then the row holds a stand-in that no other transaction ever sees.
    const unnumbered = `${UNNUMBERED}${caseId}`;
    const receiptToken = randomBytes(32).toString('base64url');
    // Worked out here from the checked answers, whatever the browser showed: a case that costs nothing is sent at once.
    const fee = feeFor(definition, input.values);
    const due = fee && fee.amount > 0 ? fee : undefined;
    const made: Made = {
      input, caseId, unnumbered, submittedAt, receiptToken, prefixYear: prefixYearOf(definition.caseNumberPrefix, year), sequence,
      receipt: toReceipt(caseId, unnumbered, submittedAt, definition, due && dueReceipt(definition, due)), due,
    };
    let caseNumber: string | undefined;
    try {
      caseNumber = refusableAfterKey(input, hooks) ? await this.inTransaction(made, hooks) : await this.inOneStatement(made);
    } catch (error) {
      if (error instanceof NotClaimed) return undefined;
      if (!(error instanceof KeyInUse)) throw error;
    }
    if (caseNumber === undefined) {
      // The key is another request's (a retry, or two at the same moment): it waited for that one, and returns its case.
      const first = await this.replay(scope, idempotencyKey, requestHash, lang);
      if (!first) throw new Error('the Idempotency-Key is in use, yet holds no case');
      return { response: first, created: false };
    }
    return { response: { receipt: { ...made.receipt, caseNumber }, receiptToken }, created: true };
  }

  /** The whole case as one statement (so one round trip, and no BEGIN and COMMIT): its number, or undefined when the key is in use. */
  private async inOneStatement(made: Made): Promise<string | undefined> {
    const { params, bind } = binder();
    const parts = [
      ...keyAndCase(made, bind, (kept) => `drawn AS (SELECT case_id, nextval(${bind(made.sequence)}) AS n FROM ${kept}),
     numbered AS (SELECT case_id AS id, ${caseNumberSql(bind(made.prefixYear), 'n')} AS case_number FROM drawn)`),
      ...(made.input.waitsForCosigners || made.due ? [] : await this.caseSent(this.db, made, bind)),
    ];
    const { rows } = await this.db.query<{ case_number: string }>(withParts(parts, 'SELECT case_number FROM made'), params);
    return rows[0]?.case_number;
  }

  /** The case in a transaction, with the work that may refuse it between its first statement and its last. */
  private async inTransaction(made: Made, hooks: CreateHooks): Promise<string> {
    const { input, caseId, submittedAt, unnumbered } = made;
    const { definition, values, lang, applicantPersonalNumber, draft } = input;
    return this.db.transaction(async (tx) => {
      if (hooks.claim && !(await hooks.claim(tx))) throw new NotClaimed();
      // The key first: a concurrent retry waits on it and returns this case instead of being refused by this one.
      const first = binder();
      const inserted = await tx.query(
        withParts(
          keyAndCase(made, first.bind, (kept) => `numbered AS (SELECT case_id AS id, ${first.bind(unnumbered)} AS case_number FROM ${kept})`),
          'SELECT id FROM made'),
        first.params,
      );
      if (inserted.rows.length === 0) throw new KeyInUse();
      await claimOnePerPerson(tx, definition, onePerKey(applicantPersonalNumber, input.company), caseId, lang);
      if (draft && applicantPersonalNumber) {
        await takeDraft(tx, draft.id, applicantPersonalNumber, definition.id, lang, draft.required);
      }
      await hooks.record?.(tx, caseId, submittedAt);
      // After the key: a concurrent retry waits on it and returns this case instead of finding the files taken.
      await claimAttachments(tx, definition, values, caseId, submittedAt, lang, applicantPersonalNumber);
      // Numbered after everything that may refuse the case (a refused one would leave a gap in the numbers),
      // in one statement with its receipt, which names the number.
      const last = binder();
      const parts = [
        `numbered AS (
     UPDATE cases SET case_number = ${caseNumberSql(last.bind(made.prefixYear), 'n')}
       FROM nextval(${last.bind(made.sequence)}) AS n WHERE cases.id = ${last.bind(caseId)}
     RETURNING cases.id, cases.case_number)`,
        ...(input.waitsForCosigners || made.due ? [] : await this.caseSent(tx, made, last.bind)),
      ];
      const { rows } = await tx.query<{ case_number: string }>(withParts(parts, 'SELECT case_number FROM numbered'), last.params);
      return rows[0]!.case_number;
    });
  }

  /** Sent now, unless it waits for others to sign (then it is told when they have): its receipt and webhook, as parts of the numbering statement. */
  private caseSent(db: Queryable, made: Made, bind: Bind): Promise<string[]> {
    const { input, caseId, unnumbered, submittedAt } = made;
    const held = {
      id: caseId, caseNumber: unnumbered, lang: input.lang, answers: input.values, submittedAt, definition: input.definition,
      applicantPersonalNumber: input.applicantPersonalNumber ?? null,
    };
    return caseSentParts(db, held, submittedAt, this.outbox, bind, 'numbered');
  }

  /**
   * The first answer given for this key in this scope; 422 when the key was used for another body. The answer
   * is kept as it was made, before the case had its number (drawn in the same statement): the number is the case's.
   */
  async replay(scope: string, key: string, requestHash: string, lang: Language): Promise<SubmitCaseResponse | undefined> {
    const { rows } = await this.db.query<{ request_hash: string; response: SubmitCaseResponse; case_number: string }>(
      `SELECT k.request_hash, k.response, c.case_number
         FROM idempotency_keys k JOIN cases c ON c.id = k.case_id
        WHERE k.scope = $1 AND k.key = $2`,
      [scope, key],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.request_hash !== requestHash) throw new ProblemError(keyReused(lang));
    return { ...row.response, receipt: { ...row.response.receipt, caseNumber: row.case_number } };
  }

  /** The receipt, for whoever holds its token; anyone else learns not even that the case exists. */
  async receipt(caseNumber: string, token: string): Promise<CaseReceipt | undefined> {
    const row = await this.#receiptRow('c.case_number = $1', [caseNumber]);
    if (!row || !sameHash(row.receipt_token_hash, sha256(token))) return undefined;
    return this.#toReceipt(row, token);
  }

  /**
   * The receipt of a case the logged-in citizen sent, by its id: how Mina sidor's "Betala" finds a case
   * to pay later, with no receipt token (that stayed with the tab that sent it). Anyone else's: undefined.
   */
  async ownReceipt(caseId: string, personalNumber: string): Promise<CaseReceipt | undefined> {
    if (!UUID.test(caseId)) return undefined;
    const row = await this.#receiptRow('c.id = $1 AND c.applicant_personal_number = $2', [caseId, personalNumber]);
    return row && this.#toReceipt(row);
  }

  async #receiptRow(where: string, params: unknown[]): Promise<ReceiptRow | undefined> {
    const { rows } = await this.db.query<ReceiptRow>(
      `SELECT c.id, c.case_number, c.service_id, c.submitted_at, c.receipt_token_hash, c.status, d.definition, c.fee,
              (SELECT max(r.deadline) FROM cosign_requests r WHERE r.case_id = c.id) AS cosign_deadline, ${paidPaymentSql('c')} AS paid
         FROM cases c JOIN service_definitions d
           ON d.service_id = c.service_id AND d.version = c.service_version
        WHERE ${where}`,
      params,
    );
    return rows[0];
  }

  #toReceipt(row: ReceiptRow, token = ''): CaseReceipt {
    const receipt = toReceipt(row.id, row.case_number, new Date(row.submitted_at), row.definition, casePayment(row.definition, row.fee, row.paid, row.status));
    // Fetched again while the others have not signed: the same "waiting" receipt as when it was signed.
    if (row.status === 'awaitingCosign' && row.cosign_deadline && row.definition.cosigning) {
      return awaitingReceipt({ receipt, receiptToken: token }, row.definition.cosigning.who, new Date(row.cosign_deadline)).receipt;
    }
    return receipt;
  }
}

/** A case as its receipt shows it. */
type ReceiptRow = CaseRow & { status: string; cosign_deadline: Date | string | null; fee: FeeDue | null; paid: PaidPayment | null };

/**
 * Whose one case `onePerPerson` counts: the person's — or, for a company's case, the company's (one case per company,
 * whichever of its signatories sends it), under a key no personnummer or foreign e-ID key can take.
 */
export function onePerKey(personalNumber: string | undefined, company: { organisationNumber: string } | undefined): string | undefined {
  return company ? `org:${company.organisationNumber}` : personalNumber;
}

/** The case number a case holds until its last statement gives it its own. */
const UNNUMBERED = 'unnumbered:';

/** What create makes, as both ways of making it need it. */
interface Made {
  input: NewCase;
  caseId: string;
  unnumbered: string;
  submittedAt: Date;
  receiptToken: string;
  /** The answer to the request, with the stand-in for the number; kept so for the Idempotency-Key (see replay). */
  receipt: CaseReceipt;
  prefixYear: string;
  sequence: string;
  /** What the case costs, when it costs anything: it waits for the payment (awaitingPayment) and is told as sent when paid. */
  due: FeeDue | undefined;
}

/** The key's request is another's (ON CONFLICT DO NOTHING found it): the transaction is rolled back. */
class KeyInUse extends Error {}

/**
 * Whether anything may refuse the case after its Idempotency-Key is in: the hooks, a draft to take, a once-per-person
 * claim, files to claim. Files as claimAttachments finds them: any file question answered.
 */
function refusableAfterKey(input: NewCase, hooks: CreateHooks): boolean {
  const { definition, values, applicantPersonalNumber, draft } = input;
  return Boolean(hooks.claim || hooks.record || (draft && applicantPersonalNumber)
    || (definition.onePerPerson && applicantPersonalNumber)
    || definition.steps.some((step) => step.fields.some((field) => {
      const answer = values[field.id];
      return field.type === 'file' && Array.isArray(answer) && answer.length > 0;
    })));
}

/** One statement of data-modifying parts (`name AS (…)`) and the query that ends it. */
function withParts(parts: string[], query: string): string {
  return `WITH ${parts.join(',\n     ')}\n     ${query}`;
}

/** The statement's parameters, and `bind`, which adds one and returns its placeholder. */
function binder(): { params: unknown[]; bind: Bind } {
  const params: unknown[] = [];
  return { params, bind: (value) => { params.push(value); return `$${params.length}`; } };
}

/**
 * The statement's first parts: the Idempotency-Key (`kept`, empty when the key is another request's, and then
 * nothing else is made), `numbered` (from `numberedOf(kept)`: the case's id and number), the case row (`made`)
 * and its first status.
 */
function keyAndCase(made: Made, bind: Bind, numberedOf: (kept: string) => string): string[] {
  const { input, caseId, submittedAt, receiptToken, receipt, due } = made;
  const { definition, values, lang, idempotencyKey, requestHash, applicantPersonalNumber } = input;
  const at = bind(submittedAt.toISOString());
  const status = bind(due ? 'awaitingPayment' : 'submitted');
  return [
    `kept AS (
     INSERT INTO idempotency_keys (scope, key, request_hash, case_id, response)
     VALUES (${bind(idempotencyScope(applicantPersonalNumber))}, ${bind(idempotencyKey)}, ${bind(requestHash)}, ${bind(caseId)}::uuid,
             ${bind(JSON.stringify({ receipt, receiptToken } satisfies SubmitCaseResponse))}::jsonb)
     ON CONFLICT (scope, key) DO NOTHING RETURNING case_id)`,
    numberedOf('kept'),
    `made AS (
     INSERT INTO cases (id, case_number, service_id, service_version, municipality_id, status, lang, answers,
                        receipt_token_hash, submitted_at, applicant_personal_number, updated_at, fee, applicant_eid, applicant_loa,
                        organisation_number, organisation_name)
     SELECT id, case_number, ${bind(definition.id)}, ${bind(definition.version)}::integer, ${bind(definition.municipality.id)}, ${status},
            ${bind(lang)}, ${bind(JSON.stringify(values))}::jsonb, ${bind(sha256(receiptToken))}, ${at}::timestamptz,
            ${bind(applicantPersonalNumber ?? null)}, ${at}::timestamptz, ${bind(due ? JSON.stringify(due) : null)}::jsonb,
            ${bind(input.applicantEid?.eid ?? null)}, ${bind(input.applicantEid?.loa ?? null)},
            ${bind(input.company?.organisationNumber ?? null)}, ${bind(input.company?.name ?? null)}
       FROM numbered
     RETURNING id, case_number)`,
    // As recordStatus writes it (a first status is never 'closed', so nothing more).
    `history AS (INSERT INTO case_status_history (case_id, status, at, changed_by) SELECT id, ${status}, ${at}::timestamptz, 'citizen' FROM made)`,
  ];
}

/** A case's payment before it is paid: what it costs and how it may be paid. */
export function dueReceipt(definition: ServiceDefinition, fee: FeeDue): CasePayment {
  return { state: 'due', fee, methods: definition.fee?.methods ?? ['card', 'swish'] };
}

export function toReceipt(caseId: string, caseNumber: string, submittedAt: Date, definition: ServiceDefinition, payment?: CasePayment): CaseReceipt {
  return {
    ...(payment ? { payment } : {}),
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

