/**
 * The lab's two models as the trusted side computes them: logits from weights the host returned,
 * written here in grader code (grading never loads the solution, and never trusts the
 * submission's call()). The operations follow the lab's definitions in the order the reference
 * applies them, so on one backend the figures agree with the reference's own to float32 rounding.
 */
import * as tf from '@tensorflow/tfjs';

/** embedding [V, E], Wr [E+H, H], br [H], Wo [H, V], bo [V] */
export type RnnTensors = Record<'embedding' | 'Wr' | 'br' | 'Wo' | 'bo', tf.Tensor>;
/** embedding [V, E], W [(n-1)E, V], b [V] */
export type NgramTensors = Record<'embedding' | 'W' | 'b', tf.Tensor>;

/**
 * s_t = tanh([e_t, s_{t-1}] Wr + br) from s_0 = 0, then logits_t = s_t Wo + bo.
 * @param inputs [B, W] int32
 * @returns [B, W, V] (the caller disposes)
 */
export function rnnLogits(w: RnnTensors, inputs: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const [rows, width] = inputs.shape;
    const hiddenSz = w.br.shape[0];
    const perStep = tf.unstack(tf.gather(w.embedding, inputs), 1) as tf.Tensor2D[]; // W x [B, E]
    const sequence: tf.Tensor2D[] = [];
    let previous: tf.Tensor2D = tf.zeros([rows, hiddenSz]);
    for (const embedded of perStep) {
      previous = tf.tanh(tf.add(tf.matMul(tf.concat([embedded, previous], 1), w.Wr as tf.Tensor2D), w.br)) as tf.Tensor2D;
      sequence.push(previous);
    }
    const flat = tf.reshape(tf.stack(sequence, 1), [rows * width, hiddenSz]); // [B*W, H]
    return tf.reshape(tf.add(tf.matMul(flat, w.Wo as tf.Tensor2D), w.bo), [rows, width, w.bo.shape[0]]) as tf.Tensor3D;
  });
}

/**
 * logits = [e_1, ..., e_{n-1}] W + b.
 * @param inputs [B, n-1] int32
 * @returns [B, V] (the caller disposes)
 */
export function ngramLogits(w: NgramTensors, inputs: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const joined = tf.reshape(tf.gather(w.embedding, inputs), [inputs.shape[0], w.W.shape[0]]); // [B, (n-1)E]
    return tf.add(tf.matMul(joined, w.W as tf.Tensor2D), w.b) as tf.Tensor2D;
  });
}
