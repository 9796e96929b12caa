/**
 * Perplexity bars from calibration runs. The bar must sit above the worst correct run (so every
 * correct implementation passes) and below the unigram perplexity (so no model that ignores its
 * inputs can pass); it is put at their geometric mean, which leaves the same margin on each side
 * on the log scale that perplexity lives on.
 */

export interface Spread {
  min: number;
  max: number;
  mean: number;
  sd: number;
}

export interface ProposedBars {
  /** Pass when the held-out perplexity is at most this. */
  threshold: number;
  /** Fail as "labels leak into inputs" below this: a quarter of the best correct run. */
  implausibleBelow: number;
  /** threshold / worst correct run - 1. */
  marginOverWorst: number;
  /** 1 - threshold / unigram perplexity. */
  marginUnderUnigram: number;
  /** worst correct run / unigram perplexity. */
  worstToUnigram: number;
  /** Whether every correct run reached at most MAX_WORST_TO_UNIGRAM of the unigram perplexity. */
  budgetOk: boolean;
}

/** The grading budget must let the reference get at least 15% below the unigram figure. */
export const MAX_WORST_TO_UNIGRAM = 0.85;

export function spread(xs: number[]): Spread {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { min: Math.min(...xs), max: Math.max(...xs), mean, sd: Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length) };
}

export function proposeBars(s: Spread, unigram: number): ProposedBars {
  const threshold = Math.floor(Math.sqrt(s.max * unigram));
  return {
    threshold,
    implausibleBelow: Math.max(2, Math.floor(s.min / 4)),
    marginOverWorst: threshold / s.max - 1,
    marginUnderUnigram: 1 - threshold / unigram,
    worstToUnigram: s.max / unigram,
    budgetOk: s.max <= MAX_WORST_TO_UNIGRAM * unigram,
  };
}
