/**
 * The same RNN language model with Keras-style layers. tf.layers.simpleRNN computes
 *   h_t = tanh(x_t kernel + h_{t-1} recurrentKernel + bias),
 * which is the lecture's cell with W_r = [kernel; recurrentKernel] stacked vertically ([E+H, H]).
 */
import * as tf from '@tensorflow/tfjs';
import type { RnnConfig } from './rnn';

/**
 * A tanh SimpleRNN layer. On input [B, T, D] it returns the last state [B, units], or every
 * state [B, T, units] when returnSequences is true.
 */
export function simpleRnnLayer(units: number, returnSequences: boolean): tf.layers.Layer {
  throw new Error('TODO(simpleRnnLayer): return tf.layers.simpleRNN with these units, returnSequences and tanh');
}

/**
 * embedding [V, E] -> simpleRNN(H, returnSequences) -> dense(V), applied to every time step.
 * @returns a model mapping [B, W] int32 ids to logits [B, W, V]
 */
export function buildKerasRnnLM(cfg: RnnConfig, seed = 0): tf.Sequential {
  // Hints: tf.sequential({ layers: [...] }); the first layer needs inputShape: [null] (any window
  // length); tf.layers.dense on [B, W, H] applies to the last axis. Pass seeded initializers
  // (tf.initializers.glorotUniform({ seed: tfjsSeed(seed + 1) }), from ./random) so that runs are
  // repeatable: TensorFlow.js ignores a seed of 0.
  throw new Error('TODO(buildKerasRnnLM): stack embedding -> simpleRNN(returnSequences: true) -> dense(V)');
}
