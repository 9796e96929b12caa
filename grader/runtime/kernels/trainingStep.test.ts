/**
 * All kernel fixes together, on what grading runs: the reference models' loss and the gradients of
 * every weight (and one Adam step) on wasm with the fixes match the cpu backend to float32 rounding.
 */
import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../backend';
import { RnnLM } from '../../../solution/src/rnn';
import { NgramLM } from '../../../solution/src/ngram';
import { sequenceLoss } from '../../../solution/src/loss';
import { kernelFixNames, replacedKernel } from './registerKernelFixes';
import { expectWasmMatchesCpu, seededInts } from './testing';

// Sizes large enough for every SIMD loop to run many vector iterations plus remainders
// (V = 301 columns, 4 * 6 = 24 rows), small enough for the cpu backend to be quick.
const V = 301;
const E = 8;
const H = 16;
const B = 4;
const W = 6;

// The loss is O(1); float32 rounding of a different summation order (products over up to
// V = 301 terms, reductions over 24 rows) moves values by a few 1e-7 relative. Gradients of a mean
// over 24 tokens are ~1e-3..1e-6 per entry, hence the absolute floor.
const RTOL = 2e-5;
const ATOL = 1e-7;

function rnnLossAndGrads(): tf.Tensor[] {
  const model = new RnnLM({ vocabSz: V, embeddingSz: E, hiddenSz: H }, 3);
  try {
    const inputs = tf.tensor2d(seededInts(B * W, 1, 0, V), [B, W], 'int32');
    const labels = tf.tensor2d(seededInts(B * W, 2, 0, V), [B, W], 'int32');
    const { embedding, Wr, br, Wo, bo } = model.weights;
    const { value, grads } = tf.variableGrads(() => sequenceLoss(model.call(inputs).logits, labels), [embedding, Wr, br, Wo, bo]);
    return [value, ...[embedding, Wr, br, Wo, bo].map((v) => grads[v.name])];
  } finally {
    model.dispose();
  }
}

function trigramLossAndGrads(): tf.Tensor[] {
  const model = new NgramLM({ vocabSz: V, embeddingSz: E, n: 3 }, 4);
  try {
    const inputs = tf.tensor2d(seededInts(B * W * 2, 3, 0, V), [B * W, 2], 'int32');
    const labels = tf.tensor1d(seededInts(B * W, 4, 0, V), 'int32');
    const { embedding, W: weight, b } = model.weights;
    const { value, grads } = tf.variableGrads(() => sequenceLoss(model.call(inputs), labels), [embedding, weight, b]);
    return [value, ...[embedding, weight, b].map((v) => grads[v.name])];
  } finally {
    model.dispose();
  }
}

/** Weights after one Adam step (lr 0.01) of the RNN. */
function rnnAfterAdamStep(): tf.Tensor[] {
  const model = new RnnLM({ vocabSz: V, embeddingSz: E, hiddenSz: H }, 5);
  const optimizer = tf.train.adam(0.01);
  try {
    const inputs = tf.tensor2d(seededInts(B * W, 6, 0, V), [B, W], 'int32');
    const labels = tf.tensor2d(seededInts(B * W, 7, 0, V), [B, W], 'int32');
    optimizer.minimize(() => sequenceLoss(model.call(inputs).logits, labels));
    return Object.values(model.weights).map((v) => tf.clone(v));
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

beforeAll(async () => {
  await initRuntime('wasm');
});

describe('reference models: wasm with every kernel fix vs the cpu backend', () => {
  it('has every wasm fix in force', () => {
    for (const name of kernelFixNames('wasm')) expect(replacedKernel(name, 'wasm')).not.toBeUndefined();
  });

  it('RNN: loss and the gradients of embedding, Wr, br, Wo, bo', async () => {
    const [cpu] = await expectWasmMatchesCpu(rnnLossAndGrads, RTOL, ATOL, ['loss', 'd/embedding', 'd/Wr', 'd/br', 'd/Wo', 'd/bo']);
    expect(cpu[0].values[0]).toBeGreaterThan(Math.log(V) - 0.5); // a real loss near log V, not a degenerate 0
    cpu.slice(1).forEach((g) => expect(g.values.some((v) => v !== 0)).toBe(true));
  });

  it('trigram: loss and the gradients of embedding, W, b', async () => {
    await expectWasmMatchesCpu(trigramLossAndGrads, RTOL, ATOL, ['loss', 'd/embedding', 'd/W', 'd/b']);
  });

  it('RNN: weights after one Adam step', async () => {
    // Adam's first step moves each weight by ~lr * sign(g) = 0.01; weights are O(0.1).
    await expectWasmMatchesCpu(rnnAfterAdamStep, RTOL, 1e-6, ['embedding', 'Wr', 'br', 'Wo', 'bo']);
  });
});
