/** The length limits of every format, and untrusted text cleaned and capped to one. Pure. */
import { capLength, cleanText } from './sanitize';

/** Longest `output` of one test, and of the whole submission, in results.json (Gradescope's own cap is 100,000). */
export const TEST_OUTPUT_LIMIT = 10_000;
export const TOP_OUTPUT_LIMIT = 20_000;

/** Longest text of each kind in the HTML page (and the batch summary). */
export const LIMITS = { message: TEST_OUTPUT_LIMIT, runMessage: TEST_OUTPUT_LIMIT, sample: 2_000, short: 300 } as const;

/** NUL bytes replaced, ANSI sequences and control characters removed, capped with a visible note. */
export function text(s: string, limit: number = LIMITS.short): string {
  return capLength(cleanText(s), limit);
}
