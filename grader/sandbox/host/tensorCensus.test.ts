/**
 * The host's tensor count: a leak shows however tf.memory() or the engine's own counters are
 * patched, and freeing is the only way to lower it. (Installed on this test process's backend.)
 */
import * as tf from '@tensorflow/tfjs';
import { installTensorCensus, type TensorCensus } from './tensorCensus';

let census: TensorCensus;
beforeAll(() => {
  census = installTensorCensus();
});

const buffers = () => {
  const seen = census.read();
  if (!('buffers' in seen)) throw new Error(seen.tampered);
  return seen.buffers;
};

describe('tensor census', () => {
  it('counts leaked tensors even when tf.memory and the engine counters are patched', () => {
    const before = buffers();
    const engine = tf.engine() as unknown as { state: { numTensors: number }; memory: () => unknown };
    const realMemory = engine.memory;
    engine.memory = () => ({ numTensors: 0, numDataBuffers: 0, numBytes: 0, unreliable: false });
    try {
      const leaked = [tf.ones([3]), tf.zeros([2, 2]), tf.add(tf.scalar(1), tf.scalar(2))];
      engine.state.numTensors = 0;
      expect(buffers() - before).toBe(5);
      tf.dispose(leaked);
      expect(buffers() - before).toBe(2); // the two scalars are still held
    } finally {
      engine.memory = realMemory;
    }
  });

  it("cannot be unhooked: the storage's methods and the storage itself are fixed", () => {
    const backend = tf.engine().backend as unknown as Record<string, unknown>;
    const field = Object.keys(backend).find((k) => backend[k] instanceof tf.DataStorage) as string;
    const storage = backend[field] as { set: unknown };
    expect(() => {
      'use strict';
      storage.set = () => undefined;
    }).toThrow(TypeError);
    expect(() => Object.defineProperty(backend, field, { value: {} })).toThrow(TypeError);
    expect(() => Object.defineProperty(tf.engine(), 'backendInstance', { get: () => undefined })).toThrow(TypeError);
  });
});
