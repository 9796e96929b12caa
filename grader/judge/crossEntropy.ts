/**
 * Mean softmax cross-entropy from logits, as the trusted side scores held-out text: the same
 * operations, in the same order, as the host's probeLoss.ts, so the figures agree to the bit.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * @param logits [..., V]
 * @param labels [...] int32
 * @returns scalar mean over tokens of -log softmax(logits)[label]
 */
export function meanCrossEntropy(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const classes = logits.shape[logits.rank - 1];
    const logSoftmax = tf.logSoftmax(tf.reshape(logits, [-1, classes]));
    const chosen = tf.sum(tf.mul(tf.oneHot(tf.cast(tf.reshape(labels, [-1]), 'int32'), classes), logSoftmax), 1);
    return tf.neg(tf.mean(chosen)) as tf.Scalar;
  });
}
