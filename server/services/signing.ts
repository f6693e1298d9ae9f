import type { Answers, SubmitCaseResponse } from '../../src/contract/cases.js';
import { checkPersonAllowed } from './person-allowed.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import type { SigningState, StartSigningRequest, StartSigningResponse } from '../../src/contract/signing.js';
import type { Language } from '../../src/contract/text.js';
import { checkAttachments } from '../attachments/service.js';
import type { CompletionData } from '../eid/bankid-client.js';
import type { CosignService } from '../cosigning/service.js';
import type { BankIdOrders } from '../eid/orders.js';
import { orderProgress } from '../eid/progress.js';
import { problem, ProblemError } from '../problem.js';
import type { Database } from '../store/database.js';
import { type CaseService, onePerKey } from './cases.js';
import { idempotencyScope, keyReused, requestHashOf } from './idempotency.js';
import { answersDigest, PERSON_MISMATCH, type Signer, signingText } from './signature-text.js';
import { checkOwnDraft } from './drafts.js';
import { checkNotUsed } from './once-per-person.js';
import { withSigningKey } from './signing-keys.js';
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../store/database.js';
import type { ApplicantCompany } from '../companies/service.js';

/**
 * Signing a case with BankID (see src/contract/signing.ts). The answers are checked exactly as
 * for a plain submission and kept in `signings` (migration 005) while a BankID sign order runs
 * that only the logged-in person can complete (requirement.personalNumber). The first poll that
 * sees the order complete makes the case through CaseService.create — one transaction, guarded
 * by the signing row, so two polls at once still make one case — and stores BankID's signature,
 * OCSP response and completion data in `case_signatures`.
 */


/**
 * Signing through the e-ID broker (server/eid/oidc/signing.ts): for a citizen logged in with Freja eID, Telia or
 * eIDAS, the signature is a round trip to the broker's page instead of a BankID order.
 */
export interface BrokerSigner {
  /** Whether the e-ID a session was made with signs through the broker. */
  signs(eid: string): boolean;
  /** Starts the round trip for the signing `orderRef` (in its transaction): the broker's page to send the citizen to. */
  begin(tx: Queryable, trip: BrokerSigningTrip): Promise<string>;
}

export interface BrokerSigningTrip {
  orderRef: string;
  eid: string;
  personalNumber: string;
  /** The text the e-ID shows, in Swedish and English (plain text), and the data signed. */
  message: { sv: string; en: string };
  tbsData: string;
  /** The page the citizen comes back to, and the browser binding (esk_eid) the answer must come back in. */
  returnUrl: string;
  binding: string;
  /** For the words of a refusal (the broker cannot be reached). */
  lang: Language;
}

/** What the broker answered, kept on the signing until its page asks (signings.broker_signature). */
export interface BrokerSignatureRecord {
  personalNumber: string;
  name: string;
  givenName: string;
  surname: string;
  userSignature: string;
  idToken: string;
  signedAt: string;
  loa?: string | undefined;
  authnProvider?: string | undefined;
  /** A foreign e-ID's country (ISO 3166-1 alpha-2), as the broker named it. */
  country?: string | undefined;
}

export interface SigningServiceOptions {
  db: Database;
  cases: CaseService;
  orders: BankIdOrders;
  now?: () => Date;
  /** Where to say that someone other than the citizen signed (the route's logger). */
  onMismatch?: (orderRef: string) => void;
  /** Flerpartssignering: for an e-service with `cosigning`, the case waits (awaitingCosign) for the others. */
  cosigning?: Pick<CosignService, 'plan' | 'begin' | 'receiptFor'>;
  /** Signing through the e-ID broker, for citizens logged in with one of its e-IDs. */
  broker?: BrokerSigner;
}

interface SigningRow {
  order_ref: string;
  personal_number: string;
  service_id: string;
  service_version: number;
  lang: Language;
  method: 'sameDevice' | 'otherDevice' | 'broker';
  answers: Answers | string;
  user_visible_data: string;
  auto_start_token: string;
  idempotency_key: string;
  request_hash: string;
  refused_at: Date | string | null;
  case_id: string | null;
  /** The draft the case continues (deleted when the case is made). */
  draft_id: string | null;
  /** The e-ID the signer was logged in with when the signing started, and its level of assurance. */
  login_eid: string | null;
  login_loa: string | null;
  /** Signing through the broker: what it answered (NULL while the citizen is there). */
  broker_outcome: 'signed' | 'cancelled' | 'failed' | null;
  broker_signature: BrokerSignatureRecord | string | null;
  /** Signing through the broker: the broker's page the citizen was sent to. */
  authorization_url: string | null;
  created_at: Date | string;
  /** A company's case: the company as checked when the signing started (with the other signatory, when jointly). */
  company: ApplicantCompany | string | null;
}

const COLUMNS = `order_ref, personal_number, service_id, service_version, lang, method, answers, user_visible_data,
  auto_start_token, idempotency_key, request_hash, refused_at, case_id, draft_id, login_eid, login_loa, broker_outcome, broker_signature,
  authorization_url, created_at, company`;

/**
 * How long a signing at the broker may wait for its answer: the broker's round trip may take ten minutes (the
 * callback hears nothing later), and a minute more for the citizen's page to ask. Then it has failed.
 */
const BROKER_TRIP_MS = 11 * 60_000;

/** The hint of a signing the citizen cancelled at the broker (BankID's own word for it), and of one the broker failed. */
export const BROKER_CANCELLED = 'userCancel';
export const BROKER_FAILED = 'brokerFailed';


export class SigningService {
  readonly #db: Database;
  readonly #cases: CaseService;
  readonly #orders: BankIdOrders;
  readonly #now: () => Date;
  readonly #onMismatch: (orderRef: string) => void;
  readonly #cosigning: SigningServiceOptions['cosigning'];
  readonly #broker: BrokerSigner | undefined;

  constructor(options: SigningServiceOptions) {
    this.#broker = options.broker;
    this.#cosigning = options.cosigning;
    this.#db = options.db;
    this.#cases = options.cases;
    this.#orders = options.orders;
    this.#now = options.now ?? (() => new Date());
    this.#onMismatch = options.onMismatch ?? (() => undefined);
  }

  /** The definition a request names, or undefined (for the labels of a refused body's answers). */
  async definition(serviceId: string, version: number, lang: Language): Promise<ServiceDefinition | undefined> {
    return this.#cases.definition(serviceId, version, lang).catch(() => undefined);
  }

  /**
   * Starts signing, or — for an Idempotency-Key seen before with the same body — returns the
   * pending order (no second BankID order) or the case it already made. Requests with one key at
   * the same moment get one order: the key's row is held while the order is started and stored
   * (withSigningKey), and whoever waited for it returns that order. BankID's errors
   * (BankIdError, BankIdConnectionError) are thrown as they are.
   */
  async start(
    signer: Signer, request: StartSigningRequest, key: string, endUserIp: string, lang: Language, binding = '',
  ): Promise<{ response: StartSigningResponse; created: boolean }> {
    const { method } = request;
    this.#checkSigningEid(signer, request, lang);
    const requestHash = requestHashOf(request);
    const earlier = await this.#earlier(signer, key, requestHash, method, lang);
    if (earlier) return earlier;

    const definition = await this.#cases.definition(request.serviceId, request.serviceVersion, lang);
    if (definition.signing !== 'sign') {
      throw new ProblemError(problem(409, 'signing-not-used',
        lang === 'en' ? 'This e-service is sent without signing' : 'E-tjänsten skickas utan underskrift',
        'Send it with POST /api/cases.'));
    }
    checkPersonAllowed(definition, signer.personalNumber, lang);
    if (request.draftId) await checkOwnDraft(this.#db, request.draftId, signer.personalNumber, definition.id, this.#now(), lang);
    const company = await this.#cases.applicantCompany(definition, request.company, signer.personalNumber, lang);
    await checkNotUsed(this.#db, definition, onePerKey(signer.personalNumber, company), lang, { now: this.#now(), answers: request.answers });
    const values = await this.#cases.prepare(definition, request.answers, signer.personalNumber, lang);
    await checkAttachments(this.#db, definition, values, request.lang, signer.personalNumber);
    const userVisibleData = signingText(definition, signer, request.lang, this.#now(), company);

    const scope = idempotencyScope(signer.personalNumber);
    const started = await withSigningKey(this.#db, scope, key, this.#now(), async (tx) => {
      // Another request with the key held it a moment ago: its order (or its case) is the answer.
      const { rows } = await tx.query<SigningRow & { order_status: string | null }>(
        `SELECT ${COLUMNS.replace(/(\w+)/g, 's.$1')}, o.status AS order_status
           FROM signings s LEFT JOIN bankid_orders o ON o.order_ref = s.order_ref
          WHERE s.personal_number = $1 AND s.idempotency_key = $2
          ORDER BY s.created_at DESC LIMIT 1`,
        [signer.personalNumber, key],
      );
      const latest = rows[0];
      const waiting = latest && !latest.refused_at && (latest.order_status === 'pending' || this.#atBroker(latest));
      if (latest && (latest.case_id || waiting)) return undefined;
      if (method === 'broker') return this.#beginAtBroker(tx, definition, values, signer, request, key, requestHash, binding, company);
      const order = await this.#orders.startSign({
        endUserIp,
        userVisibleData,
        // Not shown, but signed: binds the signature to exactly the answers stored.
        userNonVisibleData: answersDigest(definition, values),
        requirement: { personalNumber: signer.personalNumber },
      }, tx);
      await tx.query(
        `INSERT INTO signings (order_ref, personal_number, service_id, service_version, lang, method, answers,
                               user_visible_data, auto_start_token, idempotency_key, request_hash, created_at, draft_id, login_eid, login_loa,
                               company)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [order.orderRef, signer.personalNumber, definition.id, definition.version, request.lang, method,
          JSON.stringify(values), userVisibleData, order.autoStartToken, key, requestHash, this.#now(), request.draftId ?? null,
          signer.eid ?? null, signer.loa ?? null, company ? JSON.stringify(company) : null],
      );
      return order;
    });
    if (started && 'authorizationUrl' in started) return { response: started, created: true };
    if (started) return { response: this.#started(started.orderRef, method, started.autoStartToken), created: true };
    const theirs = await this.#earlier(signer, key, requestHash, method, lang);
    if (!theirs) throw new Error(`signing key ${scope} has an order that is neither pending nor signed`);
    return theirs;
  }

  /**
   * What an Idempotency-Key already started: the case it made (also signed), or its pending order with the same
   * body (422 with another). Undefined when it started nothing yet, or only orders that failed or were cancelled.
   */
  async #earlier(
    signer: Signer, key: string, requestHash: string, method: StartSigningRequest['method'], lang: Language,
  ): Promise<{ response: StartSigningResponse; created: boolean } | undefined> {
    const done = await this.#cases.replay(idempotencyScope(signer.personalNumber), key, requestHash, lang);
    if (done) {
      const { rows } = await this.#db.query<{ order_ref: string }>(
        'SELECT order_ref FROM signings WHERE personal_number = $1 AND idempotency_key = $2 AND case_id IS NOT NULL',
        [signer.personalNumber, key],
      );
      // The key made a case without signing: not this request's to repeat.
      if (!rows[0]) throw new ProblemError(keyReused(lang));
      return { response: { orderRef: rows[0].order_ref, result: await this.#receipt(done) }, created: false };
    }

    const { rows: earlier } = await this.#db.query<SigningRow>(
      `SELECT ${COLUMNS} FROM signings
        WHERE personal_number = $1 AND idempotency_key = $2 AND case_id IS NULL AND refused_at IS NULL
        ORDER BY created_at DESC LIMIT 1`,
      [signer.personalNumber, key],
    );
    const previous = earlier[0];
    if (!previous) return undefined;
    const state = await this.#advance(previous, lang);
    if (state.status === 'complete' && state.result) {
      return { response: { orderRef: previous.order_ref, result: state.result }, created: false };
    }
    if (state.status !== 'pending') return undefined; // Failed or cancelled: a new order.
    if (previous.request_hash !== requestHash) throw new ProblemError(keyReused(lang));
    // The trip to the broker under way: the same page again (one trip, one signing). A BankID order and a trip to the
    // broker never stand in for each other.
    if (previous.method === 'broker' && method === 'broker') {
      return { response: { orderRef: previous.order_ref, authorizationUrl: previous.authorization_url! }, created: false };
    }
    if (previous.method === 'broker' || method === 'broker') throw new ProblemError(keyReused(lang));
    // The same order, opened the other way if the citizen switched (BankID takes either).
    if (previous.method !== method) {
      await this.#db.query('UPDATE signings SET method = $2 WHERE order_ref = $1', [previous.order_ref, method]);
    }
    return { response: this.#started(previous.order_ref, method, previous.auto_start_token), created: false };
  }

  /** Where the signing stands; makes the case when BankID says complete. 404 unless it is the signer's own. */
  async state(signer: Signer | null, orderRef: string, lang: Language): Promise<SigningState> {
    return this.#advance(await this.#own(signer, orderRef), lang);
  }

  /** Cancels the BankID order, or the trip to the broker. 404 unless it is the signer's own. */
  async cancel(signer: Signer | null, orderRef: string): Promise<void> {
    const row = await this.#own(signer, orderRef);
    if (row.method === 'broker') return void (await this.brokerAnswered(orderRef, 'cancelled'));
    await this.#orders.cancel(orderRef);
  }

  /**
   * The broker's answer to a signing, from its callback: kept until the citizen's page asks for the signing (which
   * makes the case). Only the first answer counts: a replayed callback changes nothing.
   */
  async brokerAnswered(orderRef: string, outcome: BrokerOutcome, signature?: BrokerSignatureRecord): Promise<void> {
    await recordBrokerAnswer(this.#db, orderRef, outcome, signature);
  }

  /**
   * A citizen logged in with an e-ID signs with it: BankID for a BankID login, the broker for its e-IDs — and one that
   * cannot sign (a broker e-ID the deployment does not sign with) is told so before anything is started.
   */
  #checkSigningEid(signer: Signer, request: StartSigningRequest, lang: Language): void {
    const eid = signer.eid ?? 'bankid';
    if (request.method === 'broker') {
      if (eid !== 'bankid' && this.#broker?.signs(eid) && request.returnUrl) return;
      throw eidMismatch(lang, request.returnUrl ? `The session was made with ${eid}, which does not sign through the broker.` : 'returnUrl is required for method "broker".');
    }
    if (eid !== 'bankid') throw eidMismatch(lang, `The session was made with ${eid}: sign with method "broker".`);
  }

  /** The round trip to the broker for a new signing, and the signing row that waits for its answer. */
  async #beginAtBroker(
    tx: Queryable, definition: ServiceDefinition, values: Answers, signer: Signer, request: StartSigningRequest,
    key: string, requestHash: string, binding: string, company: ApplicantCompany | undefined,
  ): Promise<StartSigningResponse & { authorizationUrl: string }> {
    const orderRef = randomUUID();
    const now = this.#now();
    const authorizationUrl = await this.#broker!.begin(tx, {
      orderRef,
      eid: signer.eid!,
      personalNumber: signer.personalNumber,
      message: { sv: plainText(signingText(definition, signer, 'sv', now, company)), en: plainText(signingText(definition, signer, 'en', now, company)) },
      tbsData: answersDigest(definition, values),
      returnUrl: request.returnUrl!,
      binding,
      lang: request.lang,
    });
    await tx.query(
      `INSERT INTO signings (order_ref, personal_number, service_id, service_version, lang, method, answers,
                             user_visible_data, auto_start_token, idempotency_key, request_hash, created_at, draft_id, login_eid, login_loa,
                             authorization_url, company)
       VALUES ($1, $2, $3, $4, $5, 'broker', $6, $7, '', $8, $9, $10, $11, $12, $13, $14, $15)`,
      [orderRef, signer.personalNumber, definition.id, definition.version, request.lang, JSON.stringify(values),
        plainText(signingText(definition, signer, request.lang, now, company)), key, requestHash, now, request.draftId ?? null,
        signer.eid ?? null, signer.loa ?? null, authorizationUrl, company ? JSON.stringify(company) : null],
    );
    return { orderRef, authorizationUrl };
  }

  #started(orderRef: string, method: 'sameDevice' | 'otherDevice' | 'broker', autoStartToken: string): StartSigningResponse {
    return method === 'sameDevice' ? { orderRef, autoStartToken } : { orderRef };
  }

  async #own(signer: Signer | null, orderRef: string): Promise<SigningRow> {
    if (!signer || orderRef.length > 100) throw notFound();
    const { rows } = await this.#db.query<SigningRow>(
      `SELECT ${COLUMNS} FROM signings WHERE order_ref = $1 AND personal_number = $2`, [orderRef, signer.personalNumber]);
    if (!rows[0]) throw notFound();
    return rows[0];
  }

  async #advance(row: SigningRow, lang: Language): Promise<SigningState> {
    if (row.case_id) return { status: 'complete', result: await this.#result(row, lang) };
    if (row.refused_at) return { status: 'failed', hintCode: PERSON_MISMATCH };
    if (row.method === 'broker') return this.#brokerProgress(row, lang);
    const progress = await orderProgress(this.#orders, row.order_ref, row.method === 'otherDevice');
    return progress.status === 'complete' ? this.#complete(row, progress.completion, lang) : progress;
  }

  /** A signing at the broker still waiting for its answer, within the time the answer may take. */
  #atBroker(row: SigningRow): boolean {
    return row.method === 'broker' && row.broker_outcome === null && this.#now().getTime() - new Date(row.created_at).getTime() < BROKER_TRIP_MS;
  }

  /** A signing at the broker: pending until its answer came to the callback, then made into the case as BankID's is. */
  async #brokerProgress(row: SigningRow, lang: Language): Promise<SigningState> {
    if (row.broker_outcome === null && !this.#atBroker(row)) {
      // No answer in time (the tab closed at the broker, or came back too late to be heard): failed, for good.
      if (await recordBrokerAnswer(this.#db, row.order_ref, 'failed')) return { status: 'failed', hintCode: BROKER_FAILED };
      // An answer (or its case) came since the caller read the row: that row no longer says where the signing stands.
      const again = await this.#reread(row.order_ref);
      return again.broker_outcome === null ? { status: 'failed', hintCode: BROKER_FAILED } : this.#advance(again, lang);
    }
    if (row.broker_outcome === 'cancelled') return { status: 'failed', hintCode: BROKER_CANCELLED };
    if (row.broker_outcome === 'failed' || (row.broker_outcome === 'signed' && !row.broker_signature)) return { status: 'failed', hintCode: BROKER_FAILED };
    if (row.broker_outcome !== 'signed') return { status: 'pending' };
    const signed = typeof row.broker_signature === 'string' ? (JSON.parse(row.broker_signature) as BrokerSignatureRecord) : row.broker_signature!;
    const { personalNumber, name, givenName, surname, userSignature, ...evidence } = signed;
    // The broker's signature in the shape BankID's completion has: the same case, the same stored evidence.
    return this.#complete(row, {
      user: { personalNumber, name, givenName, surname },
      signature: userSignature,
      ocspResponse: '',
      ...evidence,
    } as unknown as CompletionData, lang);
  }

  async #complete(row: SigningRow, completion: CompletionData, lang: Language): Promise<SigningState> {
    if (completion.user.personalNumber !== row.personal_number) {
      // BankID enforces requirement.personalNumber; this is the belt to its braces.
      await this.#db.query('UPDATE signings SET refused_at = $2 WHERE order_ref = $1 AND case_id IS NULL AND refused_at IS NULL',
        [row.order_ref, this.#now()]);
      this.#onMismatch(row.order_ref);
      return { status: 'failed', hintCode: PERSON_MISMATCH };
    }
    const definition = await this.#cases.definition(row.service_id, row.service_version, lang);
    const { signature, ocspResponse, ...rest } = completion;
    const values = answersOf(row);
    const company = companyOf(row);
    // Who else must sign, from the register, before the transaction (undefined: nobody, the case is sent now).
    const plan = definition.cosigning && this.#cosigning
      ? await this.#cosigning.plan(definition, values, completion.user, lang, company)
      : undefined;
    const made = await this.#cases.create(
      {
        definition,
        values,
        lang: row.lang,
        idempotencyKey: row.idempotency_key,
        requestHash: row.request_hash,
        applicantPersonalNumber: row.personal_number,
        ...(row.login_eid ? { applicantEid: { eid: row.login_eid, loa: row.login_loa ?? undefined } } : {}),
        // Deleted with the case; one the citizen removed while signing does not stop the signed case.
        ...(row.draft_id ? { draft: { id: row.draft_id, required: false } } : {}),
        waitsForCosigners: plan !== undefined,
        company,
      },
      {
        // Locks the signing row: a second poll at the same moment waits, then finds the case made.
        claim: async (tx) => (await tx.query(
          'UPDATE signings SET case_id = NULL WHERE order_ref = $1 AND case_id IS NULL AND refused_at IS NULL RETURNING order_ref',
          [row.order_ref],
        )).rows.length > 0,
        record: async (tx, caseId, submittedAt) => {
          await tx.query('UPDATE signings SET case_id = $2 WHERE order_ref = $1', [row.order_ref, caseId]);
          await tx.query(
            `INSERT INTO case_signatures (case_id, order_ref, personal_number, name, signature, ocsp_response, completion,
                                          user_visible_data, signed_at, eid)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            [caseId, row.order_ref, completion.user.personalNumber, completion.user.name, signature, ocspResponse,
              JSON.stringify(rest), row.user_visible_data, submittedAt.toISOString(),
              row.method === 'broker' ? row.login_eid ?? 'bankid' : 'bankid'],
          );
          if (plan) await this.#cosigning!.begin(tx, caseId, definition, values, plan, submittedAt);
        },
      },
    );
    if (made) return { status: 'complete', result: await this.#receipt(made.response) };
    // Another poll made the case a moment ago.
    return this.#advance(await this.#reread(row.order_ref), lang);
  }

  /** The signing as it is now, when another request changed it after the row in hand was read. */
  async #reread(orderRef: string): Promise<SigningRow> {
    const { rows } = await this.#db.query<SigningRow>(`SELECT ${COLUMNS} FROM signings WHERE order_ref = $1`, [orderRef]);
    return rows[0]!;
  }

  async #result(row: SigningRow, lang: Language): Promise<SubmitCaseResponse> {
    const response = await this.#cases.replay(idempotencyScope(row.personal_number), row.idempotency_key, row.request_hash, lang);
    if (!response) throw new Error(`signing ${row.order_ref} has a case but no idempotency row`);
    return this.#receipt(response);
  }

  /** While others must still sign, the receipt says so. */
  async #receipt(response: SubmitCaseResponse): Promise<SubmitCaseResponse> {
    return this.#cosigning ? this.#cosigning.receiptFor(response) : response;
  }
}

export type BrokerOutcome = 'signed' | 'cancelled' | 'failed';

/**
 * The broker's answer kept on its signing; the first answer only (a replayed callback changes nothing). Whether it
 * was kept: false when another answer, a case or a refusal came first.
 */
export async function recordBrokerAnswer(db: Queryable, orderRef: string, outcome: BrokerOutcome, signature?: BrokerSignatureRecord): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE signings SET broker_outcome = $2, broker_signature = $3
      WHERE order_ref = $1 AND method = 'broker' AND broker_outcome IS NULL AND case_id IS NULL AND refused_at IS NULL
      RETURNING order_ref`,
    [orderRef, outcome, signature ? JSON.stringify(signature) : null]);
  return rows.length > 0;
}

/** BankID's simpleMarkdownV1 as the plain text a broker's sign message is (text/plain): no heading mark, no escapes. */
export function plainText(markdown: string): string {
  return markdown.replace(/^# /, '').replace(/\\([\\*|#+-])/g, '$1');
}

function companyOf(row: SigningRow): ApplicantCompany | undefined {
  if (!row.company) return undefined;
  return typeof row.company === 'string' ? (JSON.parse(row.company) as ApplicantCompany) : row.company;
}

function answersOf(row: SigningRow): Answers {
  return typeof row.answers === 'string' ? (JSON.parse(row.answers) as Answers) : row.answers;
}

/** 409 signing-eid-mismatch: not the e-ID the session was made with (the detail says what to do instead). */
function eidMismatch(lang: Language, detail: string): ProblemError {
  return new ProblemError(problem(409, 'signing-eid-mismatch',
    lang === 'en' ? 'Sign with the e-ID you logged in with' : 'Skriv under med den e-legitimation du loggade in med', detail));
}

function notFound(): ProblemError {
  return new ProblemError(problem(404, 'signing-not-found', 'No such signing'));
}




