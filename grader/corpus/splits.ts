/**
 * Cuts the token stream into train / validation / test and builds a vocabulary from train counts.
 * Pure functions on string arrays; the rules are the lab's (DESIGN §4, Bengio et al. 2003).
 */
import { UNK } from './tokens';

/** Bengio et al. 2003 on Brown: first 800,000 tokens train, next 200,000 validation, rest test. */
export const BROWN_TRAIN_TOKENS = 800_000;
export const BROWN_VALID_TOKENS = 200_000;
/** Bengio merged words of frequency <= 3 into one symbol: keep words seen at least 4 times in train. */
export const BROWN_MIN_COUNT = 4;

export interface Splits {
  train: string[];
  valid: string[];
  test: string[];
}

/**
 * First `trainSize` tokens are train, the next `validSize` validation, the rest test, cutting
 * mid-sentence where the counts fall. Throws if the stream is shorter than train + valid.
 */
export function splitTokens(tokens: readonly string[], trainSize: number, validSize: number): Splits {
  if (tokens.length < trainSize + validSize) {
    throw new Error(`corpus has ${tokens.length} tokens, fewer than train ${trainSize} + validation ${validSize}`);
  }
  return {
    train: tokens.slice(0, trainSize),
    valid: tokens.slice(trainSize, trainSize + validSize),
    test: tokens.slice(trainSize + validSize),
  };
}

/** How often each token occurs. */
export function countWords(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Plain JavaScript code-unit order (`a < b`), the order of every vocabulary file. */
export function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Words with count >= minCount, plus `<unk>`, sorted in code-unit order. */
export function buildVocab(trainTokens: readonly string[], minCount: number): string[] {
  if (!Number.isInteger(minCount) || minCount < 1) throw new Error(`minCount must be a positive integer, got ${minCount}`);
  const words = new Set<string>([UNK]);
  for (const [word, count] of countWords(trainTokens)) if (count >= minCount) words.add(word);
  return [...words].sort(codeUnitOrder);
}

/** Replaces every token outside `vocab` by `<unk>` (the mapping the vocabulary files define). */
export function mapUnknown(tokens: readonly string[], vocab: readonly string[]): string[] {
  const known = new Set(vocab);
  return tokens.map((t) => (known.has(t) ? t : UNK));
}
