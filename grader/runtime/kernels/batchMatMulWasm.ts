/**
 * Wrapper for the wasm backend's BatchMatMul and _FusedMatMul kernels. The wasm kernels use
 * XNNPACK only for the plain product of two single matrices (no transposes, batch 1); everything
 * else runs a naive loop 10-30x slower. The wrapper turns float32 products into single plain ones:
 *
 * - BatchMatMul: every single product runs on the SIMD tiles of gemmSource.ts (options.gemm),
 *   which read A or A^T in place and need no packing: ~15% faster than XNNPACK on the training
 *   step's products ([1280,128]x[128,5000] 59 -> 49 ms, its two gradients 54 -> 49 and
 *   62 -> 57 ms CPU, best of 9). transposeB is materialised first (a small operand in backprop).
 * - _FusedMatMul (bias, activation): transposeA/transposeB on single matrices are materialised
 *   with the Transpose kernel and XNNPACK runs with the flags cleared.
 * - Without options.gemm (kept for comparison and as the fallback where SIMD is missing), a^T b
 *   with b much wider than a (n >= 4m) runs as (b^T a)^T so XNNPACK packs the small operand
 *   (~100 -> ~60 ms for [1280,128]^T x [1280,5000]), a^T b^T as (b a)^T when the output is smaller.
 * - a batched a [..., m, k] times a single b [k, n] (e.g. tf.matMul(states [B, W, H], Wo [H, V])):
 *   a is viewed as one [B*W, k] matrix (no copy): [64,20,128]x[128,5000] ~1.8 s -> ~60 ms.
 *   (tfjs-core 4.22 cannot differentiate such broadcast products on any backend; the forward
 *   pass, e.g. in evaluation, still gains.)
 * - other batched products (batch > 1 on both sides, equal batch shapes): one single product per
 *   batch entry, on copies of the slices (BatchMatMul only; _FusedMatMul passes through).
 * Results are the same products summed in a different order: equal to float32 rounding.
 *
 * Shapes: a: [...batchA, m, k] (or [...batchA, k, m] with transposeA), b: [...batchB, k, n]
 * (or [...batchB, n, k] with transposeB); out: [...broadcast(batchA, batchB), m, n].
 */
import { broadcast_util, util, type KernelFunc, type TensorInfo, type DataType } from '@tensorflow/tfjs';

/** What this file needs from tfjs-backend-wasm's BackendWasm. */
interface WasmBackendLike {
  disposeData(dataId: object): boolean;
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  wasm: { asm: { memory: { buffer: ArrayBuffer } } };
}

export interface MatMulWrapOptions {
  /** Allow computing the product transposed and transposing the result (no bias or activation to apply: BatchMatMul only). */
  outputTranspose: boolean;
  /**
   * Computes one product of single matrices itself (BatchMatMul only): a [1, m, k] (or
   * [1, k, m] with transposeA) times b [1, k, n] into a new [1, m, n] tensor; transposeB is
   * materialised before it is called.
   */
  gemm?: (backend: object, a: TensorInfo, b: TensorInfo, m: number, n: number, k: number, transposeA: boolean) => TensorInfo;
}

/** `x` with its last two axes swapped, as a new wasm tensor the caller must dispose. */
function swapLastTwoAxes(x: TensorInfo, transpose: KernelFunc, backend: object): TensorInfo {
  const rank = x.shape.length;
  const rows = x.shape[rank - 2];
  const cols = x.shape[rank - 1];
  const batch = util.sizeFromShape(x.shape.slice(0, -2));
  // Same data viewed as [batch, rows, cols]: a TensorInfo is only metadata, nothing is copied.
  const x3d: TensorInfo = { dataId: x.dataId, shape: [batch, rows, cols], dtype: x.dtype };
  const out = transpose({ inputs: { x: x3d }, backend, attrs: { perm: [0, 2, 1] } }) as TensorInfo;
  return { dataId: out.dataId, shape: [...x.shape.slice(0, -2), cols, rows], dtype: x.dtype as DataType };
}

/**
 * The same data as one [1, rows, cols] matrix (metadata only). The wasm kernels take rank-3
 * operands (tfjs-core's ops reshape to 3-D before calling them; _FusedMatMul reads a.shape[1..2]).
 */
function asMatrix(x: TensorInfo, rows: number, cols: number): TensorInfo {
  return { dataId: x.dataId, shape: [1, rows, cols], dtype: x.dtype };
}

function batchOf(x: TensorInfo): number {
  return util.sizeFromShape(x.shape.slice(0, -2));
}

/**
 * Wraps `original` (the wasm BatchMatMul or _FusedMatMul kernel func). `transpose` is the wasm
 * Transpose kernel func. Inputs other than a and b (bias, preluActivationWeights) and all other
 * attrs pass through unchanged.
 */
export function materialiseTransposes(
  original: KernelFunc,
  transpose: KernelFunc,
  options: MatMulWrapOptions = { outputTranspose: false },
): KernelFunc {
  /** One product of single matrices (a, b of any rank with batch 1), as a plain XNNPACK product where possible. */
  const single: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args;
    const a = inputs.a as TensorInfo;
    const b = inputs.b as TensorInfo;
    const transposeA = attrs?.transposeA === true;
    const transposeB = attrs?.transposeB === true;
    if (!transposeA && !transposeB && options.gemm === undefined) return original(args);
    const rankA = a.shape.length;
    const rankB = b.shape.length;
    const [m, k] = transposeA ? [a.shape[rankA - 1], a.shape[rankA - 2]] : [a.shape[rankA - 2], a.shape[rankA - 1]];
    const n = transposeB ? b.shape[rankB - 2] : b.shape[rankB - 1];
    const temporaries: TensorInfo[] = [];
    const temp = (t: TensorInfo): TensorInfo => {
      temporaries.push(t);
      return t;
    };
    const run = (x: TensorInfo, y: TensorInfo): TensorInfo =>
      original({ inputs: { ...inputs, a: x, b: y }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } }) as TensorInfo;
    const outShape = [...broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2)), m, n];
    try {
      if (options.gemm !== undefined) {
        const right = transposeB ? temp(swapLastTwoAxes(asMatrix(b, n, k), transpose, backend)) : b;
        const out = options.gemm(backend, a, right, m, n, k, transposeA);
        return { dataId: out.dataId, shape: outShape, dtype: out.dtype };
      }
      if (options.outputTranspose && transposeA && ((!transposeB && n >= 4 * m) || (transposeB && m * n <= k * (m + n)))) {
        // out = (b' a)^T with b' = b^T [n, k] (materialised, or b itself when transposeB).
        const left = transposeB ? asMatrix(b, n, k) : temp(swapLastTwoAxes(asMatrix(b, k, n), transpose, backend));
        const product = temp(run(left, asMatrix(a, k, m))); // [1, n, m]
        const out = transpose({ inputs: { x: product }, backend, attrs: { perm: [0, 2, 1] } }) as TensorInfo;
        return { dataId: out.dataId, shape: outShape, dtype: out.dtype };
      }
      const newA = transposeA ? temp(swapLastTwoAxes(a, transpose, backend)) : a;
      const newB = transposeB ? temp(swapLastTwoAxes(b, transpose, backend)) : b;
      return run(newA, newB);
    } finally {
      for (const t of temporaries) (backend as WasmBackendLike).disposeData(t.dataId);
    }
  };

  return (args) => {
    const { inputs, attrs } = args;
    const a = inputs.a as TensorInfo;
    const b = inputs.b as TensorInfo;
    const transposeA = attrs?.transposeA === true;
    const transposeB = attrs?.transposeB === true;
    if (a.shape.length < 2 || b.shape.length < 2 || a.dtype !== 'float32' || b.dtype !== 'float32') return original(args);
    const innerA = a.shape[a.shape.length - (transposeA ? 2 : 1)];
    const innerB = b.shape[b.shape.length - (transposeB ? 1 : 2)];
    if (innerA !== innerB) return original(args); // let the original report the mismatch in the caller's terms
    if (util.sizeFromShape(a.shape) === 0 || util.sizeFromShape(b.shape) === 0) return original(args);
    const batchA = batchOf(a);
    const batchB = batchOf(b);
    if (batchA === 1 && batchB === 1) return single(args);
    if (batchB === 1 && !transposeA && smallExtras(inputs)) {
      // [...batchA, m, k] x [k, n]: one [batchA*m, k] x [k, n] product, viewed back as [...batch, m, n].
      const outBatch = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
      const n = b.shape[b.shape.length - (transposeB ? 2 : 1)];
      const m = a.shape[a.shape.length - 2];
      const bRows = b.shape[b.shape.length - 2];
      const bCols = b.shape[b.shape.length - 1];
      const k = a.shape[a.shape.length - 1];
      const out = single({ ...args, inputs: { ...inputs, a: asMatrix(a, batchA * m, k), b: asMatrix(b, bRows, bCols) } }) as TensorInfo;
      return { dataId: out.dataId, shape: [...outBatch, m, n], dtype: out.dtype };
    }
    if (!options.outputTranspose || !sameShape(a.shape.slice(0, -2), b.shape.slice(0, -2))) return original(args);
    return perBatchEntry(args, single);
  };
}

/** Bias and prelu weights (if any) of rank <= 1: they broadcast over the rows the same way after flattening the batch. */
function smallExtras(inputs: Record<string, unknown>): boolean {
  return ['bias', 'preluActivationWeights'].every((name) => inputs[name] === undefined || (inputs[name] as TensorInfo).shape.length <= 1);
}

function sameShape(x: number[], y: number[]): boolean {
  return x.length === y.length && x.every((d, i) => d === y[i]);
}

/** Equal batch shapes: out[i] = single(a[i], b[i]) on copies of the slices. */
function perBatchEntry(args: Parameters<KernelFunc>[0], single: KernelFunc): TensorInfo {
  const { inputs, backend: backendObj } = args;
  const backend = backendObj as unknown as WasmBackendLike;
  const a = inputs.a as TensorInfo;
  const b = inputs.b as TensorInfo;
  const batch = batchOf(a);
  const aMat = a.shape.slice(-2);
  const bMat = b.shape.slice(-2);
  const aBytes = util.sizeFromShape(aMat) * 4;
  const bBytes = util.sizeFromShape(bMat) * 4;
  const offset = (t: TensorInfo): number => backend.dataIdMap.get(t.dataId)!.memoryOffset;
  let out: TensorInfo | undefined;
  let outBytes = 0;
  for (let i = 0; i < batch; i++) {
    // Fresh temporaries each time: XNNPACK caches packed weights by tensor id.
    const ai = backend.makeOutput([1, ...aMat], 'float32');
    const bi = backend.makeOutput([1, ...bMat], 'float32');
    let heap = new Uint8Array(backend.wasm.asm.memory.buffer);
    heap.copyWithin(offset(ai), offset(a) + i * aBytes, offset(a) + (i + 1) * aBytes);
    heap.copyWithin(offset(bi), offset(b) + i * bBytes, offset(b) + (i + 1) * bBytes);
    try {
      const ri = single({ ...args, inputs: { ...inputs, a: ai, b: bi } }) as TensorInfo;
      if (out === undefined) {
        outBytes = util.sizeFromShape(ri.shape) * 4;
        out = backend.makeOutput([...a.shape.slice(0, -2), ...ri.shape.slice(-2)], 'float32');
      }
      heap = new Uint8Array(backend.wasm.asm.memory.buffer);
      heap.copyWithin(offset(out) + i * outBytes, offset(ri), offset(ri) + outBytes);
      backend.disposeData(ri.dataId);
    } finally {
      backend.disposeData(ai.dataId);
      backend.disposeData(bi.dataId);
    }
  }
  return out!;
}
