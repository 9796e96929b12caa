/**
 * Wrapper for the wasm backend's BatchMatMul and _FusedMatMul kernels: when transposeA or
 * transposeB is set and the product is a single matrix (batch 1), the flagged input is
 * transposed into a temporary with the wasm Transpose kernel and the original kernel runs with the
 * flag cleared. The wasm kernels use XNNPACK only for the plain, unbatched product; the transposed
 * variants fall back to a naive loop 10-25x slower (numbers in registerKernelFixes.ts).
 *
 * Shapes: a: [...batchA, m, k] (or [...batchA, k, m] with transposeA), b: [...batchB, k, n]
 * (or [...batchB, n, k] with transposeB); out: [...broadcast(batchA, batchB), m, n].
 * Batched products (batch > 1) are passed through unchanged: the wasm kernel has no fast path
 * for them either way, and the extra copy would only add to it.
 */
import { util, type KernelFunc, type TensorInfo, type DataType } from '@tensorflow/tfjs';

/** What this file needs from tfjs-backend-wasm's BackendWasm. */
interface WasmBackendLike {
  disposeData(dataId: object): boolean;
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

/** True when the product is one matrix (all batch dims 1), where the plain kernel is fast. */
function isSingleMatrix(a: TensorInfo, b: TensorInfo): boolean {
  return util.sizeFromShape(a.shape.slice(0, -2)) === 1 && util.sizeFromShape(b.shape.slice(0, -2)) === 1;
}

/**
 * Wraps `original` (the wasm BatchMatMul or _FusedMatMul kernel func). `transpose` is the wasm
 * Transpose kernel func. Inputs other than a and b (bias, preluActivationWeights) and all other
 * attrs pass through unchanged.
 */
export function materialiseTransposes(original: KernelFunc, transpose: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const a = inputs.a as TensorInfo;
    const b = inputs.b as TensorInfo;
    const transposeA = attrs?.transposeA === true;
    const transposeB = attrs?.transposeB === true;
    if ((!transposeA && !transposeB) || a.shape.length < 2 || b.shape.length < 2 || a.dtype !== 'float32' || !isSingleMatrix(a, b)) {
      return original(args);
    }
    const innerA = a.shape[a.shape.length - (transposeA ? 2 : 1)];
    const innerB = b.shape[b.shape.length - (transposeB ? 1 : 2)];
    if (innerA !== innerB) return original(args); // let the original report the mismatch in the caller's terms
    const temporaries: TensorInfo[] = [];
    try {
      const newA = transposeA ? swapLastTwoAxes(a, transpose, backend) : a;
      if (transposeA) temporaries.push(newA);
      const newB = transposeB ? swapLastTwoAxes(b, transpose, backend) : b;
      if (transposeB) temporaries.push(newB);
      return original({ inputs: { ...inputs, a: newA, b: newB }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
    } finally {
      for (const t of temporaries) (backend as WasmBackendLike).disposeData(t.dataId);
    }
  };
}
