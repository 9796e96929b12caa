/** Number and label formatting shared by the reporters. Pure. */
import type { TestStatus } from '../results/types';

/** Points with at most 2 decimals and no trailing zeros: 6, 2.5, 0.33. */
export function formatPoints(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Math.round(x * 100) / 100);
}

/** An error magnitude: 0, 3.1e-7, 0.0042, 12.5 (3 significant digits). */
export function formatError(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e4 ? x.toExponential(2) : String(Number(x.toPrecision(3)));
}

/** [32, 10, 4]; [] for a scalar. */
export function formatShape(shape: readonly number[] | null): string {
  return shape === null ? 'none' : `[${shape.join(', ')}]`;
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
