import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../backend';
import { registerKernelFixes, removeKernelFixes, replacedKernel } from './registerKernelFixes';
import { read, seededTensor } from './testing';

const WASM_FIXES = [
  'UnsortedSegmentSum',
  'BatchMatMul',
  '_FusedMatMul',
  'Transpose',
  'Exp',
  'Tanh',
  'Sqrt',
  'Sum',
  'Max',
  'GatherV2',
  'Unpack',
  'Identity',
  'Cast',
  'Add',
  'Sub',
  'Multiply',
];

function transposedProduct(): number[] {
  return read(() => tf.matMul(seededTensor([8, 5], 1), seededTensor([3, 8], 2), true, true)).values;
}

beforeAll(async () => {
  await initRuntime('wasm');
});

describe('registerKernelFixes', () => {
  it('is applied by initRuntime and reported in the runtime info', async () => {
    const info = await initRuntime('wasm');
    expect(info.kernelFixes).toEqual(WASM_FIXES);
  });

  it('registers per backend: wasm all of them, cpu the scatter-add, tensorflow nothing', () => {
    expect(registerKernelFixes('wasm')).toEqual(WASM_FIXES);
    expect(registerKernelFixes('cpu')).toEqual(['UnsortedSegmentSum']);
    expect(registerKernelFixes('tensorflow')).toEqual([]);
    expect(replacedKernel('UnsortedSegmentSum', 'cpu')?.backendName).toBe('cpu'); // replaced the cpu kernel
  });

  it('is idempotent: a second call keeps the same kernels and never wraps a wrapper', () => {
    removeKernelFixes('wasm');
    const genuine = tf.getKernel('BatchMatMul', 'wasm');
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeUndefined();
    const plain = transposedProduct();

    expect(registerKernelFixes('wasm')).toEqual(WASM_FIXES);
    const first = WASM_FIXES.map((k) => tf.getKernel(k, 'wasm').kernelFunc);
    const once = transposedProduct();
    expect(registerKernelFixes('wasm')).toEqual(WASM_FIXES);
    const second = WASM_FIXES.map((k) => tf.getKernel(k, 'wasm').kernelFunc);

    second.forEach((f, i) => expect(f).toBe(first[i]));
    expect(replacedKernel('BatchMatMul', 'wasm')).toBe(genuine);
    expect(replacedKernel('BatchMatMul', 'wasm')?.setupFunc).toBe(genuine.setupFunc);
    expect(tf.getKernel('BatchMatMul', 'wasm').setupFunc).toBe(genuine.setupFunc); // kept for re-initialisation
    expect(transposedProduct()).toEqual(once);
    // Same product as the unpatched kernel, to float32 rounding (K = 8 terms in [-1, 1)).
    once.forEach((v, i) => expect(Math.abs(v - plain[i])).toBeLessThan(1e-5));
  });

  it('removeKernelFixes restores the original kernels, and the fixes can be registered again', () => {
    const genuine = replacedKernel('BatchMatMul', 'wasm');
    removeKernelFixes('wasm');
    expect(tf.getKernel('BatchMatMul', 'wasm')).toBe(genuine);
    expect(replacedKernel('BatchMatMul', 'wasm')).toBeUndefined();
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeUndefined();
    expect(registerKernelFixes('wasm')).toEqual(WASM_FIXES);
    expect(replacedKernel('BatchMatMul', 'wasm')).toBe(genuine);
  });
});
