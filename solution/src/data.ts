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
  if (!Number.isInteger(minCount) || minCount < 1) {
    throw new RangeError(`buildVocab: minCount must be an integer >= 1, got ${minCount}`);
  }
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  const kept = new Set<string>([UNK]);
  for (const [word, count] of counts) if (count >= minCount) kept.add(word);
  const words = [...kept].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { words, index: new Map(words.map((word, id) => [word, id])) };
}

/** Maps tokens to ids; words not in the vocabulary become the UNK id. Returns [tokens.length]. */
export function encode(tokens: readonly string[], vocab: Vocab): Int32Array {
  const unkId = vocab.index.get(UNK);
  if (unkId === undefined) throw new Error(`encode: the vocabulary has no ${UNK} entry`);
  const ids = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) ids[i] = vocab.index.get(tokens[i]) ?? unkId;
  return ids;
}

/** Maps ids back to words; an id outside [0, V) is an error. */
export function decode(ids: ArrayLike<number>, vocab: Vocab): string[] {
  const words: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= vocab.words.length) {
      throw new RangeError(`decode: id ${id} at position ${i} is outside the vocabulary [0, ${vocab.words.length})`);
    }
    words.push(vocab.words[id]);
  }
  return words;
}

function checkIds(ids: Int32Array, fn: string): void {
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < 0) throw new RangeError(`${fn}: id ${ids[i]} at position ${i} is negative; ids index the vocabulary`);
  }
}

/**
 * Sliding n-gram examples: inputs[i] = ids[i .. i+n-2], labels[i] = ids[i+n-1].
 * @returns inputs [len-n+1, n-1] int32, labels [len-n+1] int32
 */
export function makeNgramExamples(ids: Int32Array, n: number): { inputs: tf.Tensor2D; labels: tf.Tensor1D } {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`makeNgramExamples: n must be an integer >= 2, got ${n}`);
  if (ids.length < n) {
    throw new RangeError(`makeNgramExamples: need at least n = ${n} tokens for one example, got ${ids.length}`);
  }
  checkIds(ids, 'makeNgramExamples');
  const num = ids.length - n + 1;
  const context = n - 1;
  const inputs = new Int32Array(num * context);
  const labels = new Int32Array(num);
  for (let i = 0; i < num; i++) {
    inputs.set(ids.subarray(i, i + context), i * context);
    labels[i] = ids[i + context];
  }
  return { inputs: tf.tensor2d(inputs, [num, context], 'int32'), labels: tf.tensor1d(labels, 'int32') };
}

/**
 * Non-overlapping training windows: x = ids[0 .. len-2], y = ids[1 .. len-1], both cut to a
 * multiple of windowSz and reshaped.
 * @returns inputs, labels: [floor((len-1)/windowSz), windowSz] int32; labels[w][t] = inputs[w][t+1]
 *   within a window, i.e. each label is the token that follows its input.
 */
export function makeWindows(ids: Int32Array, windowSz: number): { inputs: tf.Tensor2D; labels: tf.Tensor2D } {
  if (!Number.isInteger(windowSz) || windowSz < 1) {
    throw new RangeError(`makeWindows: windowSz must be an integer >= 1, got ${windowSz}`);
  }
  const numWindows = Math.floor((ids.length - 1) / windowSz);
  if (numWindows < 1) {
    throw new RangeError(`makeWindows: need at least windowSz + 1 = ${windowSz + 1} tokens for one window, got ${ids.length}`);
  }
  checkIds(ids, 'makeWindows');
  const used = numWindows * windowSz;
  const inputs = ids.slice(0, used);
  const labels = ids.slice(1, used + 1);
  return {
    inputs: tf.tensor2d(inputs, [numWindows, windowSz], 'int32'),
    labels: tf.tensor2d(labels, [numWindows, windowSz], 'int32'),
  };
}
