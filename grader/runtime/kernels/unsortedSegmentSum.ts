/**
 * O(n) scatter-add `UnsortedSegmentSum` kernels for the wasm backend (which has none) and the cpu
 * backend (whose own kernel costs O(numSegments * n)). Registered by registerKernelFixes.ts.
 *
 * Semantics, for x: [N, ...rest] (float32 or int32), segmentIds: int32 [N], numSegments: S:
 *   out: [S, ...rest], dtype of x;  out[s, ...] = sum of x[n, ...] over all n with segmentIds[n] == s.
 * Ids outside [0, S) are dropped, as the cpu backend and TensorFlow do. Sums are accumulated in
 * float64 in the order of n and rounded once, as the cpu backend's Sum does, so float32 results
 * match the old cpu kernel to the last bit.
 * segmentIds of rank k > 1 must equal x.shape[0..k) and give out: [S, ...x.shape[k..]] (TensorFlow's
 * rule; tfjs-core documents only rank 1, and the old cpu kernel broadcast higher ranks wrongly).
 */
import { util, type KernelFunc, type NamedAttrMap, type TensorInfo, type DataType } from '@tensorflow/tfjs';

type NumericArray = Float32Array | Int32Array | Uint8Array;

/** What this file needs from tfjs-backend-wasm's BackendWasm (kept structural: no deep import). */
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): NumericArray;
}

/** What this file needs from tfjs-backend-cpu's MathBackendCPU. */
interface CpuBackendLike {
  readSync(dataId: object): unknown;
  makeTensorInfo(shape: number[], dtype: DataType, values?: Float32Array | Int32Array): TensorInfo;
}

interface SegmentPlan {
  outShape: number[];
  dtype: 'float32' | 'int32';
  numSegments: number;
  /** Elements of x per segment id: x.size / segmentIds.size. */
  tail: number;
}

/** Checks inputs and attrs; returns output shape and layout. Throws with the shapes on misuse. */
function plan(x: TensorInfo, segmentIds: TensorInfo, attrs: NamedAttrMap | undefined): SegmentPlan {
  const numSegments = Number(attrs?.numSegments);
  if (!Number.isInteger(numSegments) || numSegments < 0) {
    throw new Error(`UnsortedSegmentSum: numSegments must be a non-negative integer, got ${String(attrs?.numSegments)}`);
  }
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    throw new Error(`UnsortedSegmentSum: x must be float32 or int32, got ${x.dtype}`);
  }
  if (segmentIds.dtype !== 'int32') {
    throw new Error(`UnsortedSegmentSum: segmentIds must be int32, got ${segmentIds.dtype}`);
  }
  const k = segmentIds.shape.length;
  const prefixMatches = k >= 1 && k <= x.shape.length && segmentIds.shape.every((d, i) => d === x.shape[i]);
  if (!prefixMatches) {
    throw new Error(`UnsortedSegmentSum: segmentIds shape [${segmentIds.shape}] must be a leading part of x shape [${x.shape}]`);
  }
  const rest = x.shape.slice(k);
  return { outShape: [numSegments, ...rest], dtype: x.dtype, numSegments, tail: util.sizeFromShape(rest) };
}

/**
 * The scatter-add itself: acc[s * tail + t] += x[j * tail + t] for every j with 0 <= ids[j] < S.
 * x: flat [ids.length * tail]; returns float64 sums, flat [numSegments * tail].
 */
export function scatterAddSegments(x: ArrayLike<number>, ids: ArrayLike<number>, numSegments: number, tail: number): Float64Array {
  const acc = new Float64Array(numSegments * tail);
  for (let j = 0; j < ids.length; j++) {
    const s = ids[j];
    if (s < 0 || s >= numSegments) continue;
    const xBase = j * tail;
    const outBase = s * tail;
    for (let t = 0; t < tail; t++) acc[outBase + t] += x[xBase + t];
  }
  return acc;
}

/** wasm kernel: reads x and segmentIds straight from the wasm heap, writes into a heap output. */
export const unsortedSegmentSumWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as WasmBackendLike;
  const x = inputs.x as TensorInfo;
  const segmentIds = inputs.segmentIds as TensorInfo;
  const p = plan(x, segmentIds, attrs);
  // Heap views must be used before makeOutput: a malloc that grows the wasm memory detaches them.
  const acc = scatterAddSegments(wasm.typedArrayFromHeap(x), wasm.typedArrayFromHeap(segmentIds), p.numSegments, p.tail);
  const out = wasm.makeOutput(p.outShape, p.dtype);
  wasm.typedArrayFromHeap(out).set(acc); // converts: rounds to float32, or wraps to int32
  return out;
};

/** cpu kernel: same scatter-add on the cpu backend's JS arrays. */
export const unsortedSegmentSumCpu: KernelFunc = ({ inputs, backend, attrs }) => {
  const cpu = backend as CpuBackendLike;
  const x = inputs.x as TensorInfo;
  const segmentIds = inputs.segmentIds as TensorInfo;
  const p = plan(x, segmentIds, attrs);
  const xValues = cpu.readSync(x.dataId) as ArrayLike<number>;
  const idValues = cpu.readSync(segmentIds.dataId) as ArrayLike<number>;
  const acc = scatterAddSegments(xValues, idValues, p.numSegments, p.tail);
  const values = p.dtype === 'float32' ? Float32Array.from(acc) : Int32Array.from(acc);
  return cpu.makeTensorInfo(p.outShape, p.dtype, values);
};
