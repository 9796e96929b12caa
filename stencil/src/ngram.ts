/**
 * Feed-forward N-gram language model (Bengio et al. 2003 without the hidden layer):
 * the n-1 context words are embedded, concatenated, and mapped to logits over the vocabulary,
 *   logits = [e_{i-n+1}, ..., e_{i-1}] W + b.
 */
import * as tf from '@tensorflow/tfjs';
import { checkPositiveIntegers } from './init';

export interface NgramConfig {
  vocabSz: number;
  embeddingSz: number;
  /** Order of the model: n-1 context words predict the n-th. n >= 2. */
  n: number;
}

/** Number of trainable scalars: V*E (embedding) + (n-1)*E*V (W) + V (b). */
export function ngramParamCount(cfg: NgramConfig): number {
  throw new Error('TODO(ngramParamCount): count the scalars in the embedding, W and b');
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
    this.config = { ...cfg };
    // Hints: tf.variable(...) for each weight; init.ts has embeddingInit and glorotUniform (give
    // each weight its own seed, e.g. seed, seed + 1); the bias starts at zeros. Build them inside
    // tf.tidy so the initial-value tensors are freed (the variables keep their own copies).
    throw new Error('TODO(NgramLM.constructor): create the embedding [V, E], W [(n-1)*E, V] and b [V] variables');
  }

  /**
   * @param inputs [B, n-1] int32 context ids
   * @returns logits [B, V] (unnormalised; softmax gives p(next word | context))
   */
  call(inputs: tf.Tensor2D): tf.Tensor2D {
    // Hints: tf.gather(embedding, inputs) gives [B, n-1, E]; reshape to [B, (n-1)*E] (this is the
    // concatenation of the n-1 embeddings); then matMul with W and add b. Wrap in tf.tidy.
    throw new Error('TODO(NgramLM.call): embed the context, concatenate the embeddings, apply W and b');
  }

  /** Frees the weights. */
  dispose(): void {
    Object.values(this.weights).forEach((w: tf.Variable) => w.dispose());
  }
}
