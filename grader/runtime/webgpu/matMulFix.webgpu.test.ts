/**
 * The split-K fix on webgpu (matMulFix.ts) against the cpu backend: without it tfjs-backend-webgpu
 * 4.22 gets A x B^T wrong at batch 1 with K >= 2000; with it the products agree. Float32 sums over
 * K = 2000 terms of values in [-1, 1) (magnitude ~25) differ between summation orders: rtol 1e-5,
 * atol 1e-4 (measured on lavapipe: largest absolute error 6.5e-5; without the fix the error is of
 * the size of the values themselves).
 */
import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../backend';
import { registerKernelFixes, removeKernelFixes, replacedKernel } from '../kernels/registerKernelFixes';
import { expectAllClose, expectBackendMatchesCpu, onBackend, readAll, seededTensor } from '../kernels/testing';

const RTOL = 1e-5;
const ATOL = 1e-4;

/** The RNN's backprop through its output layer at batch 1: dLogits [20, 2000] x Wo^T (Wo: [128, 2000]). */
const splitKProduct = () => [tf.matMul(seededTensor([20, 2000], 1), seededTensor([128, 2000], 2), false, true)];
const fusedSplitKProduct = () => [
  tf.fused.matMul({
    a: seededTensor([20, 2000], 3),
    b: seededTensor([64, 2000], 4),
    transposeB: true,
    bias: seededTensor([64], 5),
    activation: 'relu',
  }),
];

beforeAll(async () => {
  await initRuntime('webgpu');
});

describe('webgpu matMul: the split-K program with a transposed B', () => {
  it('is wrong in tfjs-backend-webgpu without the fix (if this fails, the library was fixed: drop ours)', async () => {
    removeKernelFixes('webgpu');
    try {
      const cpu = await onBackend('cpu', () => readAll(splitKProduct));
      const gpu = await onBackend('webgpu', () => readAll(splitKProduct));
      expect(() => expectAllClose(gpu[0], cpu[0], 0.1, 0.1)).toThrow(/values differ/);
    } finally {
      registerKernelFixes('webgpu');
    }
  });

  it('agrees with cpu with the fix in force, for BatchMatMul and _FusedMatMul', async () => {
    expect(replacedKernel('BatchMatMul', 'webgpu')).toBeTruthy();
    expect(replacedKernel('_FusedMatMul', 'webgpu')).toBeTruthy();
    await expectBackendMatchesCpu('webgpu', splitKProduct, RTOL, ATOL, ['A x B^T']);
    await expectBackendMatchesCpu('webgpu', fusedSplitKProduct, RTOL, ATOL, ['relu(A x B^T + bias)']);
  });

  it('gives the right gradients through the product, and leaves the program flag as it was', async () => {
    // The gradients start from 2 * (A x B^T), so a wrong product makes both wrong.
    const grads = () =>
      tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.matMul(a, b, false, true))))([
        seededTensor([20, 2000], 6),
        seededTensor([128, 2000], 7),
      ]);
    await expectBackendMatchesCpu('webgpu', grads, RTOL, 2e-3, ['d/a', 'd/b']);
    expect(tf.env().getNumber('WEBGPU_MATMUL_PROGRAM_TYPE')).toBe(-1);
  });

  it('leaves other products to the backend, and a program type set by the user alone', async () => {
    await expectBackendMatchesCpu(
      'webgpu',
      () => [
        tf.matMul(seededTensor([64, 128], 8), seededTensor([128, 300], 9)),
        tf.matMul(seededTensor([2, 20, 64], 10), seededTensor([2, 2500, 64], 11), false, true),
      ],
      RTOL,
      ATOL,
      ['plain', 'batched A x B^T'],
    );
    tf.env().set('WEBGPU_MATMUL_PROGRAM_TYPE', 2);
    try {
      const [out] = readAll(splitKProduct);
      expect(out.shape).toEqual([20, 128]);
      expect(tf.env().getNumber('WEBGPU_MATMUL_PROGRAM_TYPE')).toBe(2);
    } finally {
      tf.env().set('WEBGPU_MATMUL_PROGRAM_TYPE', -1);
    }
  });
});
