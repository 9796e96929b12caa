/**
 * A model's initial weights are a function of its seed alone: two builds with the same seed are
 * identical bit for bit, for every seed including 0 (which TensorFlow.js on its own reads as "no
 * seed"), and different seeds give different weights.
 */
import * as tf from '@tensorflow/tfjs';
import { NgramLM } from '../src/ngram';
import { RnnLM } from '../src/rnn';
import { buildKerasRnnLM } from '../src/kerasRnn';
import { tfjsSeed } from '../src/random';

const SEEDS = [0, 1, 2, 7, -1, 2026];

/** Every weight's bytes, keyed by name. */
function weightBytes(weights: Record<string, tf.Tensor>): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(weights).map(([name, w]) => [name, Buffer.from((w.dataSync() as Float32Array).buffer)]));
}

function rnnWeights(seed: number): Record<string, Buffer> {
  const model = new RnnLM({ vocabSz: 50, embeddingSz: 8, hiddenSz: 6 }, seed);
  const bytes = weightBytes({ ...model.weights });
  model.dispose();
  return bytes;
}

function ngramWeights(seed: number): Record<string, Buffer> {
  const model = new NgramLM({ vocabSz: 50, embeddingSz: 8, n: 3 }, seed);
  const bytes = weightBytes({ ...model.weights });
  model.dispose();
  return bytes;
}

function kerasWeights(seed: number): Record<string, Buffer> {
  const model = buildKerasRnnLM({ vocabSz: 50, embeddingSz: 8, hiddenSz: 6 }, seed);
  const bytes = weightBytes(Object.fromEntries(model.getWeights().map((w, i) => [String(i), w])));
  model.dispose();
  return bytes;
}

describe.each([
  ['RnnLM', rnnWeights],
  ['NgramLM', ngramWeights],
  ['buildKerasRnnLM', kerasWeights],
])('%s initial weights', (_name, build) => {
  it.each(SEEDS)('are identical bit for bit when built twice with seed %d', (seed) => {
    const first = build(seed);
    const second = build(seed);
    for (const name of Object.keys(first)) expect({ name, equal: first[name].equals(second[name]) }).toEqual({ name, equal: true });
  });

  it('differ between seeds 0 and 1', () => {
    const a = build(0);
    const b = build(1);
    // Zero-initialised biases agree; the random matrices must not.
    expect(Object.keys(a).filter((name) => !a[name].equals(b[name])).length).toBeGreaterThan(0);
  });
});

describe('tfjsSeed', () => {
  it('maps every integer to a distinct non-zero seed', () => {
    const mapped = [-3, -2, -1, 0, 1, 2, 3].map(tfjsSeed);
    expect(mapped).not.toContain(0);
    expect(new Set(mapped).size).toBe(mapped.length);
  });

  it('refuses a seed that is not an integer', () => {
    expect(() => tfjsSeed(0.5)).toThrow(/must be an integer/);
    expect(() => tfjsSeed(Number.NaN)).toThrow(/must be an integer/);
  });
});
