/**
 * Caps applied while staging a submission. A lab submission is nine .ts files of a few KB each, so
 * every cap sits far above an honest submission and far below what would hurt the grader (the
 * Gradescope container has 768 MB of memory and a small disk).
 */
export interface StageLimits {
  /**
   * Most bytes one .ts file may have. A larger file is rejected on its own (the rest is still
   * graded); in a zip it is never inflated. 1 MiB is ~50x the largest reference file.
   */
  maxFileBytes: number;
  /**
   * Most uncompressed bytes a zip may declare over all its entries, and most bytes the grader
   * reads or inflates in total, for a folder or a zip. Past it the whole submission is rejected.
   */
  maxTotalBytes: number;
  /** Most entries in a zip, or files and folders walked in a folder submission (whole submission rejected past it). */
  maxEntries: number;
  /**
   * Highest uncompressed/compressed ratio of a zip entry of at least `ratioMinBytes` bytes
   * (declared or actually inflated); past it the zip is rejected as a zip bomb. Source text
   * compresses about 4-10x; runs of zeros compress ~1000x.
   */
  maxCompressionRatio: number;
  /** Entries smaller than this are exempt from the ratio check (tiny files can compress very well). */
  ratioMinBytes: number;
  /** How many folder levels above the lab files are looked through (`hw4/submission/src/rnn.ts` is 3). */
  maxNestDepth: number;
  /** Deepest folder level walked at all; deeper files are ignored. */
  maxWalkDepth: number;
  /** How many ignored paths a message names before it says "and N more". */
  maxListedIgnored: number;
}

const MiB = 1024 * 1024;

/** The caps the grader uses unless a caller (a test) overrides some. */
export const DEFAULT_STAGE_LIMITS: Readonly<StageLimits> = Object.freeze({
  maxFileBytes: 1 * MiB,
  maxTotalBytes: 20 * MiB,
  maxEntries: 2000,
  maxCompressionRatio: 100,
  ratioMinBytes: 1 * MiB,
  maxNestDepth: 3,
  maxWalkDepth: 8,
  maxListedIgnored: 10,
});

/** Human-readable size for messages: "1 MB", "50.3 MB", "812 bytes". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < MiB) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0).replace(/\.0$/, '')} KB`;
  return `${(n / MiB).toFixed(1).replace(/\.0$/, '')} MB`;
}
