import type { FieldProblem } from '../../src/contract/problem.js';
import { type CaseDetails, type Draft, type Message, Profile } from '../../src/contract/my-pages.js';
import type { Language } from '../../src/contract/text.js';
import { t } from '../../src/i18n/index.js';
import '../../src/i18n/messages.js';
import '../../src/i18n/messages.validation.js';
import { problem, ProblemError } from '../problem.js';
import type { Queryable } from '../store/database.js';
import { toDraft } from './drafts.js';
import { messagesOf } from './messages.js';
import type { MyCasesService } from './my-cases.js';

interface ProfileRow {
  email: string | null;
  phone: string | null;
  notify_by: Profile['notifyBy'] | null;
  updated_at: Date | string;
}

function toProfile(row: ProfileRow | undefined): Profile {
  if (!row) return { notifyBy: 'none' };
  return {
    ...(row.email ? { email: row.email } : {}),
    ...(row.phone ? { phone: row.phone } : {}),
    notifyBy: row.notify_by ?? (row.email ? 'email' : 'none'),
  };
}

/** The contract's Profile, with a field error in the citizen's language for each problem. */
export function parseProfile(body: unknown, lang: Language): Profile {
  const result = Profile.safeParse(body);
  const errors: FieldProblem[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.') || '(body)';
      if (path === 'email') errors.push({ path, code: 'email', message: t(lang, 'validation.email') });
      else if (path === 'phone') errors.push({ path, code: 'phone', message: t(lang, 'validation.phone') });
      else if (path === 'notifyBy') {
        errors.push({ path, code: 'option', message: lang === 'en' ? 'Choose how you want to be told: email, SMS or not at all' : 'Välj hur du vill bli meddelad: e-post, sms eller inte alls' });
      } else errors.push({ path, code: issue.code, message: issue.message });
    }
  } else {
    // Told by e-mail or SMS needs somewhere to send it.
    if (result.data.notifyBy === 'email' && !result.data.email) {
      errors.push({ path: 'email', code: 'required', message: lang === 'en' ? 'Enter the email address to be told at' : 'Fyll i e-postadressen du vill bli meddelad på' });
    }
    if (result.data.notifyBy === 'sms' && !result.data.phone) {
      errors.push({ path: 'phone', code: 'required', message: lang === 'en' ? 'Enter the mobile number to be told at' : 'Fyll i mobilnumret du vill bli meddelad på' });
    }
  }
  if (errors.length > 0) {
    throw new ProblemError(problem(400, 'validation', lang === 'en' ? 'Some answers need correcting' : 'Några svar behöver rättas', undefined, errors));
  }
  return result.data!;
}

/**
 * How the citizen wants to hear about news (`profiles`). Without a choice stored, notifyBy is 'email'
 * when an e-mail address is stored, else 'none' (nothing stored at all reads { notifyBy: 'none' }).
 */
export async function profileOf(db: Queryable, personalNumber: string): Promise<Profile> {
  const { rows } = await db.query<ProfileRow>('SELECT email, phone, notify_by, updated_at FROM profiles WHERE personal_number = $1', [personalNumber]);
  return toProfile(rows[0]);
}

export async function saveProfile(db: Queryable, personalNumber: string, profile: Profile, at: Date): Promise<Profile> {
  const { rows } = await db.query<ProfileRow>(
    `INSERT INTO profiles (personal_number, email, phone, notify_by, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (personal_number) DO UPDATE
       SET email = EXCLUDED.email, phone = EXCLUDED.phone, notify_by = EXCLUDED.notify_by, updated_at = EXCLUDED.updated_at
     RETURNING email, phone, notify_by, updated_at`,
    [personalNumber, profile.email ?? null, profile.phone?.trim() ?? null, profile.notifyBy, at.toISOString()],
  );
  return toProfile(rows[0]);
}

/** GET /api/my/export: everything stored about the person, bytes of files excepted. */
export interface PersonalDataExport {
  exportedAt: string;
  person: { personalNumber: string; name: string };
  profile: Profile;
  drafts: Draft[];
  cases: (CaseDetails & { messages: Message[] })[];
  /** Uploads not (yet) part of a case or message: kept until a case claims them or the cleanup removes them. */
  unclaimedAttachments: { id: string; fileName: string; kind: string; sizeBytes: number; uploadedAt: string }[];
}

export async function exportFor(
  db: Queryable, myCases: MyCasesService, person: { personalNumber: string; name: string }, at: Date, lang: Language,
): Promise<PersonalDataExport> {
  const owner = person.personalNumber;
  const drafts = await db.query<Parameters<typeof toDraft>[0]>(
    `SELECT id, service_id, service_version, answers, step_id, version, created_at, updated_at, expires_at
       FROM drafts WHERE owner_personal_number = $1 AND expires_at > $2 ORDER BY created_at, id`,
    [owner, at.toISOString()]);
  const cases: PersonalDataExport['cases'] = [];
  for (const id of await myCases.caseIds(owner)) {
    cases.push({ ...(await myCases.details(owner, id, lang)), messages: await messagesOf(db, id) });
  }
  const unclaimed = await db.query<{ id: string; file_name: string; kind: string; size_bytes: number | string; uploaded_at: Date | string }>(
    `SELECT id, file_name, kind, size_bytes, uploaded_at FROM attachments
      WHERE owner_personal_number = $1 AND case_id IS NULL ORDER BY uploaded_at, id`, [owner]);
  return {
    exportedAt: at.toISOString(),
    person: { personalNumber: owner, name: person.name },
    profile: await profileOf(db, owner),
    drafts: drafts.rows.map(toDraft),
    cases,
    unclaimedAttachments: unclaimed.rows.map((row) => ({
      id: row.id, fileName: row.file_name, kind: row.kind, sizeBytes: Number(row.size_bytes), uploadedAt: new Date(row.uploaded_at).toISOString(),
    })),
  };
}
