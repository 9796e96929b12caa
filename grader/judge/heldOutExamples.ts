/**
 * The held-out examples of a training test, built by the trusted side from the held-out token ids
 * (grader code: the submission's makeWindows / makeNgramExamples never shape what it is scored on).
 */
import * as tf from '@tensorflow/tfjs';

export interface HeldOut {
  /** [count, context] int32 */
  inputs: tf.Tensor2D;
  /** [count, window] (RNN) or [count] (N-gram) int32 */
  labels: tf.Tensor;
}

/**
 * RNN: consecutive non-overlapping windows of `windowSz` tokens; every label is the token after its input.
 * @returns inputs, labels [floor((ids.length - 1) / windowSz), windowSz]
 */
export function heldOutWindows(ids: Int32Array, windowSz: number): HeldOut {
  const count = Math.floor((ids.length - 1) / windowSz);
  if (count < 1) throw new RangeError(`held-out text of ${ids.length} tokens has no window of ${windowSz}`);
  const span = count * windowSz;
  return {
    inputs: tf.tensor2d(ids.subarray(0, span), [count, windowSz], 'int32'),
    labels: tf.tensor2d(ids.subarray(1, span + 1), [count, windowSz], 'int32'),
  };
}

/**
 * N-gram: one example per position, the n-1 preceding tokens as context.
 * @returns inputs [ids.length - n + 1, n - 1], labels [ids.length - n + 1]
 */
export function heldOutNgrams(ids: Int32Array, n: number): HeldOut {
  const width = n - 1;
  const count = ids.length - width;
  if (count < 1) throw new RangeError(`held-out text of ${ids.length} tokens has no ${n}-gram`);
  const contexts = new Int32Array(count * width);
  for (let row = 0; row < count; row++) for (let k = 0; k < width; k++) contexts[row * width + k] = ids[row + k];
  return { inputs: tf.tensor2d(contexts, [count, width], 'int32'), labels: tf.tensor1d(ids.subarray(width, width + count), 'int32') };
}
