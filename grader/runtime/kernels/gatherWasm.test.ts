import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../backend';
import { replacedKernel } from './registerKernelFixes';
import { backendDataIds, expectWasmMatchesCpu, onBackend, seededInts, seededTensor } from './testing';

beforeAll(async () => {
  await initRuntime('wasm');
});

describe('wasm GatherV2 (slice copies)', () => {
  it('is installed on wasm', () => {
    expect(replacedKernel('GatherV2', 'wasm')?.kernelFunc).toEqual(expect.any(Function));
  });

  // Embedding rows (slices >= 16 values: one copy per row), short slices (element loop), other
  // axes, batchDims, scalar and 2-D index tensors, int32 params.
  const CASES: {
    name: string;
    shape: number[];
    indices: number[];
    indexShape: number[];
    axis: number;
    batchDims?: number;
    dtype?: 'int32';
  }[] = [
    { name: 'embedding rows [V=50, E=20] by [4, 6] ids', shape: [50, 20], indices: seededInts(24, 1, 0, 50), indexShape: [4, 6], axis: 0 },
    { name: 'short rows [9, 3]', shape: [9, 3], indices: [8, 0, 0, 4], indexShape: [4], axis: 0 },
    { name: 'axis 1 of [4, 7, 5]', shape: [4, 7, 5], indices: [6, 1, 1], indexShape: [3], axis: 1 },
    { name: 'last axis of [3, 8]', shape: [3, 8], indices: [7, 0, 3, 3, 2], indexShape: [5], axis: 1 },
    { name: 'scalar index', shape: [6, 17], indices: [5], indexShape: [], axis: 0 },
    { name: 'batchDims 1: [2, 5, 4] by [2, 3]', shape: [2, 5, 4], indices: [4, 0, 2, 1, 1, 3], indexShape: [2, 3], axis: 1, batchDims: 1 },
    {
      name: 'int32 table (the training loop gathers id windows)',
      shape: [10, 20],
      indices: [9, 2, 2, 0],
      indexShape: [4],
      axis: 0,
      dtype: 'int32',
    },
  ];

  it.each(CASES)('$name matches cpu bit for bit', async (c) => {
    await expectWasmMatchesCpu(
      () => {
        const n = c.shape.reduce((a, b) => a * b, 1);
        const x = c.dtype === 'int32' ? tf.tensor(seededInts(n, 2, -1000, 1000), c.shape, 'int32') : seededTensor(c.shape, 3);
        return [tf.gather(x, tf.tensor(c.indices, c.indexShape, 'int32'), c.axis, c.batchDims ?? 0)];
      },
      0,
      0,
      ['gather'],
    );
  });

  it('gradient of an embedding lookup (scatter-add of rows) matches cpu', async () => {
    await expectWasmMatchesCpu(
      () => {
        const table = seededTensor([30, 17], 4);
        const ids = tf.tensor2d(seededInts(24, 5, 0, 30), [4, 6], 'int32');
        const w = seededTensor([4, 6, 17], 6);
        const [d] = tf.grads((t: tf.Tensor) => tf.gather(t, ids).mul(w).sum())([table]);
        return [d];
      },
      1e-6,
      1e-7,
      ['d/dtable'],
    );
  });

  it('rejects an out-of-range index with the original message', async () => {
    await onBackend('wasm', () => {
      tf.tidy(() => {
        expect(() => tf.gather(tf.zeros([4, 20]), tf.tensor1d([1, 4], 'int32'))).toThrow('GatherV2: the index value 4 is not in [0, 3]');
        expect(() => tf.gather(tf.zeros([4, 20]), tf.tensor1d([-1], 'int32'))).toThrow('GatherV2: the index value -1 is not in [0, 3]');
      });
    });
  });

  it('leaves no tensor or backend buffer behind', async () => {
    await onBackend('wasm', () => {
      const x = seededTensor([12, 20], 7);
      const ids = tf.tensor1d([3, 3, 11], 'int32');
      const tensors = tf.memory().numTensors;
      const buffers = backendDataIds();
      tf.tidy(() => tf.gather(x, ids).dataSync());
      expect(tf.memory().numTensors).toBe(tensors);
      expect(backendDataIds()).toBe(buffers);
      tf.dispose([x, ids]);
    });
  });
});
