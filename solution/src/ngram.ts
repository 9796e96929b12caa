/**
 * Feed-forward N-gram language model (Bengio et al. 2003 without the hidden layer):
 * the n-1 context words are embedded, concatenated, and mapped to logits over the vocabulary,
 *   logits = [e_{i-n+1}, ..., e_{i-1}] W + b.
 */
import * as tf from '@tensorflow/tfjs';
import { checkPositiveIntegers, embeddingInit, glorotUniform } from './init';

export interface NgramConfig {
  vocabSz: number;
  embeddingSz: number;
  /** Order of the model: n-1 context words predict the n-th. n >= 2. */
  n: number;
}

/** Number of trainable scalars: V*E (embedding) + (n-1)*E*V (W) + V (b). */
export function ngramParamCount(cfg: NgramConfig): number {
  const { vocabSz: V, embeddingSz: E, n } = cfg;
  return V * E + (n - 1) * E * V + V;
}

/** embedding [V, E], W [(n-1)*E, V], b [V]. */
export interface NgramWeights {
  embedding: tf.Variable;
  W: tf.Variable;
  b: tf.Variable;
}

export class NgramLM {
  readonly config: NgramConfig;
  readonly weights: NgramWeights;

  constructor(cfg: NgramConfig, seed = 0) {
    checkPositiveIntegers('NgramLM', { vocabSz: cfg.vocabSz, embeddingSz: cfg.embeddingSz, n: cfg.n });
    if (cfg.n < 2) throw new RangeError(`NgramLM: n must be >= 2, got ${cfg.n}`);
    this.config = { ...cfg };
    const { vocabSz: V, embeddingSz: E, n } = cfg;
    // tidy frees the initial-value tensors; the variables keep their own copies.
    this.weights = tf.tidy(() => ({
      embedding: tf.variable(embeddingInit(V, E, seed)),
      W: tf.variable(glorotUniform((n - 1) * E, V, seed + 1)),
      b: tf.variable(tf.zeros([V])),
    }));
  }

  /**
   * @param inputs [B, n-1] int32 context ids
   * @returns logits [B, V] (unnormalised; softmax gives p(next word | context))
   */
  call(inputs: tf.Tensor2D): tf.Tensor2D {
    const { embeddingSz: E, n } = this.config;
    return tf.tidy(() => {
      const batch = inputs.shape[0];
      const embedded = tf.gather(this.weights.embedding, inputs); // [B, n-1, E]
      const concatenated = tf.reshape(embedded, [batch, (n - 1) * E]); // [B, (n-1)E]
      return tf.add(tf.matMul(concatenated, this.weights.W), this.weights.b) as tf.Tensor2D;
    });
  }

  /** Frees the weights. */
  dispose(): void {
    Object.values(this.weights).forEach((w: tf.Variable) => w.dispose());
  }
}
