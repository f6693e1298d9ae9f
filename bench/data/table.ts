/** What one item measured at one size: the median time of its runs, and the rows its statements' scans read. */
export interface Figure {
  ms: number;
  rowsRead: number | undefined;
  /** The statement that read the most rows, named when the item grew too much. */
  heaviest?: { rows: number; sql: string } | undefined;
}

/** An item grows too much when its median at the largest size is more than this many times that at the smallest. */
export const MAX_GROWTH = 2;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const size = (n: number) => n.toLocaleString('en-US').replaceAll(',', ' ');
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));

/** The table, a line per item: median ms at each size, largest ÷ smallest, and rows read at each size. */
export function table(sizes: number[], names: string[], figures: Map<string, Figure[]>): { lines: string[]; grown: string[] } {
  const width = Math.max(...names.map((name) => name.length));
  const head = [
    'item'.padEnd(width), ...sizes.map((n) => `${size(n)} ms`.padStart(13)), '×'.padStart(6), ...sizes.map((n) => `rows ${size(n)}`.padStart(16)),
  ].join('  ');
  const lines = [head, '-'.repeat(head.length)];
  const grown: string[] = [];
  for (const name of names) {
    const row = figures.get(name)!;
    const ratio = row.at(-1)!.ms / row[0]!.ms;
    if (ratio > MAX_GROWTH) {
      const heaviest = row.at(-1)!.heaviest;
      grown.push(`${name}: ${ms(row[0]!.ms)} ms → ${ms(row.at(-1)!.ms)} ms (${ratio.toFixed(1)}×)` +
        (heaviest ? `; most rows read (${size(heaviest.rows)}) by: ${heaviest.sql.slice(0, 300)}` : ''));
    }
    lines.push([
      name.padEnd(width), ...row.map((figure) => ms(figure.ms).padStart(13)), `${ratio.toFixed(1)}`.padStart(6),
      ...row.map((figure) => (figure.rowsRead === undefined ? '–' : size(figure.rowsRead)).padStart(16)),
    ].join('  '));
  }
  return { lines, grown };
}
