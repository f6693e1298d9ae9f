import { KINDS, type Sample, type Tally } from './mix.js';

/** Nearest rank: the smallest time that at least p % of the requests took no longer than. */
export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  return sortedMs[Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1)]!;
}

export interface Figures {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export function figures(samples: Sample[], seconds: number): Figures {
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  return {
    count: samples.length,
    perSecond: samples.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors: samples.filter((sample) => !sample.ok).length,
  };
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0));

/** One line per kind of request and one for all, throughput over the whole run's wall time. */
export function table(tally: Tally): string[] {
  const seconds = (tally.endedAt - tally.startedAt) / 1000;
  const row = (name: string, f: Figures) =>
    `  ${name.padEnd(24)}${String(f.count).padStart(7)}${f.perSecond.toFixed(1).padStart(9)}${ms(f.p50).padStart(9)}${ms(f.p99).padStart(9)}${String(f.errors).padStart(8)}`;
  return [
    `  ${'request'.padEnd(24)}${'count'.padStart(7)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(8)}`,
    ...KINDS.map((kind) => row(kind, figures(tally.samples.filter((sample) => sample.kind === kind), seconds))),
    row('all', figures(tally.samples, seconds)),
  ];
}
