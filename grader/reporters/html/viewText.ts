/** Untrusted text for the report view: cleaned and capped, before Handlebars escapes it. Pure. */
import { TEST_OUTPUT_LIMIT } from '../gradescope/toGradescope';
import { capLength, cleanText } from '../sanitize';

/** Longest text of each kind in the page. */
export const LIMITS = { message: TEST_OUTPUT_LIMIT, runMessage: TEST_OUTPUT_LIMIT, sample: 2_000, short: 300 } as const;

/** NUL bytes replaced, ANSI sequences and control characters removed, capped with a visible note. */
export function text(s: string, limit: number = LIMITS.short): string {
  return capLength(cleanText(s), limit);
}
