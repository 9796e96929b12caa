/**
 * Recurrent language model built from the lecture's cell:
 *   s_t = tanh([e_t, s_{t-1}] W_r + b_r),  logits_t = s_t W_o + b_o,  s_0 = 0, unrolled over a
 * window (softmax belongs to the loss); backpropagation through time is autodiff over the loop.
 */
import * as tf from '@tensorflow/tfjs';
import { checkPositiveIntegers, embeddingInit, glorotUniform } from './init';

export interface RnnConfig {
  vocabSz: number;
  embeddingSz: number;
  hiddenSz: number;
}

/** Number of trainable scalars: V*E + (E+H)*H + H + H*V + V. */
export function rnnParamCount(cfg: RnnConfig): number {
  const { vocabSz: V, embeddingSz: E, hiddenSz: H } = cfg;
  return V * E + (E + H) * H + H + H * V + V;
}

/**
 * One step of the recurrence: s_t = tanh([e_t, s_{t-1}] W_r + b_r).
 * @param e     [B, E] embeddings of the current tokens
 * @param sPrev [B, H] previous state
 * @param Wr    [E+H, H] (rows 0..E-1 act on e_t, rows E..E+H-1 on s_{t-1})
 * @param br    [H]
 * @returns     [B, H] new state
 */
export function rnnCell(e: tf.Tensor2D, sPrev: tf.Tensor2D, Wr: tf.Tensor2D, br: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => tf.tanh(tf.add(tf.matMul(tf.concat([e, sPrev], 1), Wr), br)) as tf.Tensor2D);
}

/** embedding [V, E], Wr [E+H, H], br [H], Wo [H, V], bo [V]. */
export interface RnnWeights {
  embedding: tf.Variable;
  Wr: tf.Variable;
  br: tf.Variable;
  Wo: tf.Variable;
  bo: tf.Variable;
}

export class RnnLM {
  readonly config: RnnConfig;
  readonly weights: RnnWeights;

  constructor(cfg: RnnConfig, seed = 0) {
    checkPositiveIntegers('RnnLM', { vocabSz: cfg.vocabSz, embeddingSz: cfg.embeddingSz, hiddenSz: cfg.hiddenSz });
    this.config = { ...cfg };
    const { vocabSz: V, embeddingSz: E, hiddenSz: H } = cfg;
    // tidy frees the initial-value tensors; the variables keep their own copies.
    this.weights = tf.tidy(() => ({
      embedding: tf.variable(embeddingInit(V, E, seed)),
      Wr: tf.variable(glorotUniform(E + H, H, seed + 1)),
      br: tf.variable(tf.zeros([H])),
      Wo: tf.variable(glorotUniform(H, V, seed + 2)),
      bo: tf.variable(tf.zeros([V])),
    }));
  }

  /**
   * Runs the RNN over a batch of windows.
   * @param inputs       [B, W] int32 token ids
   * @param initialState [B, H] state before the first token (default s_0 = zeros)
   * @returns logits [B, W, V] (unnormalised; position t predicts token t+1) and finalState [B, H] = s_W
   */
  call(inputs: tf.Tensor2D, initialState?: tf.Tensor2D): { logits: tf.Tensor3D; finalState: tf.Tensor2D } {
    const { vocabSz: V, hiddenSz: H } = this.config;
    const [batch, window] = inputs.shape;
    if (initialState !== undefined && (initialState.shape[0] !== batch || initialState.shape[1] !== H)) {
      throw new RangeError(`RnnLM.call: initialState must be [${batch}, ${H}], got [${initialState.shape}]`);
    }
    return tf.tidy(() => {
      const { embedding, Wr, br, Wo, bo } = this.weights;
      const embedded = tf.gather(embedding, inputs); // [B, W, E]
      const steps = tf.unstack(embedded, 1) as tf.Tensor2D[]; // W x [B, E]
      let state: tf.Tensor2D = initialState ?? tf.zeros([batch, H]);
      const states: tf.Tensor2D[] = [];
      for (const e of steps) {
        state = rnnCell(e, state, Wr as tf.Tensor2D, br as tf.Tensor1D);
        states.push(state);
      }
      const hidden = tf.reshape(tf.stack(states, 1), [batch * window, H]); // [B*W, H]
      const logits = tf.reshape(tf.add(tf.matMul(hidden, Wo), bo), [batch, window, V]) as tf.Tensor3D;
      return { logits, finalState: state };
    });
  }

  /** Frees the weights. */
  dispose(): void {
    Object.values(this.weights).forEach((w: tf.Variable) => w.dispose());
  }
}
