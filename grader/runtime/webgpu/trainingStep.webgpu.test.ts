/**
 * The full training step on webgpu against the cpu backend: the reference models' loss, the
 * gradient of every weight and the weights after one Adam step, at two sizes: batch 4, V = 301
 * (every kernel with remainders), and batch 1, V = 2000, a window at a time, where
 * tfjs-backend-webgpu picks its split-K product for the output layer's backprop (matMulFix.ts):
 * without the fix the embedding, Wr and br gradients there are far off.
 *
 * Tolerances: WGSL's exp, log and tanh are not correctly rounded, and GPU sums run in another
 * order. Measured on lavapipe (Mesa 25.0.7), largest absolute errors: loss 4.8e-7 (of ~5.7-7.6,
 * 8e-8 relative), gradients 4e-8 (entries ~1e-3..1e-7; relative errors up to 2e-3 occur only on
 * entries below 1e-5, hence the absolute floor), on the software adapter; a GPU may round
 * differently, so rtol 1e-4 and atol 1e-7 leave a margin (the wasm test: 2e-5 and 1e-7).
 */
import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../backend';
import { RnnLM } from '../../../solution/src/rnn';
import { NgramLM } from '../../../solution/src/ngram';
import { sequenceLoss } from '../../../solution/src/loss';
import { registerKernelFixes, removeKernelFixes } from '../kernels/registerKernelFixes';
import { expectBackendMatchesCpu, seededInts } from '../kernels/testing';

const RTOL = 1e-4;
const ATOL = 1e-7;
const ADAM_ATOL = 1e-4;
const RNN_NAMES = ['loss', 'd/embedding', 'd/Wr', 'd/br', 'd/Wo', 'd/bo'];

interface Size {
  V: number;
  B: number;
  W: number;
}
const SMALL: Size = { V: 301, B: 4, W: 6 };
const SPLIT_K: Size = { V: 2000, B: 1, W: 20 };

function rnnLossAndGrads({ V, B, W }: Size): () => tf.Tensor[] {
  return () => {
    const model = new RnnLM({ vocabSz: V, embeddingSz: 32, hiddenSz: 64 }, 3);
    try {
      const inputs = tf.tensor2d(seededInts(B * W, 1, 0, V), [B, W], 'int32');
      const labels = tf.tensor2d(seededInts(B * W, 2, 0, V), [B, W], 'int32');
      const { embedding, Wr, br, Wo, bo } = model.weights;
      const { value, grads } = tf.variableGrads(() => sequenceLoss(model.call(inputs).logits, labels), [embedding, Wr, br, Wo, bo]);
      return [value, ...[embedding, Wr, br, Wo, bo].map((v) => grads[v.name])];
    } finally {
      model.dispose();
    }
  };
}

function trigramLossAndGrads({ V, B, W }: Size): () => tf.Tensor[] {
  return () => {
    const model = new NgramLM({ vocabSz: V, embeddingSz: 32, n: 3 }, 4);
    try {
      const inputs = tf.tensor2d(seededInts(B * W * 2, 3, 0, V), [B * W, 2], 'int32');
      const labels = tf.tensor1d(seededInts(B * W, 4, 0, V), 'int32');
      const { embedding, W: weight, b } = model.weights;
      const { value, grads } = tf.variableGrads(() => sequenceLoss(model.call(inputs), labels), [embedding, weight, b]);
      return [value, ...[embedding, weight, b].map((v) => grads[v.name])];
    } finally {
      model.dispose();
    }
  };
}

/** The RNN's weights after one Adam step (lr 0.01). */
function rnnAfterAdamStep({ V, B, W }: Size): () => tf.Tensor[] {
  return () => {
    const model = new RnnLM({ vocabSz: V, embeddingSz: 32, hiddenSz: 64 }, 5);
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
  };
}

beforeAll(async () => {
  await initRuntime('webgpu');
});

describe('reference models: webgpu with its fixes vs the cpu backend', () => {
  for (const [label, size] of [
    ['batch 4, V = 301', SMALL],
    ['batch 1, V = 2000 (split-K)', SPLIT_K],
  ] as const) {
    it(`RNN, ${label}: loss and the gradients of embedding, Wr, br, Wo, bo`, async () => {
      const [cpu] = await expectBackendMatchesCpu('webgpu', rnnLossAndGrads(size), RTOL, ATOL, RNN_NAMES);
      expect(cpu[0].values[0]).toBeGreaterThan(Math.log(size.V) - 0.5); // a real loss near log V
      cpu.slice(1).forEach((g) => expect(g.values.some((v) => v !== 0)).toBe(true));
    });

    it(`trigram, ${label}: loss and the gradients of embedding, W, b`, async () => {
      await expectBackendMatchesCpu('webgpu', trigramLossAndGrads(size), RTOL, ATOL, ['loss', 'd/embedding', 'd/W', 'd/b']);
    });

    it(`RNN, ${label}: weights after one Adam step`, async () => {
      // Adam's first step moves a weight by lr * g / (|g| + 1e-7), ~lr = 0.01 where |g| >> 1e-7.
      // Near g = 0 that ratio has slope 1 / 1e-7, so gradients that agree to ~1e-9 can move a
      // weight by up to lr * 1e-9 / 1e-7 = 1e-4 more on one backend (1% of a step; a wrong sign
      // would be 2e-2). Measured largest errors: 2.4e-5 (V = 301), 5.9e-5 (V = 2000).
      await expectBackendMatchesCpu('webgpu', rnnAfterAdamStep(size), RTOL, ADAM_ATOL, ['embedding', 'Wr', 'br', 'Wo', 'bo']);
    });
  }

  it('RNN, batch 1, V = 2000: the same comparison fails without the split-K fix', async () => {
    removeKernelFixes('webgpu');
    try {
      await expect(expectBackendMatchesCpu('webgpu', rnnLossAndGrads(SPLIT_K), RTOL, ATOL, RNN_NAMES)).rejects.toThrow(
        /^d\/(embedding|Wr|br): values differ/,
      );
    } finally {
      registerKernelFixes('webgpu');
    }
  });
});
