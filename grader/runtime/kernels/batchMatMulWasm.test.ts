import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../backend';
import { materialiseTransposes } from './batchMatMulWasm';
import { replacedKernel } from './registerKernelFixes';
import { backendDataIds, expectAllClose, expectWasmMatchesCpu, onBackend, read, readAll, seededTensor, type Snapshot } from './testing';

// wasm (XNNPACK, float32 accumulation, SIMD order) vs cpu (float64 accumulation per block of 48,
// then float32): inputs lie in [-1, 1) and the inner dimension K <= 11, so each result sums at
// most 11 products of size <= 1 and the float32 rounding error is at most about
// K * 2^-24 * sum|a_k b_k| <= 11 * 6e-8 * 11 ~ 7e-6. Hence atol 1e-5; rtol 1e-5 for larger values.
const RTOL = 1e-5;
const ATOL = 1e-5;

const FLAGS: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

/** Stored shape of an operand whose logical shape is `shape`: last two axes swapped when transposed. */
function stored(shape: number[], transposed: boolean): number[] {
  return transposed ? [...shape.slice(0, -2), shape[shape.length - 1], shape[shape.length - 2]] : shape;
}

interface Shapes {
  name: string;
  /** Logical shapes: a [..., m, k], b [..., k, n]. */
  a: number[];
  b: number[];
  /**
   * Whether to compare gradients too. Not where batch dims broadcast: tfjs-core 4.22's BatchMatMul
   * gradient does not sum over broadcast dims and throws "gradient of input 'a' has shape [2,4,7],
   * which does not match the shape of the input [1,4,7]" on every backend.
   */
  grads: boolean;
}

const SHAPES: Shapes[] = [
  { name: '2-D [7,11]x[11,5]', a: [7, 11], b: [11, 5], grads: true },
  { name: 'batched 3-D [3,6,9]x[3,9,4]', a: [3, 6, 9], b: [3, 9, 4], grads: true },
  { name: 'single-matrix 3-D [1,6,9]x[1,9,4]', a: [1, 6, 9], b: [1, 9, 4], grads: true },
  { name: 'rank 4 with leading ones times 2-D [1,1,5,8]x[8,3]', a: [1, 1, 5, 8], b: [8, 3], grads: false },
  { name: 'broadcast batch [1,4,7]x[2,7,3]', a: [1, 4, 7], b: [2, 7, 3], grads: false },
];

/** Forward value and (if s.grads) d/da, d/db of sum(matMul(a, b) * W) for seeded a, b and W. */
function matMulAndGrads(s: Shapes, tA: boolean, tB: boolean): Snapshot[] {
  return readAll(() => {
    const a = seededTensor(stored(s.a, tA), 1);
    const b = seededTensor(stored(s.b, tB), 2);
    const y = tf.matMul(a, b, tA, tB);
    if (!s.grads) return [y];
    const w = seededTensor(y.shape, 3);
    const [da, db] = tf.grads((x: tf.Tensor, z: tf.Tensor) => tf.matMul(x, z, tA, tB).mul(w).sum())([a, b]);
    return [y, da, db];
  });
}

beforeAll(async () => {
  await initRuntime('wasm');
});

describe('wasm BatchMatMul with materialised transposes', () => {
  it('is installed on wasm (otherwise the comparisons below test the unpatched kernel)', () => {
    expect(replacedKernel('BatchMatMul', 'wasm')?.kernelFunc).toEqual(expect.any(Function));
    expect(replacedKernel('_FusedMatMul', 'wasm')?.kernelFunc).toEqual(expect.any(Function));
  });

  describe.each(SHAPES)('$name', (s) => {
    it.each(FLAGS)(`transposeA=%s transposeB=%s: forward${s.grads ? ' and both gradients' : ''} match cpu`, async (tA, tB) => {
      const reference = await onBackend('cpu', () => matMulAndGrads(s, tA, tB));
      const wasm = await onBackend('wasm', () => matMulAndGrads(s, tA, tB));
      expect(wasm).toHaveLength(s.grads ? 3 : 1);
      ['forward', 'd/da', 'd/db'].slice(0, wasm.length).forEach((what, i) => {
        try {
          expectAllClose(wasm[i], reference[i], RTOL, ATOL);
        } catch (err) {
          throw new Error(`${what}: ${(err as Error).message}`, { cause: err });
        }
      });
    });
  });

  it.each(FLAGS)('fused matMul with bias and relu, transposeA=%s transposeB=%s, matches cpu', async (tA, tB) => {
    const run = (): Snapshot =>
      read(() => {
        const a = seededTensor(stored([6, 10], tA), 4);
        const b = seededTensor(stored([10, 7], tB), 5);
        const bias = seededTensor([7], 6);
        return tf.fused.matMul({ a, b, transposeA: tA, transposeB: tB, bias, activation: 'relu' });
      });
    const reference = await onBackend('cpu', run);
    const wasm = await onBackend('wasm', run);
    expectAllClose(wasm, reference, RTOL, ATOL);
    expect(reference.values.filter((v) => v === 0).length).toBeGreaterThan(0); // relu did act
    expect(reference.values.filter((v) => v > 0).length).toBeGreaterThan(0);
  });

  it('hands the original kernel transposed copies with the flags cleared, for a single matrix only', () => {
    const original = replacedKernel('BatchMatMul', 'wasm')!.kernelFunc;
    const transpose = tf.getKernel('Transpose', 'wasm').kernelFunc;
    const seen: { aShape: number[]; bShape: number[]; transposeA: unknown; transposeB: unknown; a: number[] }[] = [];
    const backend = tf.backend() as unknown as { readSync(id: object): ArrayLike<number>; disposeData(id: object): boolean };
    const wrapped = materialiseTransposes((args) => {
      const a = args.inputs.a as tf.TensorInfo;
      const b = args.inputs.b as tf.TensorInfo;
      seen.push({
        aShape: a.shape,
        bShape: b.shape,
        transposeA: args.attrs?.transposeA,
        transposeB: args.attrs?.transposeB,
        a: Array.from(backend.readSync(a.dataId)),
      });
      return original(args);
    }, transpose);
    const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]); // used as a^T: [3, 2]
    const b = tf.tensor2d([1, 0, 0, 1], [2, 2]);
    const out = wrapped({ inputs: { a, b }, backend, attrs: { transposeA: true, transposeB: false } }) as tf.TensorInfo;
    expect(seen[0]).toEqual({ aShape: [3, 2], bShape: [2, 2], transposeA: false, transposeB: false, a: [1, 4, 2, 5, 3, 6] });
    expect(out.shape).toEqual([3, 2]);
    expect(Array.from(backend.readSync(out.dataId))).toEqual([1, 4, 2, 5, 3, 6]);
    backend.disposeData(out.dataId);

    const a3 = tf.zeros([2, 3, 2]);
    const b3 = tf.zeros([2, 3, 2]);
    const out3 = wrapped({ inputs: { a: a3, b: b3 }, backend, attrs: { transposeA: true, transposeB: false } }) as tf.TensorInfo;
    expect(seen[1]).toMatchObject({ aShape: [2, 3, 2], transposeA: true }); // batched: passed through
    expect(out3.shape).toEqual([2, 2, 2]);
    backend.disposeData(out3.dataId);
    tf.dispose([a, b, a3, b3]);
  });

  it('reports an inner-dimension mismatch with the shapes and flags the caller passed', () => {
    tf.tidy(() => {
      expect(() => tf.matMul(tf.zeros([4, 3]), tf.zeros([5, 2]), true, false)).toThrow(
        /inner shapes \(4\) and \(5\) of Tensors with shapes 4,3 and 5,2 and transposeA=true/,
      );
    });
  });

  it('leaves no tensor or backend buffer behind (transposed matMul in tidy, and its gradients)', () => {
    const a = seededTensor([9, 6], 7);
    const b = seededTensor([5, 9], 8);
    const tensors = tf.memory().numTensors;
    const buffers = backendDataIds();
    tf.tidy(() => tf.matMul(a, b, true, true).dataSync());
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backendDataIds()).toBe(buffers);
    const grads = tf.grads((x: tf.Tensor, z: tf.Tensor) => tf.matMul(x, z, true, true).square().sum())([a, b]);
    tf.dispose(grads);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backendDataIds()).toBe(buffers);
    tf.dispose([a, b]);
  });
});

describe('wasm BatchMatMul: transposed-output forms and batched products', () => {
  // Inner dimensions up to 40 with values in [-1, 1): float32 rounding of a sum of <= 40 products
  // differs between orders by at most ~40 * 6e-8 * 40 ~ 1e-4 in the worst case, typically far less.
  const BIG_RTOL = 1e-5;
  const BIG_ATOL = 2e-5;

  /** Forward and (when `grads`) both gradients of sum(matMul(a, b) * W), on the active backend. */
  function productAndGrads(aShape: number[], bShape: number[], tA: boolean, tB: boolean, grads = true): tf.Tensor[] {
    const a = seededTensor(aShape, 21);
    const b = seededTensor(bShape, 22);
    const y = tf.matMul(a, b, tA, tB);
    if (!grads) return [y];
    const w = seededTensor(y.shape, 23);
    const [da, db] = tf.grads((x: tf.Tensor, z: tf.Tensor) => tf.matMul(x, z, tA, tB).mul(w).sum())([a, b]);
    return [y, da, db];
  }

  it.each([
    // a^T b with b much wider than a: computed as (b^T a)^T (the output projection's weight gradient)
    { name: 'a^T b, n >= 4m: [40,6]^T x [40,33]', a: [40, 6], b: [40, 33], tA: true, tB: false },
    { name: 'a^T b, n < 4m (materialised a^T): [40,9]^T x [40,30]', a: [40, 9], b: [40, 30], tA: true, tB: false },
    { name: 'a^T b^T with a small output: computed as (b a)^T', a: [37, 3], b: [4, 37], tA: true, tB: true },
    { name: 'single matrices with batch dims of 1: [1,40,6]^T x [1,40,33]', a: [1, 40, 6], b: [1, 40, 33], tA: true, tB: false },
  ])('$name: forward and gradients match cpu', async ({ a, b, tA, tB }) => {
    await expectWasmMatchesCpu(() => productAndGrads(a, b, tA, tB), BIG_RTOL, BIG_ATOL, ['forward', 'd/da', 'd/db']);
  });

  it.each([
    { name: 'batched a times a single b: [3,5,8] x [8,7]', a: [3, 5, 8], b: [8, 7], tA: false, tB: false },
    { name: 'batched a times a single transposed b: [2,3,5,8] x [7,8]^T', a: [2, 3, 5, 8], b: [7, 8], tA: false, tB: true },
    { name: 'batched a times b with batch 1: [4,5,8] x [1,8,7]', a: [4, 5, 8], b: [1, 8, 7], tA: false, tB: false },
    { name: 'equal batches: [3,5,8] x [3,8,7]', a: [3, 5, 8], b: [3, 8, 7], tA: false, tB: false },
    { name: 'equal batches, both transposed: [3,8,5]^T x [3,7,8]^T', a: [3, 8, 5], b: [3, 7, 8], tA: true, tB: true },
    { name: 'equal batches, transposed a with a wide b: [2,8,3]^T x [2,8,20]', a: [2, 8, 3], b: [2, 8, 20], tA: true, tB: false },
  ])('$name: forward and gradients match cpu', async ({ a, b, tA, tB }) => {
    // Gradients only for equal batch shapes: tfjs-core 4.22 cannot differentiate broadcast batches (see SHAPES above).
    const grads = a.length === b.length && a[0] === b[0];
    await expectWasmMatchesCpu(() => productAndGrads(a, b, tA, tB, grads), BIG_RTOL, BIG_ATOL, ['forward', 'd/da', 'd/db']);
  });

  it('fused matMul of a batched a with bias and relu matches cpu', async () => {
    await expectWasmMatchesCpu(
      () => [
        tf.fused.matMul({ a: seededTensor([3, 4, 6], 31), b: seededTensor([6, 5], 32), bias: seededTensor([5], 33), activation: 'relu' }),
      ],
      BIG_RTOL,
      BIG_ATOL,
      ['fused'],
    );
  });

  it('leaves no tensor or backend buffer behind (output transpose, batched loop)', () => {
    const tensors = tf.memory().numTensors;
    const buffers = backendDataIds();
    tf.tidy(() => {
      productAndGrads([40, 6], [40, 33], true, false).forEach((t) => t.dataSync());
      productAndGrads([3, 8, 5], [3, 7, 8], true, true).forEach((t) => t.dataSync());
      productAndGrads([3, 5, 8], [8, 7], false, false, false).forEach((t) => t.dataSync());
      productAndGrads([3, 5, 8], [3, 8, 7], false, false).forEach((t) => t.dataSync());
    });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backendDataIds()).toBe(buffers);
  });
});
