/**
 * The host's own loss, used when the grader asks for gradients of a student's model: mean
 * softmax cross-entropy from logits, written here so the probe does not depend on the student's
 * loss.ts (which has tests of its own).
 */
import * as tf from '@tensorflow/tfjs';

/**
 * @param logits [..., V]
 * @param labels [...] int32
 * @returns scalar mean of -log softmax(logits)[label]
 */
export function probeCrossEntropy(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const V = logits.shape[logits.rank - 1];
    const logProbs = tf.logSoftmax(tf.reshape(logits, [-1, V]));
    const picked = tf.sum(tf.mul(tf.oneHot(tf.cast(tf.reshape(labels, [-1]), 'int32'), V), logProbs), 1);
    return tf.neg(tf.mean(picked)) as tf.Scalar;
  });
}
