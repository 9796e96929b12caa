import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../backend';
import { gemmOnHeap } from './gemmWasm';
import { fmaSupported } from './simdKernels';
import { heapOffset, kernelsOf, type WasmBackendLike } from './wasmHeap';
import { backendDataIds, expectAllClose, expectWasmMatchesCpu, onBackend, seededTensor, seededValues } from './testing';

beforeAll(async () => {
  await initRuntime('wasm');
});

/** C = op(A) B in float64, A given as stored ([M, K], or [K, M] when transposeA). */
function reference(a: number[], b: number[], M: number, N: number, K: number, transposeA: boolean): number[] {
  const c: number[] = [];
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += (transposeA ? a[k * M + i] : a[i * K + k]) * b[k * N + j];
      c.push(s);
    }
  }
  return c;
}

// float32 sums of K products of values in [-1, 1): error <= K * 2^-24 * sum|a b| <= K^2 * 6e-8,
// i.e. <= 4e-5 for K = 25; typical errors are far smaller.
const RTOL = 1e-5;
const ATOL = 4e-5;

describe('gemmOnHeap (SIMD register tiles)', () => {
  // Every edge: 6-, 4- and 1-row tiles (row blocks of 13 = 6 + 6 + 1; 17 rows = 13 + 4), columns
  // mod 8 = 0..7 (8-, 4- and 1-column tiles), k blocks smaller than K (accumulation across blocks).
  const SHAPES: [number, number, number][] = [
    [4, 8, 5],
    [5, 9, 7],
    [6, 12, 3],
    [7, 15, 25],
    [1, 1, 1],
    [3, 5, 2],
    [9, 20, 24],
    [12, 17, 9],
    [13, 9, 30],
    [17, 24, 6],
  ];

  it('has the relaxed-SIMD (multiply-add) tiles where the engine accepts them', () => {
    const backend = tf.backend() as unknown as WasmBackendLike;
    expect(kernelsOf(backend).gemm_f32_fma !== undefined).toBe(fmaSupported());
    // Node 20 with the flag switched on at run time, or Node 22+: both accept relaxed SIMD.
    expect(fmaSupported()).toBe(process.env.RNN_LAB_WASM_FMA !== '0');
  });

  it.each(
    SHAPES.flatMap(([M, N, K]) =>
      [false, true].flatMap((transposeA) =>
        [true, false].map((fma) => [M, N, K, transposeA, fma] as [number, number, number, boolean, boolean]),
      ),
    ),
  )(
    'M=%i N=%i K=%i transposeA=%s multiply-add=%s, k blocks of 4, row blocks of 13, column blocks of 6, matches a float64 reference',
    async (M, N, K, transposeA, fma) => {
      const aValues = seededValues(M * K, M * 100 + K).map(Math.fround);
      const bValues = seededValues(K * N, N * 100 + K).map(Math.fround);
      const got = await onBackend('wasm', () => {
        const backend = tf.backend() as unknown as WasmBackendLike;
        const a = tf.tensor(aValues, transposeA ? [K, M] : [M, K]);
        const b = tf.tensor(bValues, [K, N]);
        const c = tf.fill([M, N], 12345); // every entry must be overwritten
        gemmOnHeap(
          kernelsOf(backend),
          heapOffset(backend, a),
          heapOffset(backend, b),
          heapOffset(backend, c),
          M,
          N,
          K,
          transposeA,
          4,
          13,
          fma,
          6,
        );
        const values = Array.from(c.dataSync());
        tf.dispose([a, b, c]);
        return values;
      });
      expectAllClose(
        { shape: [M, N], dtype: 'float32', values: got },
        { shape: [M, N], dtype: 'float32', values: reference(aValues, bValues, M, N, K, transposeA) },
        RTOL,
        ATOL,
      );
    },
  );

  it('K = 0 gives zeros', async () => {
    const got = await onBackend('wasm', () => {
      const backend = tf.backend() as unknown as WasmBackendLike;
      const a = tf.zeros([3, 1]);
      const b = tf.zeros([1, 9]);
      const c = tf.fill([3, 9], 7);
      gemmOnHeap(kernelsOf(backend), heapOffset(backend, a), heapOffset(backend, b), heapOffset(backend, c), 3, 9, 0, false);
      const values = Array.from(c.dataSync());
      tf.dispose([a, b, c]);
      return values;
    });
    expect(got).toEqual(new Array(27).fill(0));
  });
});

describe('wasm BatchMatMul on the SIMD tiles', () => {
  // Sizes past the default blocks (k blocks of 256, row blocks of 64) with ragged edges, in the
  // three forms of an output layer's forward pass and backprop. Inner dimension up to 300:
  // float32 error ~ sqrt(K) * 6e-8 * sum|ab| typically, bounded well below 1e-4 here.
  it.each([
    { name: 'forward [70,33] x [33,301]', a: [70, 33], b: [33, 301], tA: false, tB: false },
    { name: 'forward with column blocks [9,20] x [20,1100] (n > 512)', a: [9, 20], b: [20, 1100], tA: false, tB: false },
    { name: 'input gradient [70,301] x [33,301]^T (k = 301: two k blocks)', a: [70, 301], b: [33, 301], tA: false, tB: true },
    { name: 'weight gradient [70,33]^T x [70,301]', a: [70, 33], b: [70, 301], tA: true, tB: false },
    { name: 'both transposed [301,6]^T x [9,301]^T', a: [301, 6], b: [9, 301], tA: true, tB: true },
  ])('$name matches cpu', async ({ a, b, tA, tB }) => {
    await expectWasmMatchesCpu(() => [tf.matMul(seededTensor(a, 41), seededTensor(b, 42), tA, tB)], 1e-5, 1e-4, ['product']);
  });

  it('leaves no tensor or backend buffer behind', async () => {
    await onBackend('wasm', () => {
      const a = seededTensor([9, 30], 43);
      const b = seededTensor([11, 30], 44);
      const tensors = tf.memory().numTensors;
      const buffers = backendDataIds();
      tf.tidy(() => tf.matMul(a, b, false, true).dataSync());
      expect(tf.memory().numTensors).toBe(tensors);
      expect(backendDataIds()).toBe(buffers);
      tf.dispose([a, b]);
    });
  });
});
