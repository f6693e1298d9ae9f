import { openDatabase, type DatabaseOptions } from '../../server/store/database.js';

/** The cases one run made, told apart by the run's marker in their place text. */
export interface Counted {
  caseIds: string[];
  /** Place texts (one per request) found on more than one case: a request stored twice. */
  twice: number;
}

/** Counted with SQL through the server's own store: for PGlite after its server stopped (the folder is then free). */
export async function countCases(database: DatabaseOptions, markers: string[]): Promise<Map<string, Counted>> {
  const db = await openDatabase(database);
  try {
    const counted = new Map<string, Counted>();
    for (const marker of markers) {
      const { rows } = await db.query<{ id: string; place: string }>(
        `SELECT id, answers->>'place' AS place FROM cases WHERE answers->>'place' LIKE $1`,
        [`%(${marker}-%`],
      );
      counted.set(marker, { caseIds: rows.map((row) => row.id), twice: rows.length - new Set(rows.map((row) => row.place)).size });
    }
    return counted;
  } finally {
    await db.close();
  }
}

/**
 * The check of one run: every case answered 2xx is there once, and no request is stored twice. A case more than
 * that was sent but not yet answered when the run's time was up (at most one per connection): it is stored, and
 * told apart.
 */
export function verdict(answered: Set<string>, counted: Counted, connections: number): { text: string; ok: boolean } {
  const stored = new Set(counted.caseIds);
  const missing = [...answered].filter((id) => !stored.has(id)).length;
  const unanswered = counted.caseIds.length - (answered.size - missing);
  const ok = missing === 0 && counted.twice === 0 && unanswered <= connections;
  const notes = [
    missing ? `${missing} missing` : '',
    counted.twice ? `${counted.twice} twice` : '',
  ].filter(Boolean);
  return { ok, text: `${answered.size - missing}${unanswered ? `+${unanswered}` : ''} ${ok ? '✓' : `✗ ${notes.join(', ')}`}` };
}
