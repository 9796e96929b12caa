/**
 * Number and label formatting of the report formats: points, percentages, status words, short
 * hashes, JUnit seconds, chart ticks. Errors, shapes, indices and durations are grader/format.ts
 * (the suites' messages use them too). Pure.
 */
import type { TestStatus } from '../../results/types';

/** Points with at most 2 decimals and no trailing zeros: 6, 2.5, 0.33. */
export function formatPoints(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Math.round(x * 100) / 100);
}

/** The word shown for a status that did not pass. */
export const STATUS_WORD: Record<TestStatus, string> = {
  passed: 'Passed',
  failed: 'Failed',
  error: 'Error',
  timeout: 'Timed out',
  not_run: 'Not run',
};

/** First line of a message, trimmed. */
export function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).trim();
}

/** Share of `max` earned, 0..100, rounded down to a whole percent; 0 when max is 0 or not finite. */
export function percentOf(score: number, max: number): number {
  if (!Number.isFinite(score) || !Number.isFinite(max) || max <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((score / max) * 100 + 1e-9)));
}

/** "55%"; "–" when there is nothing to earn. */
export function formatPercent(score: number, max: number): string {
  return Number.isFinite(max) && max > 0 ? `${percentOf(score, max)}%` : '–';
}

/** Seconds with millisecond precision, as JUnit's `time` attributes want them: "0.012". */
export function junitSeconds(ms: number): string {
  return Number.isFinite(ms) && ms > 0 ? (ms / 1000).toFixed(3) : '0.000';
}

/** The first 12 hex digits of a hash, enough to tell two runs apart at a glance. */
export function shortHash(hash: string): string {
  return hash.length > 12 ? hash.slice(0, 12) : hash;
}

/**
 * Tick values: about `count` round numbers (1, 2, 2.5 or 5 times a power of ten) within [lo, hi],
 * or with `outward` from the last round number at or below lo to the first at or above hi.
 */
export function niceTicks(lo: number, hi: number, count = 5, outward = false): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * power;
  const first = outward ? Math.floor(lo / step + 1e-9) : Math.ceil(lo / step - 1e-9);
  const last = outward ? Math.ceil(hi / step - 1e-9) : Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  // Multiply rather than accumulate, so 0.1 * 3 does not drift to 0.30000000000000004 in labels.
  for (let i = first; i <= last; i += 1) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** A tick label: as few digits as the step between ticks needs. */
export function formatTick(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(1).replace('.0e', 'e');
  return String(Number(x.toPrecision(4)));
}
