/**
 * wasm `Transpose` for 32-bit dtypes (float32, int32) whose permutation is a swap of two blocks of
 * axes, possibly under leading batch axes: after dropping size-1 axes and merging axes that stay
 * adjacent, x is [B, R, C] and the output [B, C, R] (2-D transposes, the last-two-axes swap that
 * matMul's transposes need, [a, b, c] -> [b, c, a], ...). 4x4 SIMD tiles in simdKernels.ts:
 * [1280, 5000] ~19 -> ~9 ms. Pure data movement: results are bit-identical. Other permutations and
 * dtypes go to the original kernel.
 */
import { util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { heapOffset, kernelsOf, type WasmBackendLike } from './wasmHeap';

/** x as [batch, rows, cols] with out = [batch, cols, rows]; `identity` when the data order is unchanged. */
export type TransposePlan = { kind: 'identity' } | { kind: 'swap'; batch: number; rows: number; cols: number } | { kind: 'other' };

/** Classifies `perm` on `shape` (see the file comment). */
export function planTranspose(shape: number[], perm: number[]): TransposePlan {
  // Drop size-1 axes: they do not change the memory order. Renumber the remaining ones.
  const kept = shape.map((d, i) => (d === 1 ? -1 : i)).filter((i) => i >= 0);
  const renumber = new Map(kept.map((axis, idx) => [axis, idx]));
  const dims = kept.map((axis) => shape[axis]);
  const p = perm.filter((axis) => shape[axis] !== 1).map((axis) => renumber.get(axis)!);
  // Merge runs of output axes that are consecutive input axes.
  const groups: number[][] = [];
  for (const axis of p) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[last.length - 1] + 1 === axis) last.push(axis);
    else groups.push([axis]);
  }
  // groups are in output order; each is a block of input axes. Input order of the blocks:
  const order = groups.map((g) => g[0]);
  const sizes = groups.map((g) => g.reduce((acc, axis) => acc * dims[axis], 1));
  const inputOrder = [...order].sort((a, b) => a - b);
  const blockSize = (first: number): number => sizes[order.indexOf(first)];
  if (groups.length <= 1) return { kind: 'identity' };
  if (groups.length === 2 && order[0] === inputOrder[1])
    return { kind: 'swap', batch: 1, rows: blockSize(inputOrder[0]), cols: blockSize(inputOrder[1]) };
  if (groups.length === 3 && order[0] === inputOrder[0] && order[1] === inputOrder[2]) {
    return { kind: 'swap', batch: blockSize(inputOrder[0]), rows: blockSize(inputOrder[1]), cols: blockSize(inputOrder[2]) };
  }
  return { kind: 'other' };
}

/** out[b] = x[b]^T for x [batch, rows, cols] (32-bit elements), on the heap. */
export function transposeOnHeap(backend: WasmBackendLike, x: TensorInfo, out: TensorInfo, batch: number, rows: number, cols: number): void {
  const k = kernelsOf(backend);
  const src = heapOffset(backend, x);
  const dst = heapOffset(backend, out);
  const bytes = rows * cols * 4;
  for (let b = 0; b < batch; b++) k.transpose_32(src + b * bytes, dst + b * bytes, rows, cols);
}

/** Wraps the wasm Transpose kernel (`original`). */
export function transposeWasm(original: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    const perm = args.attrs?.perm as number[] | undefined;
    if ((x.dtype !== 'float32' && x.dtype !== 'int32') || perm === undefined || util.sizeFromShape(x.shape) === 0) return original(args);
    const plan = planTranspose(x.shape, perm);
    if (plan.kind !== 'swap') return original(args);
    const backend = args.backend as WasmBackendLike;
    const out = backend.makeOutput(
      perm.map((axis) => x.shape[axis]),
      x.dtype,
    );
    transposeOnHeap(backend, x, out, plan.batch, plan.rows, plan.cols);
    return out;
  };
}
