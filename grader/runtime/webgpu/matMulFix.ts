/**
 * A fix for tfjs-backend-webgpu 4.22's split-K matrix product.
 *
 * For a product with few output tiles (at most 8 tiles of 32x32, the "few workgroups" case),
 * batch 1 and an inner size K >= 2000, the backend picks MatMulSplitKProgram by itself. That
 * program reads B as vec4 whenever the output width is a multiple of 4, without checking
 * `transposeB` (its packed program checks it), so A x B^T comes out wrong (relative error ~2).
 * Backprop through the output layer of an RNN trained on one window at a time is exactly that
 * product: dLogits [20, V] x Wo^T with V = 2000 puts the gradients of the embedding, Wr and br
 * far off. The wrapper runs those calls with WEBGPU_MATMUL_PROGRAM_TYPE set to the packed program
 * (measured correct to ~1e-6) and leaves every other call, and any program type set by the user,
 * as the backend chooses.
 */
import { env, util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';

const FLAG = 'WEBGPU_MATMUL_PROGRAM_TYPE';
/** MatMulProgramType.MatMulPackedProgram in tfjs-backend-webgpu's webgpu_util. */
const PACKED_PROGRAM = 3;
/** The inner size from which the backend picks split-K (BatchMatMul_impl: innerShapeB >= 2000). */
const SPLIT_K_MIN_INNER = 2000;

/** Whether the backend could pick its split-K program for A x B^T with these inputs. */
export function splitKWithTransposedB(a: TensorInfo, b: TensorInfo, transposeB: boolean): boolean {
  if (!transposeB) return false;
  const batch = Math.max(util.sizeFromShape(a.shape.slice(0, -2)), util.sizeFromShape(b.shape.slice(0, -2)));
  return batch === 1 && b.shape[b.shape.length - 1] >= SPLIT_K_MIN_INNER;
}

/** Wraps webgpu's BatchMatMul or _FusedMatMul so that A x B^T never runs the split-K program. */
export function avoidSplitKTransposedB(original: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const transposeB = Boolean((args.attrs as { transposeB?: boolean } | undefined)?.transposeB);
    const flags = env();
    const chosen = flags.getNumber(FLAG);
    if (chosen >= 0 || !splitKWithTransposedB(a, b, transposeB)) return original(args);
    flags.set(FLAG, PACKED_PROGRAM);
    try {
      return original(args);
    } finally {
      flags.set(FLAG, chosen);
    }
  };
}
