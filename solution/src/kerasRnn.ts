/**
 * The same RNN language model with Keras-style layers. tf.layers.simpleRNN computes
 *   h_t = tanh(x_t kernel + h_{t-1} recurrentKernel + bias),
 * which is the lecture's cell with W_r = [kernel; recurrentKernel] stacked vertically ([E+H, H]).
 */
import * as tf from '@tensorflow/tfjs';
import type { RnnConfig } from './rnn';
import { tfjsSeed } from './random';

/**
 * A tanh SimpleRNN layer. On input [B, T, D] it returns the last state [B, units], or every
 * state [B, T, units] when returnSequences is true.
 */
export function simpleRnnLayer(units: number, returnSequences: boolean): tf.layers.Layer {
  return tf.layers.simpleRNN({ units, returnSequences, activation: 'tanh' });
}

/**
 * embedding [V, E] -> simpleRNN(H, returnSequences) -> dense(V), applied to every time step.
 * Weights in order: embeddings [V, E], kernel [E, H], recurrent_kernel [H, H], bias [H],
 * dense kernel [H, V], dense bias [V].
 * @returns a model mapping [B, W] int32 ids to logits [B, W, V]
 */
export function buildKerasRnnLM(cfg: RnnConfig, seed = 0): tf.Sequential {
  const { vocabSz: V, embeddingSz: E, hiddenSz: H } = cfg;
  return tf.sequential({
    layers: [
      tf.layers.embedding({
        inputDim: V,
        outputDim: E,
        inputShape: [null],
        embeddingsInitializer: tf.initializers.truncatedNormal({ mean: 0, stddev: 0.1, seed: tfjsSeed(seed) }),
      }),
      tf.layers.simpleRNN({
        units: H,
        returnSequences: true,
        activation: 'tanh',
        kernelInitializer: tf.initializers.glorotUniform({ seed: tfjsSeed(seed + 1) }),
        // Glorot instead of Keras's default orthogonal: tfjs computes orthogonal matrices with a
        // slow JS QR and warns above 2000 elements (H=128 already has 16384).
        recurrentInitializer: tf.initializers.glorotUniform({ seed: tfjsSeed(seed + 2) }),
      }),
      tf.layers.dense({ units: V, kernelInitializer: tf.initializers.glorotUniform({ seed: tfjsSeed(seed + 3) }) }),
    ],
  });
}
