/**
 * What the wasm kernels in this folder need from tfjs-backend-wasm's BackendWasm, typed
 * structurally (no deep import): tensor byte offsets on the heap, outputs, scratch memory, and the
 * SIMD loops of simdKernels.ts bound to this backend's memory.
 */
import type { DataType, TensorInfo } from '@tensorflow/tfjs';
import { simdKernels, type SimdKernels, type WasmMemory } from './simdKernels';

export interface WasmBackendLike {
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  disposeData(dataId: object): boolean;
  incRef(dataId: object): void;
  wasm: { asm: { memory: WasmMemory }; _malloc(bytes: number): number; _free(ptr: number): void };
}

/** Byte offset of a tensor's data on the wasm heap. */
export function heapOffset(backend: WasmBackendLike, t: TensorInfo): number {
  const entry = backend.dataIdMap.get(t.dataId);
  if (entry === undefined) throw new Error('wasm kernel: tensor data is not on this backend');
  return entry.memoryOffset;
}

/** The SIMD loops for this backend's heap. */
export function kernelsOf(backend: WasmBackendLike): SimdKernels {
  return simdKernels(backend.wasm.asm.memory);
}

/** Runs `fn` with `bytes` of scratch heap memory (16-byte aligned by the allocator), then frees it. */
export function withScratch<T>(backend: WasmBackendLike, bytes: number, fn: (ptr: number) => T): T {
  const ptr = backend.wasm._malloc(Math.max(16, bytes));
  try {
    return fn(ptr);
  } finally {
    backend.wasm._free(ptr);
  }
}

/** A new tensor sharing `x`'s data (reference counted), as the cpu backend's Identity does. */
export function shareData(backend: WasmBackendLike, x: TensorInfo, dtype: DataType = x.dtype): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype };
}
