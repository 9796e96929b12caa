/**
 * wasm `Add`, `Sub` and `Multiply` (float32) on the kernel threads (issue 14): the training
 * step's element-wise passes over [B*W, V] (the loss's products, logSoftmax's subtractions, the
 * bias add) are memory-bound loops the backend runs on one thread. Where several threads are in
 * force and the output has at least BINARY_THREADED_MIN elements, the SIMD loops of
 * binarySource.ts run in chunks of rows; otherwise (one thread, small tensors, broadcasts other
 * than those below, other dtypes) the original kernel runs. One float32 operation per element,
 * as in the original: the same bits either way.
 *
 * Broadcasts handled: out viewed as [R, C] for some split of its axes, each operand either the
 * whole of it, one value per row ([R, 1]-like), or one row for all rows ([C]-like); not both
 * operands single values per row.
 */
import { backend_util, util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BinaryOp } from './binarySource';
import { CALL, runChunks, threadsFor } from './kernelPool';
import { heapOffset, type WasmBackendLike } from './wasmHeap';

export const BINARY_THREADED_MIN = 1 << 17;
const CHUNK_ELEMENTS = 1 << 15;

/** How one operand is read for out [R, C]: row step in elements and whether it has a row of C values. */
interface OperandPlan {
  rowStep: number;
  hasColumns: boolean;
}

export interface BinaryPlan {
  R: number;
  C: number;
  a: OperandPlan;
  b: OperandPlan;
}

/** The operand's reading for out split at axis k; undefined when it is not one of the handled forms. */
function operandAt(shape: number[], out: number[], k: number): OperandPlan | undefined {
  const padded = [...Array(out.length - shape.length).fill(1), ...shape];
  const C = util.sizeFromShape(out.slice(k));
  const same = (from: number, to: number): boolean => padded.slice(from, to).every((d, i) => d === out[from + i]);
  const ones = (from: number, to: number): boolean => padded.slice(from, to).every((d) => d === 1);
  if (same(0, k) && same(k, out.length)) return { rowStep: C, hasColumns: true };
  if (same(0, k) && ones(k, out.length)) return { rowStep: 1, hasColumns: false };
  if (ones(0, k) && same(k, out.length)) return { rowStep: 0, hasColumns: true };
  return undefined;
}

/** out = a op b as [R, C] with each operand's reading, or undefined when no split works. */
export function planBinary(aShape: number[], bShape: number[]): BinaryPlan | undefined {
  const out = backend_util.assertAndGetBroadcastShape(aShape, bShape);
  // Widest rows first: splits later in the axes give longer SIMD rows only if they still fit.
  for (let k = 0; k <= out.length; k++) {
    const a = operandAt(aShape, out, k);
    const b = operandAt(bShape, out, k);
    if (a === undefined || b === undefined || (!a.hasColumns && !b.hasColumns)) continue;
    return { R: util.sizeFromShape(out.slice(0, k)), C: util.sizeFromShape(out.slice(k)), a, b };
  }
  return undefined;
}

const LOOP: Record<BinaryOp, number> = { add: CALL.binary_add_f32, sub: CALL.binary_sub_f32, mul: CALL.binary_mul_f32 };

/** Wraps the wasm kernel of `op` (`original`). */
export function binaryWasm(op: BinaryOp): (original: KernelFunc) => KernelFunc {
  return (original) => (args) => {
    const a = args.inputs.a as TensorInfo;
    const b = args.inputs.b as TensorInfo;
    const backend = args.backend as WasmBackendLike;
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return original(args);
    const outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const n = util.sizeFromShape(outShape);
    if (n < BINARY_THREADED_MIN || threadsFor(backend.wasm.asm.memory) === 1) return original(args);
    const plan = planBinary(a.shape, b.shape);
    if (plan === undefined) return original(args);
    const out = backend.makeOutput(outShape, 'float32');
    const [pa, pb, po] = [heapOffset(backend, a), heapOffset(backend, b), heapOffset(backend, out)];
    const { R, C } = plan;
    const ran = runChunks(backend.wasm.asm.memory, (chunks) => {
      const rows = Math.max(1, Math.floor(CHUNK_ELEMENTS / C));
      const cols = C > CHUNK_ELEMENTS ? CHUNK_ELEMENTS : C;
      for (let r = 0; r < R; r += rows) {
        for (let c = 0; c < C; c += cols) {
          const at = (x: number, p: OperandPlan): number => x + 4 * (r * p.rowStep + (p.hasColumns ? c : 0));
          chunks.call(
            LOOP[op],
            at(pa, plan.a),
            at(pb, plan.b),
            po + 4 * (r * C + c),
            Math.min(rows, R - r),
            Math.min(cols, C - c),
            4 * C,
            4 * plan.a.rowStep,
            plan.a.hasColumns ? 1 : 0,
            4 * plan.b.rowStep,
            plan.b.hasColumns ? 1 : 0,
          );
          chunks.endChunk();
        }
      }
    });
    if (!ran) {
      backend.disposeData(out.dataId);
      return original(args);
    }
    return out;
  };
}
