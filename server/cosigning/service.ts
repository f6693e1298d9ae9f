import { randomUUID } from 'node:crypto';
import type { Answers, SubmitCaseResponse } from '../../src/contract/cases.js';
import type {
  CosignOverview, CosignRequestView, CosignSigningState, CosignerStatus, Reinvite, StartCosignRequest, StartCosignResponse,
} from '../../src/contract/cosign.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import { type CaseStatus, type Draft, isUnsent, Uuid } from '../../src/contract/my-pages.js';
import type { Language, LocalizedText } from '../../src/contract/text.js';
import type { CompletionData } from '../eid/bankid-client.js';
import type { BankIdOrders } from '../eid/orders.js';
import { orderProgress } from '../eid/progress.js';
import { cosignerRecipient, queueNotification } from '../notify/notifications.js';
import { cosignEndText, paymentDueText } from '../notify/texts.js';
import { problem, ProblemError } from '../problem.js';
import { registerUnavailableProblem } from '../registry/prefill.js';
import { RegisterUnavailableError, type PopulationRegister } from '../registry/register.js';
import { caseNotFound, changeStatus } from '../services/case-status.js';
import { toAttachment } from '../services/my-cases.js';
import type { DraftService } from '../services/drafts.js';
import { answersDigest, formatPersonalNumber, PERSON_MISMATCH, plain, SIGNED_TITLE_MAX, type Signer } from '../services/signature-text.js';
import { awaitingReceipt, queueCosignerReceipts } from './receipt.js';
import { NO_WEBHOOKS, queueCaseSent, type CaseSentOutbox } from '../outbox/case-sent.js';
import type { Database, Queryable } from '../store/database.js';
import { withSigningKey } from '../services/signing-keys.js';
import { invitationLink, inviteAddress, maskAddress, newToken, queueInvitation, tokenHash } from './invitations.js';
import { stockholmDate } from '../stockholm-time.js';
import type { CompanyRegister } from '../companies/register.js';
import { formatOrganisationNumber } from '../../src/contract/companies.js';
import { askRegister, type ApplicantCompany } from '../companies/service.js';

/**
 * Flerpartssignering (src/contract/cosign.ts). When the applicant's signature completes for an
 * e-service with `cosigning`, SigningService asks `plan` (before its transaction: the register)
 * and `begin` (inside it): the case is stored as awaitingCosign with one request per person who
 * must sign, each with a single-use link token of which only the SHA-256 is kept, and the
 * invitations are queued in the same transaction. Every change of a case here locks the case row
 * first, so two cosigners (or two polls) at once still move it to submitted exactly once.
 */

export const DEFAULT_DEADLINE_DAYS = 28;
const DAY_MS = 86_400_000;

/** Who must sign, as decided from the answers and the register before the applicant's case is made. */
export interface CosignPlan {
  cosigners: { personalNumber: string; name?: string | undefined }[];
  child?: { personalNumber: string; name?: string | undefined };
  applicantName: string;
  /** Signed for a company jointly: the company, and the address the applicant gave for the other signatory. */
  organisationNumber?: string;
  recipient?: { channel: 'email'; to: string };
}

export interface CosignServiceOptions {
  db: Database;
  drafts: DraftService;
  orders: BankIdOrders;
  register: PopulationRegister;
  /** The company register: a cosigner for a company must still be its signatory when they sign. */
  companies?: CompanyRegister;
  /** The page that opens an invitation: COSIGN_URL. */
  cosignUrl: string;
  now?: () => Date;
  onMismatch?: (orderRef: string) => void;
  /** Who is told when the last signature sends the case (its receipt, the municipality's webhook). */
  outbox?: CaseSentOutbox;
}

interface RequestRow {
  id: string;
  case_id: string;
  personal_number: string;
  name: string | null;
  child_personal_number: string | null;
  child_name: string | null;
  organisation_number: string | null;
  organisation_name: string | null;
  applicant_name: string;
  invite_channel: 'email' | 'sms' | null;
  invite_to: string | null;
  invited_at: Date | string;
  opened_by: string | null;
  status: CosignerStatus;
  deadline: Date | string;
  signed_at: Date | string | null;
  case_status: string;
  case_number: string;
  service_id: string;
  service_version: number;
  applicant_personal_number: string;
  answers: Answers | string;
  definition: ServiceDefinition;
}

const REQUEST_SQL = `
  SELECT r.id, r.case_id, r.personal_number, r.name, r.child_personal_number, r.child_name, r.organisation_number, r.applicant_name,
         r.invite_channel, r.invite_to, r.invited_at, r.opened_by, r.status, r.deadline, r.signed_at,
         c.status AS case_status, c.case_number, c.service_id, c.service_version, c.applicant_personal_number, c.answers, c.organisation_name,
         d.definition
    FROM cosign_requests r JOIN cases c ON c.id = r.case_id
    JOIN service_definitions d ON d.service_id = c.service_id AND d.version = c.service_version`;

interface SigningRow {
  order_ref: string;
  request_id: string;
  personal_number: string;
  method: 'sameDevice' | 'otherDevice';
  user_visible_data: string;
  auto_start_token: string;
  idempotency_key: string;
  refused_at: Date | string | null;
  signed_at: Date | string | null;
}

type AttachmentRow = Parameters<typeof toAttachment>[0] & { field_id: string };

const iso = (value: Date | string) => new Date(value).toISOString();
const answersOf = (value: Answers | string): Answers => (typeof value === 'string' ? (JSON.parse(value) as Answers) : value);

function refusal(status: number, type: string, sv: string, en: string, lang: Language, detail?: string): ProblemError {
  return new ProblemError(problem(status, type, lang === 'en' ? en : sv, detail));
}

export const cosignProblems = {
  notForYou: (lang: Language) => refusal(403, 'not-for-you', 'Inbjudan gäller inte dig',
    'This invitation is not for you', lang, 'Only a person the case requires can open it.'),
  expired: (lang: Language) => refusal(410, 'invitation-expired', 'Tiden för att skriva under har gått ut',
    'The time to sign has run out', lang),
  used: (lang: Language) => refusal(409, 'invitation-used', 'Länken har redan använts av någon annan',
    'The link has already been used by someone else', lang),
  alreadySigned: (lang: Language) => refusal(409, 'already-signed', 'Du har redan skrivit under', 'You have already signed', lang),
  declined: (lang: Language) => refusal(409, 'declined', 'Underskriften har nekats', 'Signing was declined', lang),
  notAwaiting: (lang: Language) => refusal(409, 'case-not-awaiting-cosign', 'Ärendet väntar inte på underskrifter',
    'The case is not waiting for signatures', lang),
  invitationNotFound: (lang: Language) => refusal(404, 'invitation-not-found', 'Inbjudan finns inte',
    'The invitation was not found', lang, 'The link may have been replaced by a newer invitation.'),
  requestNotFound: (lang: Language) => refusal(404, 'cosign-request-not-found', 'Begäran om underskrift finns inte',
    'The request to sign was not found', lang),
  signingNotFound: () => new ProblemError(problem(404, 'signing-not-found', 'No such signing')),
  notCopyable: (lang: Language) => refusal(409, 'case-not-copyable', 'Bara ett ärende som inte blev underskrivet kan kopieras',
    'Only a case that was not signed by everyone can be copied', lang),
};


/** The view without the applicant's own contact answers (the invitation's address is the cosigner's own, and stays). */
export function withholdContact(view: CosignRequestView, definition: ServiceDefinition): CosignRequestView {
  const contact = new Set(definition.steps.flatMap((step) => step.fields)
    .filter((field) => (field.type === 'address' || field.type === 'phone' || field.type === 'email') && field.id !== definition.cosigning?.inviteField)
    .map((field) => field.id));
  const answers = Object.fromEntries(Object.entries(view.answers).filter(([id]) => !contact.has(id)));
  return { ...view, answers, contactWithheld: true };
}

export class CosignService {
  readonly #db: Database;
  readonly #drafts: DraftService;
  readonly #orders: BankIdOrders;
  readonly #register: PopulationRegister;
  readonly #companies: CompanyRegister | undefined;
  readonly #cosignUrl: string;
  readonly #now: () => Date;
  readonly #onMismatch: (orderRef: string) => void;
  readonly #outbox: CaseSentOutbox;

  constructor(options: CosignServiceOptions) {
    this.#db = options.db;
    this.#drafts = options.drafts;
    this.#orders = options.orders;
    this.#register = options.register;
    this.#companies = options.companies;
    this.#cosignUrl = options.cosignUrl;
    this.#now = options.now ?? (() => new Date());
    this.#onMismatch = options.onMismatch ?? (() => undefined);
    this.#outbox = options.outbox ?? NO_WEBHOOKS;
  }

  // ---- The applicant's signature (called by SigningService) ----

  /** Who must cosign; undefined when no one must (no cosigning, or a sole guardian). Asks the register. */
  async plan(definition: ServiceDefinition, values: Answers, applicant: Signer, lang: Language, company?: ApplicantCompany): Promise<CosignPlan | undefined> {
    const cosigning = definition.cosigning;
    if (!cosigning) return undefined;
    if (cosigning.who === 'companySignatories') {
      // Checked against the company register when the signing started: a company signed alone (or a private person's case) is sent now.
      const other = company?.cosigner;
      if (!company || !other) return undefined;
      return {
        cosigners: [{ personalNumber: other.personalNumber, name: other.name }], applicantName: applicant.name,
        organisationNumber: company.organisationNumber, recipient: { channel: 'email', to: other.email },
      };
    }
    const answers = values as Record<string, unknown>;
    return this.#registerCall(lang, async () => {
      if (cosigning.who === 'otherGuardians') {
        const child = answers[cosigning.childField ?? ''];
        if (typeof child !== 'string') return undefined;
        const guardians = await this.#register.guardians(child);
        const others = guardians.filter((guardian) => guardian.personalNumber !== applicant.personalNumber);
        if (others.length === 0) return undefined;
        const childName = (await this.#register.children(applicant.personalNumber)).find((c) => c.personalNumber === child)?.name;
        return {
          cosigners: others.map((guardian) => ({ personalNumber: guardian.personalNumber, name: guardian.name })),
          child: { personalNumber: child, name: childName },
          applicantName: applicant.name,
        };
      }
      const answered = answers[cosigning.personField ?? ''];
      // The form engine writes ÅÅÅÅMMDD-NNNN; the register and BankID use the 12 digits.
      const person = typeof answered === 'string' ? answered.replace(/\D/g, '') : '';
      if (!/^\d{12}$/.test(person) || person === applicant.personalNumber) return undefined;
      const name = (await this.#register.person(person))?.name;
      return { cosigners: [{ personalNumber: person, name }], applicantName: applicant.name };
    });
  }

  /** Inside the applicant's case transaction: the case waits (awaitingCosign), the requests and their invitations. */
  async begin(tx: Queryable, caseId: string, definition: ServiceDefinition, values: Answers, plan: CosignPlan, at: Date): Promise<void> {
    await tx.query(`UPDATE cases SET status = 'awaitingCosign' WHERE id = $1`, [caseId]);
    await tx.query(`UPDATE case_status_history SET status = 'awaitingCosign' WHERE case_id = $1`, [caseId]);
    const deadline = new Date(at.getTime() + (definition.cosigning?.deadlineDays ?? DEFAULT_DEADLINE_DAYS) * DAY_MS);
    const recipient = plan.recipient ?? inviteAddress(definition, values as Record<string, unknown>);
    for (const cosigner of plan.cosigners) {
      const id = randomUUID();
      const { token, hash } = newToken();
      await tx.query(
        `INSERT INTO cosign_requests (id, case_id, personal_number, name, child_personal_number, child_name, applicant_name,
                                      token_sha256, invite_channel, invite_to, invited_at, deadline, created_at, organisation_number)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $11, $13)`,
        [id, caseId, cosigner.personalNumber, cosigner.name ?? null, plan.child?.personalNumber ?? null, plan.child?.name ?? null,
          plan.applicantName, hash, recipient?.channel ?? null, recipient?.to ?? null, at.toISOString(), deadline.toISOString(),
          plan.organisationNumber ?? null],
      );
      await queueInvitation(tx, {
        caseId, requestId: id, recipient, askedBy: plan.applicantName, link: invitationLink(this.#cosignUrl, token), deadline,
        eventKey: `cosignInvitation:${id}:${hash.slice(0, 16)}`,
      }, at);
    }
  }

  /** The applicant's receipt while the case waits; the receipt as it is once it is sent. */
  async receiptFor(response: SubmitCaseResponse): Promise<SubmitCaseResponse> {
    const { rows } = await this.#db.query<{ status: string; deadline: Date | string | null; definition: ServiceDefinition }>(
      `SELECT c.status, (SELECT min(r.deadline) FROM cosign_requests r WHERE r.case_id = c.id) AS deadline, d.definition
         FROM cases c JOIN service_definitions d ON d.service_id = c.service_id AND d.version = c.service_version
        WHERE c.id = $1`, [response.receipt.caseId]);
    const row = rows[0];
    if (!row || row.status !== 'awaitingCosign' || !row.deadline || !row.definition.cosigning) return response;
    return awaitingReceipt(response, row.definition.cosigning.who, new Date(row.deadline));
  }

  // ---- The cosigner ----

  /** POST /api/cosigning/open: the link's token, for the logged-in person the case requires. */
  async open(person: Signer, token: string, lang: Language): Promise<CosignRequestView> {
    const { rows } = await this.#db.query<RequestRow>(`${REQUEST_SQL} WHERE r.token_sha256 = $1`, [tokenHash(token)]);
    const row = rows[0];
    if (!row) throw cosignProblems.invitationNotFound(lang);
    if (this.#expired(row)) throw cosignProblems.expired(lang);
    if (row.opened_by && row.opened_by !== person.personalNumber) throw cosignProblems.used(lang);
    await this.#checkPerson(row, person, lang);
    await this.#db.query(
      `UPDATE cosign_requests SET opened_by = $2, opened_at = COALESCE(opened_at, $3), name = COALESCE(name, $4)
        WHERE id = $1 AND (opened_by IS NULL OR opened_by = $2)`,
      [row.id, person.personalNumber, this.#now().toISOString(), person.name],
    );
    return this.view(person, row.id, lang);
  }

  /** GET /api/cosigning/requests/{id}: the person's own request (also without the link), else 404. */
  async view(person: Signer, requestId: string, lang: Language): Promise<CosignRequestView> {
    const row = await this.#own(person, requestId, lang);
    // The files' names for the answers that hold their ids: this case's answer files only, never a message's.
    const { rows: files } = await this.#db.query<AttachmentRow>(
      `SELECT id, file_name, kind, size_bytes, uploaded_at, field_id FROM attachments
        WHERE case_id = $1 AND message_id IS NULL ORDER BY uploaded_at, id`, [row.case_id]);
    const view = this.#toView(row, files);
    return (await this.#applicantProtected(row)) ? withholdContact(view, row.definition) : view;
  }

  /**
   * Skyddad folkbokföring or sekretessmarkering: the other guardian must not learn from the case
   * where or how the applicant is reached. Also when the register can't say: then nothing is risked.
   */
  async #applicantProtected(row: RequestRow): Promise<boolean> {
    if (!row.applicant_personal_number) return false;
    try {
      const applicant = await this.#register.person(row.applicant_personal_number);
      return !!applicant && applicant.protection !== 'none';
    } catch {
      return true;
    }
  }

  /**
   * POST /api/cosigning/requests/{id}/signatures: a BankID sign order only this person can complete. Requests
   * with one Idempotency-Key at the same moment get one order (the key's row is held while it is started and
   * stored, as for the applicant's signing).
   */
  async startSign(
    person: Signer, requestId: string, request: StartCosignRequest, key: string, endUserIp: string, lang: Language,
  ): Promise<{ response: StartCosignResponse; created: boolean }> {
    const row = await this.#own(person, requestId, lang);
    const earlier = await this.#earlierSign(row.id, person, request, key, lang);
    if (earlier) return earlier;
    this.#checkOpen(row, lang);
    await this.#checkPerson(row, person, lang);
    const definition = row.definition;
    // In the cosigner's language (the request's Accept-Language).
    const userVisibleData = cosignText(definition, row, person, lang, this.#now());
    const scope = `cosign:${row.id}:${person.personalNumber}`;
    const started = await withSigningKey(this.#db, scope, key, this.#now(), async (tx) => {
      // Another request with the key held it a moment ago: its order is the answer.
      const { rows } = await tx.query<{ refused_at: Date | string | null; signed_at: Date | string | null; order_status: string | null }>(
        `SELECT s.refused_at, s.signed_at, o.status AS order_status
           FROM cosign_signings s LEFT JOIN bankid_orders o ON o.order_ref = s.order_ref
          WHERE s.request_id = $1 AND s.personal_number = $2 AND s.idempotency_key = $3
          ORDER BY s.created_at DESC LIMIT 1`, [row.id, person.personalNumber, key]);
      const latest = rows[0];
      if (latest && !latest.refused_at && (latest.signed_at || latest.order_status === 'pending' || latest.order_status === 'complete')) return undefined;
      const order = await this.#orders.startSign({
        endUserIp,
        userVisibleData,
        userNonVisibleData: answersDigest(definition, answersOf(row.answers)),
        requirement: { personalNumber: person.personalNumber },
      }, tx);
      await tx.query(
        `INSERT INTO cosign_signings (order_ref, request_id, personal_number, method, user_visible_data, auto_start_token, idempotency_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [order.orderRef, row.id, person.personalNumber, request.method, userVisibleData, order.autoStartToken, key, this.#now().toISOString()],
      );
      return order;
    });
    if (started) return { response: this.#started(started.orderRef, request.method, started.autoStartToken), created: true };
    const theirs = await this.#earlierSign(row.id, person, request, key, lang);
    if (!theirs) throw new Error(`cosign signing key ${scope} has an order that is neither pending nor signed`);
    return theirs;
  }

  /** The order an Idempotency-Key already started and that has not failed (also once signed); undefined otherwise. */
  async #earlierSign(
    requestId: string, person: Signer, request: StartCosignRequest, key: string, lang: Language,
  ): Promise<{ response: StartCosignResponse; created: boolean } | undefined> {
    const { rows: earlier } = await this.#db.query<SigningRow>(
      `SELECT * FROM cosign_signings WHERE request_id = $1 AND personal_number = $2 AND idempotency_key = $3 AND refused_at IS NULL
        ORDER BY created_at DESC LIMIT 1`, [requestId, person.personalNumber, key]);
    const previous = earlier[0];
    if (!previous) return undefined;
    if (previous.signed_at) return { response: { orderRef: previous.order_ref }, created: false };
    const state = await this.#advance(previous, lang);
    if (state.status === 'failed') return undefined;
    if (state.status === 'pending' && previous.method !== request.method) {
      await this.#db.query('UPDATE cosign_signings SET method = $2 WHERE order_ref = $1', [previous.order_ref, request.method]);
    }
    return { response: this.#started(previous.order_ref, request.method, previous.auto_start_token), created: false };
  }

  /** GET /api/cosigning/signatures/{orderRef}; 404 unless it is the person's own. */
  async signState(person: Signer | null, orderRef: string, lang: Language): Promise<CosignSigningState> {
    return this.#advance(await this.#ownSigning(person, orderRef), lang);
  }

  async cancelSign(person: Signer | null, orderRef: string): Promise<void> {
    const row = await this.#ownSigning(person, orderRef);
    if (!row.signed_at) await this.#orders.cancel(orderRef);
  }

  /** POST /api/cosigning/requests/{id}/decline: the case is not sent, and the applicant is told. */
  async decline(person: Signer, requestId: string, lang: Language): Promise<CosignRequestView> {
    const row = await this.#own(person, requestId, lang);
    const now = this.#now();
    await this.#db.transaction(async (tx) => {
      await tx.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [row.case_id]);
      const fresh = (await tx.query<RequestRow>(`${REQUEST_SQL} WHERE r.id = $1`, [row.id])).rows[0]!;
      this.#checkOpen(fresh, lang);
      await tx.query(`UPDATE cosign_requests SET status = 'declined', declined_at = $2 WHERE id = $1`, [row.id, now.toISOString()]);
      await changeStatus(tx, row.case_id, 'cosignDeclined', 'citizen', now, lang);
      await queueNotification(tx, row.case_id, 'cosignDeclined', `cosignDeclined:${row.case_id}`, now, {
        text: (definition, caseLang) => cosignEndText('cosignDeclined', definition, true, caseLang),
      });
    });
    return this.view(person, requestId, lang);
  }

  // ---- The applicant ----

  /** GET /api/my/cases/{caseId}/cosigning: who has signed. 404 unless the case is the person's and cosigned. */
  async overview(owner: string, caseId: string, lang: Language): Promise<CosignOverview> {
    if (!Uuid.safeParse(caseId).success) throw new ProblemError(caseNotFound(lang));
    const { rows } = await this.#db.query<RequestRow>(
      `${REQUEST_SQL} WHERE r.case_id = $1 AND c.applicant_personal_number = $2 ORDER BY r.created_at, r.id`, [caseId, owner]);
    const first = rows[0];
    if (!first) throw new ProblemError(caseNotFound(lang));
    return {
      caseId,
      caseNumber: first.case_number,
      serviceId: first.service_id,
      serviceTitle: first.definition.title,
      status: first.case_status,
      deadline: iso(first.deadline),
      cosigners: rows.map((row) => {
        const sentTo = maskAddress(row.invite_channel, row.invite_to);
        return {
          requestId: row.id,
          ...(row.name ? { name: row.name } : {}),
          invitedAt: iso(row.invited_at),
          ...(sentTo ? { sentTo } : {}),
          status: this.#statusOf(row),
          ...(row.signed_at ? { signedAt: iso(row.signed_at) } : {}),
        };
      }),
    };
  }

  /** POST …/cosigning/{requestId}/invitation: a new link (the old one stops working), to a corrected address if given. */
  async reinvite(owner: string, caseId: string, requestId: string, body: Reinvite, lang: Language): Promise<CosignOverview> {
    await this.overview(owner, caseId, lang);
    if (!Uuid.safeParse(requestId).success) throw cosignProblems.requestNotFound(lang);
    const now = this.#now();
    await this.#db.transaction(async (tx) => {
      await tx.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
      const row = (await tx.query<RequestRow>(`${REQUEST_SQL} WHERE r.id = $1 AND r.case_id = $2`, [requestId, caseId])).rows[0];
      if (!row) throw cosignProblems.requestNotFound(lang);
      this.#checkOpen(row, lang);
      const recipient = body.email ? { channel: 'email' as const, to: body.email }
        : body.phone ? { channel: 'sms' as const, to: body.phone }
          : row.invite_channel && row.invite_to ? { channel: row.invite_channel, to: row.invite_to } : undefined;
      const { token, hash } = newToken();
      await tx.query(
        'UPDATE cosign_requests SET token_sha256 = $2, invite_channel = $3, invite_to = $4, invited_at = $5 WHERE id = $1',
        [row.id, hash, recipient?.channel ?? null, recipient?.to ?? null, now.toISOString()]);
      await queueInvitation(tx, {
        caseId, requestId: row.id, recipient, askedBy: row.applicant_name, link: invitationLink(this.#cosignUrl, token),
        deadline: new Date(row.deadline), eventKey: `cosignInvitation:${row.id}:${hash.slice(0, 16)}`,
      }, now);
    });
    return this.overview(owner, caseId, lang);
  }

  /** POST /api/my/cases/{caseId}/copy: a draft with the answers of a case that was not signed in time or was declined. */
  async copy(owner: string, caseId: string, lang: Language): Promise<Draft> {
    if (!Uuid.safeParse(caseId).success) throw new ProblemError(caseNotFound(lang));
    const { rows } = await this.#db.query<{
      status: string; service_id: string; service_version: number; answers: Answers | string; definition: ServiceDefinition; organisation_number: string | null;
    }>(
      `SELECT c.status, c.service_id, c.service_version, c.answers, d.definition, c.organisation_number
         FROM cases c JOIN service_definitions d ON d.service_id = c.service_id AND d.version = c.service_version
        WHERE c.id = $1 AND c.applicant_personal_number = $2`, [caseId, owner]);
    const row = rows[0];
    if (!row) throw new ProblemError(caseNotFound(lang));
    if (row.status !== 'cosignExpired' && row.status !== 'cosignDeclined') throw cosignProblems.notCopyable(lang);
    // The files belong to the old case: the copy asks for them again.
    const files = new Set(row.definition.steps.flatMap((step) => step.fields).filter((field) => field.type === 'file').map((field) => field.id));
    const answers = Object.fromEntries(Object.entries(answersOf(row.answers)).filter(([id]) => !files.has(id))) as Answers;
    // A company's case: the company again (who signs with the applicant is chosen anew).
    const company = row.organisation_number ? { company: { organisationNumber: row.organisation_number } } : {};
    return this.#drafts.create(owner, { serviceId: row.service_id, serviceVersion: Number(row.service_version), answers, ...company }, lang);
  }

  // ---- Inside ----

  #expired(row: RequestRow): boolean {
    return row.status === 'expired' || row.case_status === 'cosignExpired'
      || (row.status === 'pending' && new Date(row.deadline).getTime() <= this.#now().getTime());
  }

  #statusOf(row: RequestRow): CosignerStatus {
    return row.status === 'pending' && this.#expired(row) ? 'expired' : row.status;
  }

  /** Refuses a request that can no longer be signed or declined. */
  #checkOpen(row: RequestRow, lang: Language): void {
    if (row.status === 'signed') throw cosignProblems.alreadySigned(lang);
    if (row.status === 'declined') throw cosignProblems.declined(lang);
    if (this.#expired(row)) throw cosignProblems.expired(lang);
    if (row.case_status !== 'awaitingCosign') throw cosignProblems.notAwaiting(lang);
  }

  /** The person must be the one the request names, and (for a child's case) still the child's guardian in the register. */
  async #checkPerson(row: RequestRow, person: Signer, lang: Language): Promise<void> {
    if (person.personalNumber !== row.personal_number) throw cosignProblems.notForYou(lang);
    if (row.organisation_number) {
      // Signing for a company: still one of its signatories, as the company register says now.
      const number = row.organisation_number;
      const company = this.#companies ? await askRegister(lang, () => this.#companies!.company(number)) : undefined;
      if (!company?.signatories.some((signatory) => signatory.personalNumber === person.personalNumber)) throw cosignProblems.notForYou(lang);
    }
    if (row.child_personal_number) {
      const child = row.child_personal_number;
      const guardians = await this.#registerCall(lang, () => this.#register.guardians(child));
      if (!guardians.some((guardian) => guardian.personalNumber === person.personalNumber)) throw cosignProblems.notForYou(lang);
    }
  }

  async #registerCall<T>(lang: Language, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof RegisterUnavailableError) throw new ProblemError(registerUnavailableProblem(lang));
      throw error;
    }
  }

  async #own(person: Signer, requestId: string, lang: Language): Promise<RequestRow> {
    if (!Uuid.safeParse(requestId).success) throw cosignProblems.requestNotFound(lang);
    const { rows } = await this.#db.query<RequestRow>(`${REQUEST_SQL} WHERE r.id = $1 AND r.personal_number = $2`, [requestId, person.personalNumber]);
    if (!rows[0]) throw cosignProblems.requestNotFound(lang);
    return rows[0];
  }

  async #ownSigning(person: Signer | null, orderRef: string): Promise<SigningRow> {
    if (!person || orderRef.length > 100) throw cosignProblems.signingNotFound();
    const { rows } = await this.#db.query<SigningRow>(
      'SELECT * FROM cosign_signings WHERE order_ref = $1 AND personal_number = $2', [orderRef, person.personalNumber]);
    if (!rows[0]) throw cosignProblems.signingNotFound();
    return rows[0];
  }

  #toView(row: RequestRow, files: AttachmentRow[]): CosignRequestView {
    return {
      requestId: row.id,
      caseId: row.case_id,
      serviceId: row.service_id,
      serviceVersion: Number(row.service_version),
      serviceTitle: row.definition.title,
      municipality: row.definition.municipality.name as LocalizedText,
      askedBy: row.applicant_name,
      deadline: iso(row.deadline),
      status: this.#statusOf(row),
      answers: answersOf(row.answers),
      attachments: files.map((file) => ({ ...toAttachment(file), fieldId: file.field_id })),
      ...(row.child_personal_number && row.child_name
        ? { children: [{ personalNumber: row.child_personal_number, name: row.child_name }] }
        : {}),
      ...(row.signed_at ? { signedAt: iso(row.signed_at) } : {}),
      ...(row.organisation_number && row.organisation_name ? { organisation: { organisationNumber: row.organisation_number, name: row.organisation_name } } : {}),
    };
  }

  #started(orderRef: string, method: 'sameDevice' | 'otherDevice', autoStartToken: string): StartCosignResponse {
    return method === 'sameDevice' ? { orderRef, autoStartToken } : { orderRef };
  }

  async #done(row: SigningRow, lang: Language): Promise<CosignSigningState> {
    const { rows } = await this.#db.query<{ status: string }>(
      'SELECT c.status FROM cosign_requests r JOIN cases c ON c.id = r.case_id WHERE r.id = $1', [row.request_id]);
    return {
      status: 'complete',
      request: await this.view({ personalNumber: row.personal_number, name: '' }, row.request_id, lang),
      caseSubmitted: rows[0]?.status !== undefined && !isUnsent(rows[0].status as CaseStatus),
      // Signed by everyone, and now the applicant pays: sent once it is paid.
      ...(rows[0]?.status === 'awaitingPayment' ? { awaitingPayment: true } : {}),
    };
  }

  async #advance(row: SigningRow, lang: Language): Promise<CosignSigningState> {
    if (row.signed_at) return this.#done(row, lang);
    if (row.refused_at) return { status: 'failed', hintCode: PERSON_MISMATCH };
    const progress = await orderProgress(this.#orders, row.order_ref, row.method === 'otherDevice');
    return progress.status === 'complete' ? this.#complete(row, progress.completion, lang) : progress;
  }

  /**
   * Stores the cosigner's signature; the last one moves the case to submitted and queues the
   * receipts to everyone. The case row is locked first: two cosigners or two polls at once wait
   * for each other, and the second finds the work done.
   */
  async #complete(row: SigningRow, completion: CompletionData, lang: Language): Promise<CosignSigningState> {
    if (completion.user.personalNumber !== row.personal_number) {
      await this.#db.query('UPDATE cosign_signings SET refused_at = $2 WHERE order_ref = $1 AND signed_at IS NULL AND refused_at IS NULL',
        [row.order_ref, this.#now().toISOString()]);
      this.#onMismatch(row.order_ref);
      return { status: 'failed', hintCode: PERSON_MISMATCH };
    }
    const now = this.#now();
    const outcome = await this.#db.transaction(async (tx): Promise<'signed' | 'done' | 'closed'> => {
      const { rows: locked } = await tx.query<{ id: string }>(
        'SELECT c.id FROM cases c JOIN cosign_requests r ON r.case_id = c.id WHERE r.id = $1 FOR UPDATE OF c', [row.request_id]);
      const caseId = locked[0]?.id;
      if (!caseId) return 'closed';
      const signing = (await tx.query<SigningRow>('SELECT * FROM cosign_signings WHERE order_ref = $1', [row.order_ref])).rows[0];
      if (signing?.signed_at) return 'done';
      const request = (await tx.query<RequestRow>(`${REQUEST_SQL} WHERE r.id = $1`, [row.request_id])).rows[0]!;
      if (request.status === 'signed') return 'done';
      if (request.status !== 'pending' || request.case_status !== 'awaitingCosign' || this.#expired(request)) return 'closed';
      const { signature, ocspResponse, ...rest } = completion;
      await tx.query(
        `INSERT INTO case_signatures (case_id, order_ref, personal_number, name, signature, ocsp_response, completion, user_visible_data, signed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [caseId, row.order_ref, completion.user.personalNumber, completion.user.name, signature, ocspResponse,
          JSON.stringify(rest), row.user_visible_data, now.toISOString()]);
      await tx.query(`UPDATE cosign_requests SET status = 'signed', signed_at = $2, name = $3 WHERE id = $1`,
        [row.request_id, now.toISOString(), completion.user.name]);
      await tx.query('UPDATE cosign_signings SET signed_at = $2 WHERE order_ref = $1', [row.order_ref, now.toISOString()]);
      const { rows: pending } = await tx.query('SELECT 1 FROM cosign_requests WHERE case_id = $1 AND status <> $2', [caseId, 'signed']);
      if (pending.length === 0) await this.#submit(tx, caseId, now);
      else await tx.query('UPDATE cases SET updated_at = $2 WHERE id = $1', [caseId, now.toISOString()]);
      return 'signed';
    });
    if (outcome === 'closed') return { status: 'failed', hintCode: 'cosignClosed' };
    return this.#done(row, lang);
  }

  /**
   * Everyone has signed: the case is sent now (its submittedAt), and each of them gets the receipt — or, for an
   * e-service with a fee, it waits for its payment (awaitingPayment), the applicant is told to pay, and the sending
   * and the receipts come with the payment (server/payments/service.ts).
   */
  async #submit(tx: Queryable, caseId: string, now: Date): Promise<void> {
    const { rows: cases } = await tx.query<{ fee: { amount: number } | null }>('SELECT fee FROM cases WHERE id = $1', [caseId]);
    if ((cases[0]?.fee?.amount ?? 0) > 0) {
      await changeStatus(tx, caseId, 'awaitingPayment', 'citizen', now);
      await queueNotification(tx, caseId, 'paymentDue', `paymentDue:${caseId}`, now, { text: paymentDueText });
      return;
    }
    await changeStatus(tx, caseId, 'submitted', 'citizen', now);
    await tx.query('UPDATE cases SET submitted_at = $2 WHERE id = $1', [caseId, now.toISOString()]);
    await queueCaseSent(tx, caseId, now, this.#outbox);
    await queueCosignerReceipts(tx, caseId, now);
  }
}


/**
 * What the cosigner's BankID app shows and signs: the e-service, the municipality, who signs,
 * whose application, and for which child. For example
 *
 *   # Anmälan om specialkost i förskola och skola
 *
 *   Exempelby kommun
 *
 *   Jag, Erik Andersson (19820315-4599), skriver under ansökan som Anna Andersson har gjort för Maja Andersson den 24 november 2026.
 */
export function cosignText(
  definition: ServiceDefinition,
  request: { applicant_name: string; child_name: string | null; child_personal_number: string | null; organisation_number?: string | null; organisation_name?: string | null },
  signer: Signer, lang: Language, at: Date,
): string {
  const date = stockholmDate(at, lang, 'dayMonthYear');
  const who = `${plain(signer.name)} (${formatPersonalNumber(signer.personalNumber)})`;
  // A child's case names the child; a company's (signed jointly) the company the two sign for.
  const child = request.child_personal_number
    ? plain(request.child_name ?? formatPersonalNumber(request.child_personal_number))
    : request.organisation_number
      ? `${plain(request.organisation_name ?? '')} (${formatOrganisationNumber(request.organisation_number)})`
      : undefined;
  const statement = lang === 'en'
    ? `I, ${who}, sign the application ${plain(request.applicant_name)} made${child ? ` for ${child}` : ''} on ${date}.`
    : `Jag, ${who}, skriver under ansökan som ${plain(request.applicant_name)} har gjort${child ? ` för ${child}` : ''} den ${date}.`;
  return `# ${plain(definition.title[lang], SIGNED_TITLE_MAX)}\n\n${plain(definition.municipality.name[lang])}\n\n${statement}`;
}
