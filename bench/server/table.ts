import type { Figures } from './cannon.js';

export interface Row {
  database: string;
  connections: number;
  what: 'cases' | 'draft saves' | 'pgbench insert';
  figures: Figures;
  /** Cases only: found in the database after the run, beside the 2xx answers. */
  counted?: string;
  /** Our rate over pgbench's at the same number of connections on the same PostgreSQL. */
  ofPgbench?: number;
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0));

const COLUMNS: [string, number][] = [
  ['database', 11], ['conns', 6], ['what', 16], ['per s', 8], ['p50 ms', 8], ['p99 ms', 8], ['max ms', 8], ['errors', 7], ['counted', 15], ['of pgbench', 11],
];

function line(cells: string[]): string {
  return `  ${cells.map((cell, i) => (i < 1 || i === 2 ? cell.padEnd(COLUMNS[i]![1]) : cell.padStart(COLUMNS[i]![1]))).join(' ')}`;
}

/** One line per run, in the order they ran. */
export function table(rows: Row[]): string[] {
  return [
    line(COLUMNS.map(([name]) => name)),
    ...rows.map((row) => line([
      row.database, String(row.connections), row.what, row.figures.perSecond.toFixed(0),
      ms(row.figures.p50), ms(row.figures.p99), ms(row.figures.max), String(row.figures.errors),
      row.counted ?? '', row.ofPgbench === undefined ? '' : `${(row.ofPgbench * 100).toFixed(1)} %`,
    ])),
  ];
}
