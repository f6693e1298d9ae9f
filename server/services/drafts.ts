import { randomUUID } from 'node:crypto';
import { checkPersonAllowed } from './person-allowed.js';
import type { Answers } from '../../src/contract/cases.js';
import type { ServiceDefinition } from '../../src/contract/definition.js';
import { type Draft, type SaveDraftRequest, Uuid } from '../../src/contract/my-pages.js';
import type { Language } from '../../src/contract/text.js';
import { errorMessage } from '../../src/forms/messages.js';
import { allFields } from '../../src/forms/validate.js';
import { problem, ProblemError } from '../problem.js';
import type { Database, Queryable } from '../store/database.js';
import type { CaseService } from './cases.js';
import { checkNotUsed } from './once-per-person.js';
import { companyNotUsed } from '../companies/service.js';

const DAY_MS = 86_400_000;

interface DraftRow {
  id: string;
  service_id: string;
  service_version: number;
  answers: Answers | string;
  step_id: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  expires_at: Date | string;
  company: Draft['company'] | string | null;
}

const COLUMNS = 'id, service_id, service_version, answers, step_id, version, created_at, updated_at, expires_at, company';

const iso = (value: Date | string) => new Date(value).toISOString();

export function toDraft(row: DraftRow): Draft {
  return {
    id: row.id,
    serviceId: row.service_id,
    serviceVersion: Number(row.service_version),
    answers: typeof row.answers === 'string' ? (JSON.parse(row.answers) as Answers) : row.answers,
    ...(row.step_id ? { stepId: row.step_id } : {}),
    version: Number(row.version),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    expiresAt: iso(row.expires_at),
    ...(row.company ? { company: typeof row.company === 'string' ? (JSON.parse(row.company) as Draft['company']) : row.company } : {}),
  };
}

/** The same answer for someone else's draft, an expired one and one that never existed. */
export function draftNotFound(lang: Language) {
  return problem(404, 'draft-not-found', lang === 'en' ? 'The draft was not found' : 'Utkastet finns inte');
}

export function notLoggedIn(lang: Language) {
  return problem(401, 'not-logged-in', lang === 'en' ? 'You are not logged in' : 'Du är inte inloggad');
}

function draftConflict(lang: Language, currentVersion: number) {
  return {
    ...problem(409, 'draft-conflict',
      lang === 'en'
        ? 'The application has been changed elsewhere, for example in another tab.'
        : 'Ärendet har ändrats på annat håll, till exempel i en annan flik.',
      lang === 'en'
        ? 'Fetch the draft again to see what is saved now; nothing was overwritten.'
        : 'Hämta utkastet igen för att se vad som är sparat nu. Inget skrevs över.'),
    currentVersion,
  };
}

/**
 * Inside the case's transaction (CaseService.create): deletes the owner's draft of this e-service
 * that the case continues. `required`: a draft that is not there (or not theirs) stops the case
 * with 404 draft-not-found; otherwise (a signing that completes after the citizen deleted the
 * draft) the case is made anyway.
 */
export async function takeDraft(
  tx: Queryable, draftId: string, owner: string, serviceId: string, lang: Language, required: boolean,
): Promise<void> {
  const { rows } = await tx.query(
    'DELETE FROM drafts WHERE id = $1 AND owner_personal_number = $2 AND service_id = $3 RETURNING id',
    [draftId, owner, serviceId],
  );
  if (required && rows.length === 0) throw new ProblemError(draftNotFound(lang));
}

/** Before a case is made from a draft: the draft must be the person's own, of this e-service, and not expired. */
export async function checkOwnDraft(
  db: Queryable, draftId: string, owner: string | undefined, serviceId: string, at: Date, lang: Language,
): Promise<void> {
  if (!owner) throw new ProblemError(notLoggedIn(lang));
  const { rows } = await db.query(
    'SELECT 1 FROM drafts WHERE id = $1 AND owner_personal_number = $2 AND service_id = $3 AND expires_at > $4',
    [draftId, owner, serviceId, at.toISOString()],
  );
  if (rows.length === 0) throw new ProblemError(draftNotFound(lang));
}

/**
 * Drafts (POST/GET/PUT/DELETE /api/drafts). Only for e-services with login "required" or
 * "optional", only for the session's person. The answers are not checked as complete — a draft
 * is unfinished — but must name only questions of the definition.
 */
export class DraftService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(owner: string, request: SaveDraftRequest, lang: Language): Promise<Draft> {
    const definition = await this.usable(request, owner, lang);
    // No answers: a draft names no child yet (or may change it), so a perChild e-service is checked when it is sent.
    await checkNotUsed(this.db, definition, owner, lang, { now: this.now() });
    const at = this.now();
    const { rows } = await this.db.query<DraftRow>(
      `INSERT INTO drafts (id, owner_personal_number, service_id, service_version, answers, step_id, version,
                           created_at, updated_at, expires_at, company)
       VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7, $8, $9) RETURNING ${COLUMNS}`,
      [randomUUID(), owner, definition.id, definition.version, JSON.stringify(request.answers), request.stepId ?? null,
        at.toISOString(), expiry(definition, at), companyOf(request)],
    );
    return toDraft(rows[0]!);
  }

  /** The definition version a draft names, if there is one: for the words of a refusal. */
  definition(serviceId: string, version: number, lang: Language): Promise<ServiceDefinition | undefined> {
    return this.cases.definition(serviceId, version, lang).catch(() => undefined);
  }

  async get(owner: string, id: string, lang: Language): Promise<Draft> {
    return toDraft(await this.own(owner, id, lang));
  }

  /**
   * Saves on top of `request.version`, which must be the stored one: then the version rises by
   * one. Another version: 409 draft-conflict with `currentVersion`, and nothing is written.
   */
  async save(owner: string, id: string, request: SaveDraftRequest, lang: Language): Promise<Draft> {
    const current = await this.own(owner, id, lang);
    if (request.serviceId !== current.service_id) {
      throw new ProblemError(problem(400, 'validation', lang === 'en' ? 'Some answers need correcting' : 'Några svar behöver rättas',
        undefined, [{ path: 'serviceId', code: 'type', message: lang === 'en' ? 'The draft belongs to another e-service' : 'Utkastet hör till en annan e-tjänst' }]));
    }
    if (request.version === undefined) {
      throw new ProblemError(problem(400, 'invalid-body', lang === 'en' ? 'The request body is not valid' : 'Anropets innehåll är inte giltigt',
        undefined, [{ path: 'version', code: 'invalid_type', message: 'Send the version this save builds on.' }]));
    }
    const definition = await this.usable(request, owner, lang);
    const at = this.now();
    const { rows } = await this.db.query<DraftRow>(
      `UPDATE drafts SET service_version = $4, answers = $5, step_id = $6, version = version + 1, updated_at = $7, expires_at = $8,
                         company = $9
        WHERE id = $1 AND owner_personal_number = $2 AND version = $3 AND expires_at > $7
        RETURNING ${COLUMNS}`,
      [id, owner, request.version, definition.version, JSON.stringify(request.answers), request.stepId ?? null,
        at.toISOString(), expiry(definition, at), companyOf(request)],
    );
    if (rows[0]) return toDraft(rows[0]);
    // Saved elsewhere in the meantime (or deleted): say which version is stored now.
    const now = await this.own(owner, id, lang);
    throw new ProblemError(draftConflict(lang, Number(now.version)));
  }

  async remove(owner: string, id: string, lang: Language): Promise<void> {
    if (!Uuid.safeParse(id).success) throw new ProblemError(draftNotFound(lang));
    const { rows } = await this.db.query(
      'DELETE FROM drafts WHERE id = $1 AND owner_personal_number = $2 AND expires_at > $3 RETURNING id',
      [id, owner, this.now().toISOString()]);
    if (rows.length === 0) throw new ProblemError(draftNotFound(lang));
  }

  /** The person's live draft, or 404 (someone else's, expired, or none). */
  private async own(owner: string, id: string, lang: Language): Promise<DraftRow> {
    if (!Uuid.safeParse(id).success) throw new ProblemError(draftNotFound(lang));
    const { rows } = await this.db.query<DraftRow>(
      `SELECT ${COLUMNS} FROM drafts WHERE id = $1 AND owner_personal_number = $2 AND expires_at > $3`,
      [id, owner, this.now().toISOString()],
    );
    if (!rows[0]) throw new ProblemError(draftNotFound(lang));
    return rows[0];
  }

  /** The definition version the draft is filled against, if it takes drafts; its answers must name only its questions. */
  private async usable(request: SaveDraftRequest, owner: string, lang: Language): Promise<ServiceDefinition> {
    const definition = await this.cases.definition(request.serviceId, request.serviceVersion, lang);
    checkPersonAllowed(definition, owner, lang);
    if (definition.login === 'none') {
      throw new ProblemError(problem(409, 'drafts-not-used',
        lang === 'en' ? 'This e-service cannot be saved as a draft' : 'E-tjänsten går inte att spara som utkast',
        'Drafts need an e-service with login "required" or "optional".'));
    }
    if (request.company && (definition.applicants ?? 'persons') === 'persons') throw companyNotUsed(lang);
    const known = new Set(allFields(definition).filter((field) => field.type !== 'info').map((field) => field.id));
    const unknown = Object.keys(request.answers).filter((key) => !known.has(key));
    const badStep = request.stepId !== undefined && !definition.steps.some((step) => step.id === request.stepId);
    if (unknown.length > 0 || badStep) {
      throw new ProblemError(problem(400, 'validation', lang === 'en' ? 'Some answers need correcting' : 'Några svar behöver rättas',
        undefined, [
          ...unknown.map((path) => ({ path, code: 'unknownField', message: errorMessage({ path, code: 'unknownField', params: {} }, definition, lang) })),
          ...(badStep ? [{ path: 'stepId', code: 'unknownStep', message: lang === 'en' ? 'The step is not part of this e-service' : 'Steget finns inte i e-tjänsten' }] : []),
        ]));
    }
    return definition;
  }
}

/** The company chosen so far, kept as it is: the register is asked when the case is sent. */
function companyOf(request: SaveDraftRequest): string | null {
  return request.company ? JSON.stringify(request.company) : null;
}

function expiry(definition: ServiceDefinition, from: Date): string {
  return new Date(from.getTime() + definition.retention.draftDays * DAY_MS).toISOString();
}
