/**
 * wasm `Sum` and `Max` for float32 over a contiguous block of axes, without the transpose the
 * wasm kernels make first when the reduced axes are not the innermost ones (a [1280, 5000] sum over
 * axis 0, the gradient of every bias added to a [B*W, V] product, took ~23 ms; now ~3 ms).
 * Shapes: x [...outer, ...reduced, ...inner] -> out [...outer, ...inner] (reduced axes kept as 1
 * with keepDims). Sums accumulate in float64 and are rounded once, as the cpu backend does; Max is
 * exact and lets NaN win, as the cpu backend does. Anything else (other dtypes, axes that are not
 * one contiguous block, empty tensors) goes to the original kernel.
 */
import { util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { CALL, runChunks } from './kernelPool';
import { heapOffset, kernelsOf, withScratch, type WasmBackendLike } from './wasmHeap';

/** x viewed as [outer, reduce, inner] for a contiguous block of reduced axes; undefined otherwise. */
export interface ReductionPlan {
  outer: number;
  reduce: number;
  inner: number;
  outShape: number[];
}

/** Normalises `axis` (number, list, negative) against `shape`; undefined unless one contiguous block. */
export function planReduction(shape: number[], axis: number | number[] | undefined | null, keepDims: boolean): ReductionPlan | undefined {
  const rank = shape.length;
  const axes = axis === undefined || axis === null ? shape.map((_, i) => i) : util.parseAxisParam(axis, shape);
  const sorted = [...new Set(axes)].sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (last - first + 1 !== sorted.length) return undefined;
  const outer = util.sizeFromShape(shape.slice(0, first));
  const reduce = util.sizeFromShape(shape.slice(first, last + 1));
  const inner = util.sizeFromShape(shape.slice(last + 1, rank));
  const outShape = keepDims ? shape.map((d, i) => (i >= first && i <= last ? 1 : d)) : [...shape.slice(0, first), ...shape.slice(last + 1)];
  return { outer, reduce, inner, outShape };
}

/** `axisAttr`: the kernel's name for its axes ('axis' for Sum, 'reductionIndices' for Max). */
function planFor(
  x: TensorInfo,
  attrs: Record<string, unknown> | undefined,
  axisAttr: 'axis' | 'reductionIndices',
): ReductionPlan | undefined {
  if (x.dtype !== 'float32' || util.sizeFromShape(x.shape) === 0) return undefined;
  return planReduction(x.shape, attrs?.[axisAttr] as number | number[] | undefined, attrs?.keepDims === true);
}

/** Reductions over at least this many elements run in chunks of rows on the kernel threads (kernelPool.ts). */
export const REDUCE_THREADED_MIN = 1 << 17;
const REDUCE_CHUNK = 1 << 15;

/** out[o] = reduce_r x[o*R + r] for o < outer (byte offsets); rows chunked over the kernel threads when large: each row is one thread's, so the same values. */
function innerReduction(
  backend: WasmBackendLike,
  loop: 'sum_inner_f32' | 'max_inner_f32',
  x: number,
  out: number,
  outer: number,
  R: number,
): void {
  if (outer > 1 && outer * R >= REDUCE_THREADED_MIN) {
    const rows = Math.max(1, Math.floor(REDUCE_CHUNK / R));
    const ran = runChunks(backend.wasm.asm.memory, (chunks) => {
      for (let o = 0; o < outer; o += rows) {
        chunks.call(CALL[loop], x + 4 * o * R, out + 4 * o, Math.min(rows, outer - o), R);
        chunks.endChunk();
      }
    });
    if (ran) return;
  }
  kernelsOf(backend)[loop](x, out, outer, R);
}

/** Wraps the wasm Sum kernel (`original`). */
export function sumWasm(original: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    const p = planFor(x, args.attrs, 'axis');
    if (p === undefined) return original(args);
    const backend = args.backend as WasmBackendLike;
    const out = backend.makeOutput(p.outShape, 'float32');
    const k = kernelsOf(backend);
    if (p.inner === 1) {
      innerReduction(backend, 'sum_inner_f32', heapOffset(backend, x), heapOffset(backend, out), p.outer, p.reduce);
    } else {
      withScratch(backend, p.inner * 8, (acc) =>
        k.sum_outer_f32(heapOffset(backend, x), heapOffset(backend, out), acc, p.outer, p.reduce, p.inner),
      );
    }
    return out;
  };
}

/** Wraps the wasm Max kernel (`original`). */
export function maxWasm(original: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    const p = planFor(x, args.attrs, 'reductionIndices');
    if (p === undefined) return original(args);
    const backend = args.backend as WasmBackendLike;
    const out = backend.makeOutput(p.outShape, 'float32');
    const k = kernelsOf(backend);
    if (p.inner === 1) innerReduction(backend, 'max_inner_f32', heapOffset(backend, x), heapOffset(backend, out), p.outer, p.reduce);
    else k.max_outer_f32(heapOffset(backend, x), heapOffset(backend, out), p.outer, p.reduce, p.inner);
    return out;
  };
}
