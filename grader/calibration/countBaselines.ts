/**
 * Closed-form count models of the grading corpus: the perplexities a trained model must beat to
 * show it learned anything from its inputs. A model that ignores its inputs can at best learn the
 * unigram distribution of the training tokens; a bigram is what one token of context buys.
 */

export interface CountBaselines {
  /** Add-one smoothed unigram of the training tokens, on the held-out tokens. */
  unigram: number;
  /** Bigram with absolute discounting (d = 0.75), interpolated with that unigram, on the held-out tokens. */
  bigram: number;
  /** How many held-out tokens were scored (every held-out token after the first). */
  tokens: number;
}

const DISCOUNT = 0.75;

/**
 * @param trainIds token ids the models train on (the whole training split)
 * @param heldIds  held-out token ids; each token after the first is predicted from the one before
 * @param vocabSz  V: ids lie in [0, V)
 */
export function countBaselines(trainIds: Int32Array, heldIds: Int32Array, vocabSz: number): CountBaselines {
  const unigramCounts = new Float64Array(vocabSz);
  for (const id of trainIds) unigramCounts[id]++;
  const unigram = (id: number) => (unigramCounts[id] + 1) / (trainIds.length + vocabSz);

  // Bigram counts keyed by previous * V + next; per previous token its total and distinct successors.
  const pairs = new Map<number, number>();
  const followers = new Float64Array(vocabSz);
  const distinct = new Float64Array(vocabSz);
  for (let i = 1; i < trainIds.length; i++) {
    const key = trainIds[i - 1] * vocabSz + trainIds[i];
    const seen = pairs.get(key) ?? 0;
    if (seen === 0) distinct[trainIds[i - 1]]++;
    pairs.set(key, seen + 1);
    followers[trainIds[i - 1]]++;
  }
  const bigram = (prev: number, next: number) => {
    if (followers[prev] === 0) return unigram(next);
    const count = pairs.get(prev * vocabSz + next) ?? 0;
    const leftOver = (DISCOUNT * distinct[prev]) / followers[prev];
    return Math.max(count - DISCOUNT, 0) / followers[prev] + leftOver * unigram(next);
  };

  let unigramNll = 0;
  let bigramNll = 0;
  for (let i = 1; i < heldIds.length; i++) {
    unigramNll -= Math.log(unigram(heldIds[i]));
    bigramNll -= Math.log(bigram(heldIds[i - 1], heldIds[i]));
  }
  const tokens = heldIds.length - 1;
  return { unigram: Math.exp(unigramNll / tokens), bigram: Math.exp(bigramNll / tokens), tokens };
}
