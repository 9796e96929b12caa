/**
 * Recurrent language model built from the lecture's cell:
 *   s_t = tanh([e_t, s_{t-1}] W_r + b_r),  logits_t = s_t W_o + b_o,  s_0 = 0,
 * unrolled over a window; backpropagation through time is autodiff over the unrolled loop.
 * The lecture's output o_t = softmax(logits_t) is the distribution of the next word: the model
 * returns the logits, and the softmax belongs to the loss (sequenceLoss), which computes it stably.
 */
import * as tf from '@tensorflow/tfjs';
import { checkPositiveIntegers } from './init';

export interface RnnConfig {
  vocabSz: number;
  embeddingSz: number;
  hiddenSz: number;
}

/** Number of trainable scalars: V*E + (E+H)*H + H + H*V + V. */
export function rnnParamCount(cfg: RnnConfig): number {
  throw new Error('TODO(rnnParamCount): count the scalars in embedding, W_r, b_r, W_o and b_o');
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
  // Hints: tf.concat([e, sPrev], 1) is [B, E+H] (embedding first, then the state).
  throw new Error('TODO(rnnCell): implement s_t = tanh([e_t, s_{t-1}] W_r + b_r)');
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
    throw new Error('TODO(RnnLM.constructor): create embedding [V, E], Wr [E+H, H], br [H], Wo [H, V], bo [V]');
  }

  /**
   * Runs the RNN over a batch of windows.
   * @param inputs       [B, W] int32 token ids
   * @param initialState [B, H] state before the first token (default s_0 = zeros)
   * @returns logits [B, W, V] = s_t W_o + b_o at every position t (it predicts token t+1), and
   *   finalState [B, H] = s_W. The logits are unnormalised: do not apply softmax here, the loss does.
   */
  call(inputs: tf.Tensor2D, initialState?: tf.Tensor2D): { logits: tf.Tensor3D; finalState: tf.Tensor2D } {
    // Hints: embed all tokens at once ([B, W, E]), then loop over the W time steps calling
    // rnnCell; keep every state, stack them to [B, W, H] and apply W_o, b_o to all of them at once.
    // Start from initialState when given, else tf.zeros([B, H]). Wrap the body in tf.tidy.
    throw new Error('TODO(RnnLM.call): embed the window, run rnnCell over every time step from s_0, project every state with W_o and b_o');
  }

  /** Frees the weights. */
  dispose(): void {
    Object.values(this.weights).forEach((w: tf.Variable) => w.dispose());
  }
}
