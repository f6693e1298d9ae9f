import { openDatabase, type DatabaseOptions } from '../../server/store/database.js';
import type { Tally } from './mix.js';

/** What the database holds after a run. */
export interface Stored {
  caseIds: string[];
  /** Submissions (told apart by the run's marker in their place text) stored as more than one case. */
  submissionsTwice: number;
  attachments: number;
}

/** Counted with SQL through the server's own store, after the server has stopped (PGlite's folder is then free). */
export async function countStored(database: DatabaseOptions, marker: string): Promise<Stored> {
  const db = await openDatabase(database);
  try {
    const cases = await db.query<{ id: string }>('SELECT id FROM cases');
    const twice = await db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM (SELECT answers->>'place' FROM cases WHERE answers->>'place' LIKE $1 GROUP BY 1 HAVING count(*) > 1) AS doubled`,
      [`%(${marker}-%`],
    );
    const attachments = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM attachments');
    return { caseIds: cases.rows.map((row) => row.id), submissionsTwice: Number(twice.rows[0]!.n), attachments: Number(attachments.rows[0]!.n) };
  } finally {
    await db.close();
  }
}

/** The cases as the municipality's case system sees them: every page of GET /api/officer/cases. */
export async function casesByOfficerApi(server: string, token: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const response = await fetch(`${server}/api/officer/cases?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status !== 200) throw new Error(`GET /api/officer/cases: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { items: { id: string }[]; nextCursor?: string };
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** Each way the stored cases differ from those the server confirmed with 201; empty when each is there exactly once and no others. */
export function mismatches(tally: Tally, stored: Stored, officer: string[]): string[] {
  const found: string[] = [];
  const confirmed = new Set(tally.created.keys());
  const compare = (where: string, ids: string[]) => {
    const seen = new Map<string, number>();
    for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
    const missing = [...confirmed].filter((id) => !seen.has(id));
    const others = [...seen.keys()].filter((id) => !confirmed.has(id));
    const doubled = [...seen].filter(([, n]) => n > 1);
    if (missing.length) found.push(`${where}: ${missing.length} confirmed cases missing, e.g. ${missing.slice(0, 3).join(', ')}`);
    if (others.length) found.push(`${where}: ${others.length} cases nobody was told about, e.g. ${others.slice(0, 3).join(', ')}`);
    if (doubled.length) found.push(`${where}: ${doubled.length} cases listed more than once`);
  };
  compare('database', stored.caseIds);
  compare('officer API', officer);
  if (stored.submissionsTwice) found.push(`database: ${stored.submissionsTwice} submissions stored as more than one case`);
  if (stored.attachments !== tally.uploaded.size) found.push(`database: ${stored.attachments} files stored, ${tally.uploaded.size} uploads confirmed`);
  return found;
}
