import type { Database } from '../store/database.js';

/**
 * Case numbers read FEL-2026-00001, FEL-2026-00002, …: one PostgreSQL sequence per prefix and year, made on the
 * first case of that prefix and year. A sequence rather than a counter row: the row's lock was held until the
 * case's commit, so every case of a prefix waited for the commit of the one before (measured: `npm run bench --
 * server`), while a sequence hands out the next value and locks nothing. The number is taken after everything
 * that may refuse the case (caseNumberSql), so it is lost — a gap — only when the database fails the rest of the
 * transaction or its commit (it or the connection goes away); a gapless number needs a lock held through the commit.
 */
export class CaseNumbers {
  /** Sequences known to exist, by name: each instance makes sure of one once. */
  readonly #ready = new Map<string, Promise<void>>();

  constructor(private readonly db: Database) {}

  /** The sequence of a prefix and year, made first if it is not there; before the case's own transaction. */
  async sequence(prefix: string, year: number): Promise<string> {
    const name = sequenceName(prefix, year);
    let ready = this.#ready.get(name);
    if (!ready) {
      ready = this.#make(name, prefix, year);
      this.#ready.set(name, ready);
      // A failure (the database away) is tried again by the next case.
      ready.catch(() => this.#ready.delete(name));
    }
    await ready;
    return name;
  }

  /**
   * Made once whichever instance comes first (an advisory lock, as the migrations take), starting after the
   * last number the counter table of earlier versions gave for this prefix and year.
   */
  #make(name: string, prefix: string, year: number): Promise<void> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
      const { rows } = await tx.query<{ made: boolean }>('SELECT to_regclass($1) IS NOT NULL AS made', [name]);
      if (rows[0]!.made) return;
      const counted = await tx.query<{ last_value: number }>(
        'SELECT last_value FROM case_number_counters WHERE prefix = $1 AND year = $2', [prefix, year]);
      await tx.query(`CREATE SEQUENCE ${name} START WITH ${Number(counted.rows[0]?.last_value ?? 0) + 1}`);
    });
  }
}

function sequenceName(prefix: string, year: number): string {
  // Both go into SQL as they are: the contract allows only A–Z in a prefix, and the year is a number.
  if (!/^[A-Z]{2,6}$/.test(prefix) || !Number.isInteger(year)) throw new Error(`no case numbers for ${prefix} ${year}`);
  return `case_numbers_${prefix.toLowerCase()}_${year}`;
}

/**
 * SQL of a case's number: the prefix and year (`prefixYear`, FEL-2026-), then `n`, a value drawn from the
 * sequence, to at least five digits. Drawn in the statement that numbers the case (CaseService.create), after
 * everything that may refuse it.
 */
export function caseNumberSql(prefixYear: string, n: string): string {
  return `${prefixYear} || lpad(${n}::text, greatest(5, length(${n}::text)), '0')`;
}

export function prefixYearOf(prefix: string, year: number): string {
  return `${prefix}-${year}-`;
}
