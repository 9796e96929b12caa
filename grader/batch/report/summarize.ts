/**
 * summary.json: what a class's batch shows staff at a glance. The score histogram, the pass rate of
 * every test over the submissions whose tests ran (item analysis, with the upper-lower
 * discrimination index: pass rate among the best 27% minus among the worst 27%), the slowest
 * submissions, failures by kind, the backends used, and the problems with the input. Pure.
 */
import type { TestStatus } from '../../results/types';
import { KIND_ORDER } from '../classify';
import type { BatchEntry, BatchProblem, EntryStatus, FailureKind, Fingerprint, Rubric, Shard } from '../types';

export interface ItemStat {
  id: string;
  name: string;
  question: string;
  points: number;
  /** Submissions whose tests ran (not rejected, no grader fault). */
  ran: number;
  counts: Record<TestStatus, number>;
  /** passed / ran; null when nothing ran. */
  passRate: number | null;
  /** Upper-lower discrimination index, -1..1; null below 4 submissions. */
  discrimination: number | null;
}

export interface BatchSummary {
  tool: 'rnn-lab batch';
  createdAt: string;
  input: string;
  shard: Shard | null;
  fingerprint: Fingerprint;
  rubric: Rubric;
  /** How this run went: submissions graded now, results reused from an earlier run, wall time. */
  run: { gradedNow: number; reused: number; wallSeconds: number; jobs: number };
  counts: { submissions: number; byStatus: Record<EntryStatus, number> };
  scores: {
    scored: number;
    mean: number | null;
    median: number | null;
    max: number;
    histogram: { from: number; to: number; count: number }[];
  };
  items: ItemStat[];
  slowest: { key: string; id: string; seconds: number; status: EntryStatus }[];
  failures: { kind: FailureKind; count: number; submissions: { key: string; id: string; reason: string }[] }[];
  backends: { backend: string; count: number }[];
  problems: BatchProblem[];
  entries: BatchEntry[];
}

export const HISTOGRAM_BINS = 10;
export const SLOWEST_SHOWN = 10;
const STATUSES: EntryStatus[] = ['graded', ...KIND_ORDER];
const TEST_STATUSES: TestStatus[] = ['passed', 'failed', 'error', 'timeout', 'not_run'];

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Ten equal bins over [0, max]; the last one holds max itself. */
export function histogram(scores: number[], max: number, bins = HISTOGRAM_BINS): BatchSummary['scores']['histogram'] {
  const width = max > 0 ? max / bins : 1;
  const out = Array.from({ length: bins }, (_, i) => ({ from: round(i * width, 2), to: round((i + 1) * width, 2), count: 0 }));
  for (const s of scores) out[Math.min(bins - 1, Math.max(0, Math.floor(s / width + 1e-9)))].count++;
  return out;
}

function itemStats(entries: BatchEntry[], rubric: Rubric): ItemStat[] {
  const ran = entries.filter((e) => e.status !== 'rejected' && e.status !== 'grader_fault').sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  const group = ran.length >= 4 ? Math.max(1, Math.round(0.27 * ran.length)) : 0;
  const rate = (es: BatchEntry[], id: string) => es.filter((e) => e.tests[id] === 'passed').length / es.length;
  return rubric.questions.flatMap((q) =>
    q.tests.map((t): ItemStat => {
      const counts = Object.fromEntries(TEST_STATUSES.map((s) => [s, 0])) as Record<TestStatus, number>;
      const with_ = ran.filter((e) => e.tests[t.id] !== undefined);
      for (const e of with_) counts[e.tests[t.id]]++;
      return {
        id: t.id,
        name: t.name,
        question: q.id,
        points: t.points,
        ran: with_.length,
        counts,
        passRate: with_.length > 0 ? round(counts.passed / with_.length) : null,
        discrimination: group > 0 ? round(rate(ran.slice(0, group), t.id) - rate(ran.slice(-group), t.id)) : null,
      };
    }),
  );
}

export interface SummaryMeta {
  input: string;
  shard: Shard | null;
  fingerprint: Fingerprint;
  rubric: Rubric;
  run: BatchSummary['run'];
  createdAt?: string;
}

export function summarize(entries: readonly BatchEntry[], problems: readonly BatchProblem[], meta: SummaryMeta): BatchSummary {
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const max = meta.rubric.questions.reduce((s, q) => s + q.tests.reduce((t, x) => t + x.points, 0), 0);
  const scored = sorted.map((e) => e.score).filter((s): s is number => s !== null);
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, sorted.filter((e) => e.status === s).length])) as Record<EntryStatus, number>;
  const backends = new Map<string, number>();
  // 'none': the submission never ran (rejected, or the grader failed first)
  for (const e of sorted) if (e.backend !== 'none') backends.set(e.backend, (backends.get(e.backend) ?? 0) + 1);
  return {
    tool: 'rnn-lab batch',
    createdAt: meta.createdAt ?? new Date().toISOString(),
    input: meta.input,
    shard: meta.shard,
    fingerprint: meta.fingerprint,
    rubric: meta.rubric,
    run: meta.run,
    counts: { submissions: sorted.length, byStatus },
    scores: {
      scored: scored.length,
      mean: scored.length > 0 ? round(scored.reduce((a, b) => a + b, 0) / scored.length, 2) : null,
      median: median(scored),
      max,
      histogram: histogram(scored, max),
    },
    items: itemStats(sorted, meta.rubric),
    slowest: [...sorted]
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, SLOWEST_SHOWN)
      .map((e) => ({ key: e.key, id: e.id, seconds: e.seconds, status: e.status })),
    failures: KIND_ORDER.map((kind) => {
      const hit = sorted.filter((e) => e.kinds.includes(kind));
      return { kind, count: hit.length, submissions: hit.map((e) => ({ key: e.key, id: e.id, reason: e.reasons[kind] ?? e.reason })) };
    }),
    backends: [...backends.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([backend, count]) => ({ backend, count })),
    problems: [...problems],
    entries: sorted,
  };
}
