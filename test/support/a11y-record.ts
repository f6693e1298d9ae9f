import { appendFileSync } from 'node:fs';

/** One accessibility check a test made, for the report: what was looked at, against which WCAG criteria, and how it went. */
export interface A11yRecord {
  suite: string;
  state: string;
  check: string;
  criteria: string[];
  passed: boolean;
  detail?: string;
}

/** Appends one JSON line to the file named by A11Y_RESULTS (nothing when unset). */
export function recordA11y(record: A11yRecord): void {
  const file = process.env.A11Y_RESULTS;
  if (!file) return;
  // One line per write: suites in two lanes append to the same file without interleaving records.
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}
