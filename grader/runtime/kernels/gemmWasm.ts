/**
 * Float32 matrix products with the SIMD tiles of gemmSource.ts, blocked for the caches: columns
 * in blocks of NC (so a block of C stays in L2 across k blocks), k in blocks of KC (so a panel of
 * B stays in L1 across row tiles), rows in blocks of MC. Block sizes measured on the training
 * step's products (best of 5, CPU ms, fwd/dHidden/dWo): NC unblocked 35.6/37.3/44.7, NC 512
 * 35.0/37.5/41.3; KC 512 or MC 128 were no better. MC is a multiple of the 6-row tile.
 * C [M, N] = op(A) B with op(A) = A [M, K] or A^T (A stored [K, M]); B [K, N]; all row-major on
 * the wasm heap, given by byte offsets.
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import type { SimdKernels } from './simdKernels';
import { heapOffset, kernelsOf, type WasmBackendLike } from './wasmHeap';

export const GEMM_KC = 256;
export const GEMM_MC = 48;
export const GEMM_NC = 512;

/** `useFma`: the relaxed-SIMD tiles where the engine has them (default), else multiply and add. */
export function gemmOnHeap(
  k: SimdKernels,
  a: number,
  b: number,
  c: number,
  M: number,
  N: number,
  K: number,
  transposeA: boolean,
  kcBlock = GEMM_KC,
  mcBlock = GEMM_MC,
  useFma = true,
  ncBlock = GEMM_NC,
): void {
  const tiles = useFma && k.gemm_f32_fma !== undefined ? k.gemm_f32_fma : k.gemm_f32;
  const sAi = transposeA ? 4 : K * 4;
  const sAk = transposeA ? M * 4 : 4;
  const ldb = N * 4;
  for (let j0 = 0; j0 === 0 || j0 < N; j0 += ncBlock) {
    const nc = Math.min(ncBlock, N - j0);
    for (let k0 = 0; k0 === 0 || k0 < K; k0 += kcBlock) {
      const kc = Math.min(kcBlock, K - k0);
      for (let i0 = 0; i0 < M; i0 += mcBlock) {
        tiles(a + k0 * sAk, b + k0 * ldb + j0 * 4, c + j0 * 4, nc, kc, sAi, sAk, ldb, ldb, i0, Math.min(M, i0 + mcBlock), k0 > 0 ? 1 : 0);
      }
    }
  }
}

/** A new [1, m, n] float32 tensor: a [.., m, k] (or [.., k, m] with transposeA) times b [.., k, n]. */
export function gemmTensor(backendObj: object, a: TensorInfo, b: TensorInfo, m: number, n: number, k: number, transposeA: boolean): TensorInfo {
  const backend = backendObj as WasmBackendLike;
  const out = backend.makeOutput([1, m, n], 'float32');
  gemmOnHeap(kernelsOf(backend), heapOffset(backend, a), heapOffset(backend, b), heapOffset(backend, out), m, n, k, transposeA);
  return out;
}
