import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../backend';
import { replacedKernel } from './registerKernelFixes';
import { planTranspose } from './transposeWasm';
import { backendDataIds, expectWasmMatchesCpu, onBackend, seededTensor } from './testing';

beforeAll(async () => {
  await initRuntime('wasm');
});

describe('planTranspose', () => {
  it('finds the [batch, rows, cols] -> [batch, cols, rows] form behind a permutation', () => {
    expect(planTranspose([5, 7], [1, 0])).toEqual({ kind: 'swap', batch: 1, rows: 5, cols: 7 });
    expect(planTranspose([3, 5, 7], [0, 2, 1])).toEqual({ kind: 'swap', batch: 3, rows: 5, cols: 7 });
    expect(planTranspose([3, 5, 7], [1, 2, 0])).toEqual({ kind: 'swap', batch: 1, rows: 3, cols: 35 });
    expect(planTranspose([3, 5, 7], [2, 0, 1])).toEqual({ kind: 'swap', batch: 1, rows: 15, cols: 7 });
    expect(planTranspose([2, 3, 5, 7], [0, 1, 3, 2])).toEqual({ kind: 'swap', batch: 6, rows: 5, cols: 7 });
    expect(planTranspose([1, 5, 7], [0, 2, 1])).toEqual({ kind: 'swap', batch: 1, rows: 5, cols: 7 }); // size-1 axes dropped
    expect(planTranspose([5, 1, 7], [2, 1, 0])).toEqual({ kind: 'swap', batch: 1, rows: 5, cols: 7 });
  });

  it('reports identities and permutations that are not one swap', () => {
    expect(planTranspose([5, 7], [0, 1])).toEqual({ kind: 'identity' });
    expect(planTranspose([5, 1], [1, 0])).toEqual({ kind: 'identity' });
    expect(planTranspose([3, 5, 7], [1, 0, 2])).toEqual({ kind: 'other' });
    expect(planTranspose([3, 5, 7], [2, 1, 0])).toEqual({ kind: 'other' });
  });
});

describe('wasm Transpose (4x4 SIMD tiles)', () => {
  it('is installed on wasm', () => {
    expect(replacedKernel('Transpose', 'wasm')?.kernelFunc).toEqual(expect.any(Function));
  });

  // Tiled shapes with every remainder of rows and columns mod 4, batched and block permutations,
  // and permutations the original kernel keeps.
  const CASES: { shape: number[]; perm: number[] }[] = [
    { shape: [4, 8], perm: [1, 0] },
    { shape: [5, 9], perm: [1, 0] },
    { shape: [6, 10], perm: [1, 0] },
    { shape: [7, 11], perm: [1, 0] },
    { shape: [1, 13], perm: [1, 0] },
    { shape: [3, 6, 5], perm: [0, 2, 1] },
    { shape: [3, 6, 5], perm: [1, 2, 0] },
    { shape: [3, 6, 5], perm: [2, 0, 1] },
    { shape: [3, 6, 5], perm: [1, 0, 2] },
    { shape: [2, 3, 6, 5], perm: [3, 2, 1, 0] },
  ];

  it.each(CASES)('$shape by $perm: float32 and int32 bit-identical to cpu, and its gradient', async ({ shape, perm }) => {
    const n = shape.reduce((a, b) => a * b, 1);
    await expectWasmMatchesCpu(
      () => {
        const x = seededTensor(shape, n);
        const xi = tf.tensor(
          Array.from({ length: n }, (_, i) => i * 7 - 50),
          shape,
          'int32',
        );
        const w = seededTensor(
          perm.map((a) => shape[a]),
          n + 1,
        );
        const [dx] = tf.grads((t: tf.Tensor) => tf.transpose(t, perm).mul(w).sum())([x]);
        return [tf.transpose(x, perm), tf.transpose(xi, perm), dx];
      },
      0,
      0,
      ['float32', 'int32', 'gradient'],
    );
  });

  it('a large transpose (many tiles) matches cpu', async () => {
    await expectWasmMatchesCpu(() => [tf.transpose(seededTensor([130, 257], 3))], 0, 0, ['[130,257]^T']);
  });

  it('leaves no tensor or backend buffer behind', async () => {
    await onBackend('wasm', () => {
      const x = seededTensor([9, 10], 4);
      const tensors = tf.memory().numTensors;
      const buffers = backendDataIds();
      tf.tidy(() => tf.transpose(x).dataSync());
      expect(tf.memory().numTensors).toBe(tensors);
      expect(backendDataIds()).toBe(buffers);
      x.dispose();
    });
  });
});
