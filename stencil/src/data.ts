/**
 * Vocabulary and example construction for the language models.
 *
 * Token ids index the sorted vocabulary. N-gram models learn p(w_i | w_{i-n+1} .. w_{i-1}) from
 * sliding examples; the RNN learns from non-overlapping windows whose labels are the inputs
 * shifted by one token.
 */
import * as tf from '@tensorflow/tfjs';

export const UNK = '<unk>';
export const STOP = '<stop>';

/** A vocabulary: `words` sorted (code-unit order) with UNK included; `index` maps word -> id. */
export interface Vocab {
  readonly words: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

/**
 * Builds the vocabulary of `tokens`: every word seen at least `minCount` times, plus UNK, sorted so
 * that everyone gets the same ids.
 */
export function buildVocab(tokens: readonly string[], minCount = 1): Vocab {
  // Hints: count every token; keep those with count >= minCount; always add UNK; sort with
  // (a < b ? -1 : a > b ? 1 : 0) so the order does not depend on the locale; index = word -> position.
  // Reject a minCount that is not an integer >= 1 with a RangeError that says what was given.
  throw new Error('TODO(buildVocab): count the tokens, keep words seen >= minCount times plus <unk>, sort them');
}

/** Maps tokens to ids; words not in the vocabulary become the UNK id. Returns [tokens.length]. */
export function encode(tokens: readonly string[], vocab: Vocab): Int32Array {
  throw new Error('TODO(encode): map each token to vocab.index, unknown words to the id of <unk>');
}

/** Maps ids back to words; an id outside [0, V) is an error. */
export function decode(ids: ArrayLike<number>, vocab: Vocab): string[] {
  throw new Error('TODO(decode): map each id to vocab.words[id]; throw a RangeError for ids outside [0, V)');
}

/**
 * Sliding n-gram examples: inputs[i] = ids[i .. i+n-2], labels[i] = ids[i+n-1].
 * @returns inputs [len-n+1, n-1] int32, labels [len-n+1] int32
 */
export function makeNgramExamples(ids: Int32Array, n: number): { inputs: tf.Tensor2D; labels: tf.Tensor1D } {
  // Hints: a trigram (n = 3) sees two words and predicts the third. Build the examples in an
  // Int32Array, then tf.tensor2d(values, [num, n - 1], 'int32'). Reject n < 2 and corpora shorter
  // than n tokens with an error that says what was given and what is required.
  throw new Error('TODO(makeNgramExamples): inputs[i] = ids[i..i+n-2], labels[i] = ids[i+n-1]');
}

/**
 * Non-overlapping training windows: x = ids[0 .. len-2], y = ids[1 .. len-1], both cut to a
 * multiple of windowSz and reshaped.
 * @returns inputs, labels: [floor((len-1)/windowSz), windowSz] int32
 */
export function makeWindows(ids: Int32Array, windowSz: number): { inputs: tf.Tensor2D; labels: tf.Tensor2D } {
  // Hints: drop the last token for x and the first for y ("if you don't, you will see very, very
  // small perplexities": the label would be the input itself). Reject windowSz < 1 and corpora too
  // short for one window.
  throw new Error('TODO(makeWindows): x = ids[0..len-2], y = ids[1..len-1], cut to a multiple of windowSz, reshape to [numWindows, windowSz]');
}
