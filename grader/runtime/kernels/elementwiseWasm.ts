/**
 * Element-wise wasm kernels:
 * - `Exp` (float32): the SIMD loop of simdKernels.ts, computed in float64 and rounded once, so it
 *   returns Math.exp rounded to float32, as the cpu backend does ([1280, 5000]: ~45 -> ~25 ms).
 * - `Tanh` (float32): the same way, from e^(-2|x|) (an odd series near 0), so Math.tanh rounded to
 *   float32 as on cpu: the RNN cell's 20 calls per window on [64, 128], 88 -> ~10 us each.
 * - `Sqrt` (float32): f32x4.sqrt, correctly rounded, so the same bits as the cpu backend; the
 *   original calls sqrtf per element ([128, 5000], Adam's update of the output weights: 0.9 -> 0.23 ms).
 * - `Identity` and same-dtype `Cast`: share the input's data (reference counted) instead of copying
 *   it, as the cpu backend does; tfjs kernels never write into their inputs. Gradients and
 *   tf.logSoftmax call these on [B*W, V] tensors several times per training step (~2.5 ms a copy).
 * - `Cast` to bool: x != 0 (NaN counts as true), as the cpu backend does; the original wasm
 *   kernel stores the low byte of the value (256 -> false, 3 -> 3).
 * Other dtypes and casts go to the original kernels.
 */
import { util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { CALL, runChunks } from './kernelPool';
import { heapOffset, kernelsOf, shareData, type WasmBackendLike } from './wasmHeap';

type UnaryLoop = 'exp_f32' | 'tanh_f32' | 'sqrt_f32';

/** Wraps a float32 unary wasm kernel (`original`, kept for other dtypes) with a SIMD loop. */
function unaryWasm(loop: UnaryLoop): (original: KernelFunc) => KernelFunc {
  return (original) => (args) => {
    const x = args.inputs.x as TensorInfo;
    if (x.dtype !== 'float32') return original(args);
    const backend = args.backend as WasmBackendLike;
    const out = backend.makeOutput(x.shape, 'float32');
    unaryOnHeap(backend, loop, heapOffset(backend, x), heapOffset(backend, out), util.sizeFromShape(x.shape));
    return out;
  };
}

/** Arrays at least this long run in chunks of UNARY_CHUNK elements on the kernel threads (kernelPool.ts). */
export const UNARY_THREADED_MIN = 1 << 17;
export const UNARY_CHUNK = 1 << 15;

/** out[i] = loop(x[i]) for i < n (byte offsets); chunked over the kernel threads when long: element-wise, so the same values. */
export function unaryOnHeap(backend: WasmBackendLike, loop: UnaryLoop, x: number, out: number, n: number): void {
  if (n >= UNARY_THREADED_MIN) {
    const ran = runChunks(backend.wasm.asm.memory, (chunks) => {
      for (let i = 0; i < n; i += UNARY_CHUNK) {
        chunks.call(CALL[loop], x + 4 * i, out + 4 * i, Math.min(UNARY_CHUNK, n - i));
        chunks.endChunk();
      }
    });
    if (ran) return;
  }
  kernelsOf(backend)[loop](x, out, n);
}

/** Wraps the wasm Exp kernel (`original`). */
export const expWasm = unaryWasm('exp_f32');
/** Wraps the wasm Tanh kernel (`original`). */
export const tanhWasm = unaryWasm('tanh_f32');
/** Wraps the wasm Sqrt kernel (`original`). */
export const sqrtWasm = unaryWasm('sqrt_f32');

/** Wraps the wasm Identity kernel (`original`, kept for strings). */
export function identityWasm(original: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    if (x.dtype === 'string') return original(args);
    return shareData(args.backend as WasmBackendLike, x);
  };
}

/** Wraps the wasm Cast kernel (`original`): a cast to the same dtype shares the data; to bool compares with 0. */
export function castWasm(original: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    const dtype = args.attrs?.dtype;
    if (x.dtype === 'string') return original(args);
    const backend = args.backend as WasmBackendLike;
    if (dtype === x.dtype) return shareData(backend, x);
    if (dtype !== 'bool' || (x.dtype !== 'float32' && x.dtype !== 'int32')) return original(args);
    const n = util.sizeFromShape(x.shape);
    const out = backend.makeOutput(x.shape, 'bool');
    const heap = backend.wasm.asm.memory.buffer; // after makeOutput, which may grow the heap
    const src = x.dtype === 'float32' ? new Float32Array(heap, heapOffset(backend, x), n) : new Int32Array(heap, heapOffset(backend, x), n);
    const dst = new Uint8Array(heap, heapOffset(backend, out), n);
    for (let i = 0; i < n; i++) dst[i] = src[i] !== 0 ? 1 : 0;
    return out;
  };
}
