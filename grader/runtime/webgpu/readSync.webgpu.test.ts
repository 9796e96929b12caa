/**
 * Synchronous reads on webgpu (readSync.ts): what dataSync, arraySync and bufferSync return for
 * tensors computed on the GPU equals the asynchronous read, bit for bit, for every dtype the lab
 * uses, and nothing stays allocated.
 */
import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../backend';
import { backendDataIds, seededTensor } from '../kernels/testing';

beforeAll(async () => {
  const info = await initRuntime('webgpu');
  expect(info.kernelFixes).toContain('readSync');
});

/** The same kernels run twice (two GPU buffers; the programs are deterministic): one read synchronously, one awaited. */
async function bothReads(make: () => tf.Tensor): Promise<[ArrayLike<number | boolean>, ArrayLike<number | boolean>]> {
  const [a, b] = tf.tidy(() => [make(), make()]);
  try {
    return [a.dataSync() as ArrayLike<number>, (await b.data()) as ArrayLike<number>];
  } finally {
    tf.dispose([a, b]);
  }
}

describe('webgpu readSync', () => {
  it('reads float32, int32 and bool results of GPU kernels as the asynchronous read does', async () => {
    const cases: [string, () => tf.Tensor][] = [
      ['float32 matMul [300, 257]', () => tf.matMul(seededTensor([300, 64], 1), seededTensor([64, 257], 2))],
      ['int32 argMax', () => tf.argMax(seededTensor([500, 40], 3), 1)],
      ['bool greater', () => tf.greater(seededTensor([1000], 4), 0)],
      ['float32 [1280, 2000] softmax', () => tf.softmax(seededTensor([1280, 2000], 5))],
    ];
    for (const [name, make] of cases) {
      const [sync, async] = await bothReads(make);
      expect({ name, length: sync.length }).toEqual({ name, length: async.length });
      expect(Array.from(sync)).toEqual(Array.from(async));
    }
  });

  it('serves arraySync and bufferSync, and a second read from the cached copy', () => {
    const t = tf.tidy(() => tf.add(tf.range(0, 12, 1, 'float32').reshape([3, 4]), 0.5));
    try {
      expect(t.arraySync()).toEqual([
        [0.5, 1.5, 2.5, 3.5],
        [4.5, 5.5, 6.5, 7.5],
        [8.5, 9.5, 10.5, 11.5],
      ]);
      expect(t.bufferSync().get(2, 3)).toBe(11.5);
      expect(Array.from(t.dataSync())).toEqual([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5]);
    } finally {
      t.dispose();
    }
  });

  it('leaves no tensor and no backend buffer behind', () => {
    const tensors = tf.memory().numTensors;
    const ids = backendDataIds();
    for (let i = 0; i < 20; i++) tf.tidy(() => tf.sum(tf.matMul(seededTensor([64, 64], i), seededTensor([64, 64], i + 1))).dataSync());
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backendDataIds()).toBe(ids);
  });
});
