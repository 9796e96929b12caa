import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../backend';
import { replacedKernel } from './registerKernelFixes';
import { backendDataIds, expectWasmMatchesCpu, onBackend, seededInts, seededTensor } from './testing';

beforeAll(async () => {
  await initRuntime('wasm');
});

describe('wasm Unpack (tf.unstack) as block copies', () => {
  it('is installed on wasm', () => {
    expect(replacedKernel('Unpack', 'wasm')?.kernelFunc).toEqual(expect.any(Function));
  });

  // Long rows (block copies) and short ones (element loop), every axis, negative axes.
  const STACKS: { shape: number[]; count: number; axis: number }[] = [
    { shape: [6, 20], count: 5, axis: 1 },
    { shape: [6, 20], count: 5, axis: 0 },
    { shape: [6, 20], count: 5, axis: 2 },
    { shape: [6, 20], count: 5, axis: -1 },
    { shape: [3, 4, 5], count: 2, axis: 1 },
    { shape: [7], count: 3, axis: 0 },
  ];

  it.each(STACKS)(
    'unstack of a stack of $count $shape on axis $axis, int32 too, and the gradients both ways match cpu bit for bit',
    async ({ shape, count, axis }) => {
      await expectWasmMatchesCpu(
        () => {
          const parts = Array.from({ length: count }, (_, i) => seededTensor(shape, 10 + i));
          const ints = Array.from({ length: count }, (_, i) =>
            tf.tensor(
              seededInts(
                shape.reduce((a, b) => a * b, 1),
                20 + i,
                -50,
                50,
              ),
              shape,
              'int32',
            ),
          );
          const stacked = tf.stack(parts, axis);
          const w = seededTensor(stacked.shape, 30);
          const grads = tf.grads((...xs: tf.Tensor[]) => tf.stack(xs, axis).mul(w).sum())(parts);
          const [dStacked] = tf.grads((x: tf.Tensor) =>
            tf
              .unstack(x, axis)
              .map((t, i) => t.mul(i + 1).sum())
              .reduce((a, b) => a.add(b)),
          )([stacked]);
          return [stacked, ...tf.unstack(stacked, axis), ...tf.unstack(tf.stack(ints, axis), axis), ...grads, dStacked];
        },
        0,
        0,
      );
    },
  );

  it('leaves no tensor or backend buffer behind', async () => {
    await onBackend('wasm', () => {
      const a = seededTensor([4, 20], 60);
      const tensors = tf.memory().numTensors;
      const buffers = backendDataIds();
      tf.tidy(() => {
        tf.unstack(tf.stack([a, a, a], 1), 1).forEach((t) => t.dataSync());
      });
      expect(tf.memory().numTensors).toBe(tensors);
      expect(backendDataIds()).toBe(buffers);
      a.dispose();
    });
  });
});
