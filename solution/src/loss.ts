/**
 * Cross-entropy loss and perplexity. Perplexity is exp of the NLL averaged over all tokens of a set
 * (not the mean of per-batch perplexities, which overstates it).
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Mean sparse softmax cross-entropy over all tokens, computed stably from logits.
 * @param logits [..., V] (e.g. [B, V] or [B, W, V])
 * @param labels [...] int32 ids, the leading shape of logits
 * @returns scalar mean of -log softmax(logits)[label]
 */
export function sequenceLoss(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  const V = logits.shape[logits.rank - 1];
  const leading = logits.shape.slice(0, -1);
  if (labels.rank !== leading.length || labels.shape.some((d, i) => d !== leading[i])) {
    throw new RangeError(`sequenceLoss: labels [${labels.shape}] do not match logits [${logits.shape}] (expected labels of shape [${leading}])`);
  }
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(tf.reshape(logits, [-1, V])); // [N, V]
    const targets = tf.oneHot(tf.cast(tf.reshape(labels, [-1]), 'int32'), V); // [N, V]
    return tf.neg(tf.mean(tf.sum(tf.mul(targets, logProbs), 1))) as tf.Scalar;
  });
}

/** Perplexity from a mean negative log-likelihood (natural log): exp(meanNll). */
export function perplexity(meanNll: number): number {
  return Math.exp(meanNll);
}

/**
 * Perplexity of labels under given probabilities, in float64: exp(-mean_i log probs[i][labels[i]]).
 * @param probs  [N][V] rows of probabilities
 * @param labels [N] the true ids
 */
export function perplexityFromProbs(probs: number[][], labels: number[]): number {
  if (probs.length !== labels.length || probs.length === 0) {
    throw new RangeError(`perplexityFromProbs: need one label per row and at least one row, got ${probs.length} rows and ${labels.length} labels`);
  }
  let nll = 0;
  labels.forEach((label, i) => {
    nll -= Math.log(probs[i][label]);
  });
  return perplexity(nll / labels.length);
}
