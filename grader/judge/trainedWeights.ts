/**
 * The weights a training run returned, checked against the lab's model for the run's config
 * before the trusted side evaluates them: exactly the lab's weight names, each float32 with the
 * shape the config implies and finite values.
 */
import * as tf from '@tensorflow/tfjs';
import type { NgramConfig, RnnConfig } from '../lab';
import type { Weights } from '../sandbox/probeApi';

/** The shape of every weight of the lab's model of `model` for `cfg`. */
export function expectedWeightShapes(model: 'ngram' | 'rnn', cfg: NgramConfig | RnnConfig): Record<string, number[]> {
  const { vocabSz: V, embeddingSz: E } = cfg;
  if (model === 'rnn') {
    const H = (cfg as RnnConfig).hiddenSz;
    return { embedding: [V, E], Wr: [E + H, H], br: [H], Wo: [H, V], bo: [V] };
  }
  return { embedding: [V, E], W: [((cfg as NgramConfig).n - 1) * E, V], b: [V] };
}

export type WeightCheck = { ok: true; tensors: Record<string, tf.Tensor> } | { ok: false; problem: string };

/**
 * The returned weights as tensors (the caller disposes them), or what is wrong with them. The values
 * are copied: a reply's typed arrays come from another realm than this process's tfjs may run in.
 */
export function checkTrainedWeights(model: 'ngram' | 'rnn', cfg: NgramConfig | RnnConfig, weights: Weights): WeightCheck {
  const expected = expectedWeightShapes(model, cfg);
  const className = model === 'rnn' ? 'RnnLM' : 'NgramLM';
  const extra = Object.keys(weights).filter((name) => !(name in expected));
  if (extra.length > 0)
    return {
      ok: false,
      problem: `${className}.weights has ${extra.join(', ')}, which the lab's model does not have (expected exactly ${Object.keys(expected).join(', ')})`,
    };
  for (const [name, shape] of Object.entries(expected)) {
    const w = weights[name];
    if (w === undefined) return { ok: false, problem: `${className}.weights has no ${name} after training` };
    if (w.shape.join(',') !== shape.join(','))
      return {
        ok: false,
        problem: `${className}.weights.${name} has shape [${w.shape.join(', ')}] after training, expected [${shape.join(', ')}]`,
      };
    if (w.dtype !== 'float32') return { ok: false, problem: `${className}.weights.${name} is ${w.dtype} after training, expected float32` };
    if (!w.data.every(Number.isFinite))
      return {
        ok: false,
        problem: `${className}.weights.${name} holds NaN or Infinity after training: check the loss and the learning rate`,
      };
  }
  return {
    ok: true,
    tensors: Object.fromEntries(
      Object.entries(expected).map(([name, shape]) => [name, tf.tensor(Float32Array.from(weights[name].data), shape, 'float32')]),
    ),
  };
}
