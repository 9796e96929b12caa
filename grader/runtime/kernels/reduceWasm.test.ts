import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../backend';
import { planReduction } from './reduceWasm';
import { replacedKernel } from './registerKernelFixes';
import { backendDataIds, expectWasmMatchesCpu, onBackend, read, seededTensor } from './testing';

beforeAll(async () => {
  await initRuntime('wasm');
});

// Sums: both backends add float32 values in float64 and round once, in different orders; the
// results differ by at most one float32 rounding (rtol 1.2e-7) plus float64 noise. Sums of up to
// ~500 values in [-1, 1) can come close to 0, hence a small atol. Max is exact.
const SUM_RTOL = 2.4e-7;
const SUM_ATOL = 1e-6;

interface Case {
  shape: number[];
  /** undefined: all axes. */
  axis: number | number[] | undefined;
}

// Contiguous axis blocks (the SIMD paths: inner, outer, middle, all) and non-contiguous ones (the
// original kernel), with sizes that leave remainders in the 4- and 8-wide loops.
const CASES: Case[] = [
  { shape: [37, 51], axis: 1 },
  { shape: [37, 51], axis: 0 },
  { shape: [37, 51], axis: -1 },
  { shape: [37, 51], axis: undefined },
  { shape: [6, 7, 9], axis: 1 },
  { shape: [6, 7, 9], axis: [0, 1] },
  { shape: [6, 7, 9], axis: [1, 2] },
  { shape: [6, 7, 9], axis: [0, 2] },
  { shape: [3, 1, 5, 2], axis: [1, 2] },
  { shape: [1], axis: 0 },
  { shape: [130], axis: 0 },
];

describe('planReduction', () => {
  it('views x as [outer, reduce, inner] for one contiguous block of axes', () => {
    expect(planReduction([4, 5, 6], 1, false)).toEqual({ outer: 4, reduce: 5, inner: 6, outShape: [4, 6] });
    expect(planReduction([4, 5, 6], [-1, 1], true)).toEqual({ outer: 4, reduce: 30, inner: 1, outShape: [4, 1, 1] });
    expect(planReduction([4, 5, 6], null, false)).toEqual({ outer: 1, reduce: 120, inner: 1, outShape: [] });
    expect(planReduction([4, 5, 6], [0, 2], false)).toBeUndefined();
    expect(planReduction([4, 5, 6], [], false)).toBeUndefined();
  });
});

describe('wasm Sum and Max over contiguous axes', () => {
  it('are installed on wasm', () => {
    expect(replacedKernel('Sum', 'wasm')?.kernelFunc).toEqual(expect.any(Function));
    expect(replacedKernel('Max', 'wasm')?.kernelFunc).toEqual(expect.any(Function));
  });

  it.each(CASES)('sum and max of $shape over axis $axis, with and without keepDims, match cpu', async ({ shape, axis }) => {
    const names = ['sum', 'sum keepDims', 'max', 'max keepDims'];
    const [, wasm] = await expectWasmMatchesCpu(
      () => {
        const x = seededTensor(shape, shape.length * 100 + shape[0]);
        return [tf.sum(x, axis), tf.sum(x, axis, true), tf.max(x, axis), tf.max(x, axis, true)];
      },
      SUM_RTOL,
      SUM_ATOL,
      names,
    );
    // Max picks one of the inputs: exact (checked separately so the sum slack cannot hide an error).
    const [cpuMax] = await onBackend('cpu', () => [read(() => tf.max(seededTensor(shape, shape.length * 100 + shape[0]), axis))]);
    expect(wasm[2].values).toEqual(cpuMax.values);
  });

  it('gradients of sum over axis 0 (a bias gradient) and of max over the last axis match cpu', async () => {
    await expectWasmMatchesCpu(
      () => {
        const x = seededTensor([33, 17], 5);
        const w0 = seededTensor([17], 6);
        const w1 = seededTensor([33, 1], 7);
        const [dSum] = tf.grads((t: tf.Tensor) => tf.sum(t.mul(2), 0).mul(w0).sum())([x]);
        const [dMax] = tf.grads((t: tf.Tensor) => tf.max(t, 1, true).mul(w1).sum())([x]);
        return [dSum, dMax];
      },
      SUM_RTOL,
      SUM_ATOL,
      ['d sum/dx', 'd max/dx'],
    );
  });

  it('max lets NaN win and handles -Infinity, as the cpu backend does', async () => {
    await expectWasmMatchesCpu(
      () => {
        const x = tf.tensor2d(
          [1, NaN, 3, 2, 5, 4, 7, 6, 9, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity],
          [2, 9],
        );
        return [tf.max(x, 1), tf.max(x, 0), tf.sum(x, 1)];
      },
      0,
      0,
      ['max rows', 'max columns', 'sum rows'],
    );
  });

  it('int32 input goes to the original kernels and still matches cpu', async () => {
    await expectWasmMatchesCpu(
      () => {
        const x = tf.tensor2d([1, -2, 3, 4, 5, -6], [2, 3], 'int32');
        return [tf.sum(x, 0), tf.max(x, 1)];
      },
      0,
      0,
      ['sum int32', 'max int32'],
    );
  });

  it('leaves no tensor or backend buffer behind (the column sum uses heap scratch)', async () => {
    await onBackend('wasm', () => {
      const x = seededTensor([40, 30], 8);
      const tensors = tf.memory().numTensors;
      const buffers = backendDataIds();
      tf.tidy(() => [tf.sum(x, 0), tf.max(x, 0), tf.sum(x, 1)].forEach((t) => t.dataSync()));
      expect(tf.memory().numTensors).toBe(tensors);
      expect(backendDataIds()).toBe(buffers);
      x.dispose();
    });
  });
});
