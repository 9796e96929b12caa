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
  // Hints: flatten to [N, V] and [N]; tf.logSoftmax is stable (never take log(softmax(x))); pick
  // each row's label with tf.oneHot. Do not apply softmax in the model: this takes logits.
  throw new Error('TODO(sequenceLoss): mean over all tokens of -log softmax(logits)[label]');
}

/** Perplexity from a mean negative log-likelihood (natural log): exp(meanNll). */
export function perplexity(meanNll: number): number {
  throw new Error('TODO(perplexity): perplexity is exp of the mean negative log-likelihood');
}

/**
 * Perplexity of labels under given probabilities, in float64: exp(-mean_i log probs[i][labels[i]]).
 * @param probs  [N][V] rows of probabilities
 * @param labels [N] the true ids
 */
export function perplexityFromProbs(probs: number[][], labels: number[]): number {
  throw new Error('TODO(perplexityFromProbs): exp of the mean of -log probs[i][labels[i]]');
}
