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
import { CALL, runChunks } from './kernelPool';
import type { SimdKernels, WasmMemory } from './simdKernels';
import { heapOffset, kernelsOf, type WasmBackendLike } from './wasmHeap';

export const GEMM_KC = 256;
export const GEMM_MC = 48;
export const GEMM_NC = 512;

/** Products smaller than this (multiply-adds) run on one thread: waking a worker costs more than it saves. */
export const GEMM_THREADED_MIN_MACS = 1 << 21;

/** How many chunks of rows a narrow product is cut into. */
const ROW_CHUNKS = 16;

/** The arguments of one call of the tile loop (gemm_f32): a, b, c, N, kc, sAi, sAk, ldb, ldc, i0, i1, accumulate. */
type TileCall = SimdKernels['gemm_f32'];

/**
 * The blocked loop over C as independent chunks: for a wide C (N >= 2 * ncBlock) one chunk per
 * block of ncBlock columns, else ROW_CHUNKS blocks of whole row blocks (so each k panel of B is
 * still read once for several row blocks); within a chunk, column blocks, then k blocks, then
 * row blocks. The chunks follow from the shapes alone, not from the thread count. Every element of C is summed by one chunk in k order, so the
 * results are the same however the chunks are shared out (or run in order on one thread).
 */
function gemmChunks(
  tile: TileCall,
  endChunk: () => void,
  a: number,
  b: number,
  c: number,
  M: number,
  N: number,
  K: number,
  transposeA: boolean,
  kcBlock: number,
  mcBlock: number,
  ncBlock: number,
): void {
  const sAi = transposeA ? 4 : K * 4;
  const sAk = transposeA ? M * 4 : 4;
  const ldb = N * 4;
  const block = (rowFrom: number, rowTo: number, colFrom: number, colTo: number): void => {
    for (let j0 = colFrom; j0 === colFrom || j0 < colTo; j0 += ncBlock) {
      const nc = Math.min(ncBlock, colTo - j0);
      for (let k0 = 0; k0 === 0 || k0 < K; k0 += kcBlock) {
        const kc = Math.min(kcBlock, K - k0);
        for (let i0 = rowFrom; i0 < rowTo; i0 += mcBlock) {
          tile(
            a + k0 * sAk,
            b + k0 * ldb + j0 * 4,
            c + j0 * 4,
            nc,
            kc,
            sAi,
            sAk,
            ldb,
            ldb,
            i0,
            Math.min(rowTo, i0 + mcBlock),
            k0 > 0 ? 1 : 0,
          );
        }
      }
    }
    endChunk();
  };
  if (N >= 2 * ncBlock) {
    for (let j0 = 0; j0 < N; j0 += ncBlock) block(0, M, j0, Math.min(N, j0 + ncBlock));
  } else {
    const rows = Math.ceil(M / ROW_CHUNKS / mcBlock) * mcBlock;
    for (let i0 = 0; i0 < M; i0 += rows) block(i0, Math.min(M, i0 + rows), 0, N);
  }
}

/**
 * C [M, N] = op(A) B on the heap of `memory` (see the file comment). Large products run their
 * chunks on the kernel threads (kernelPool.ts) where there are several; the same values either way.
 * `useFma`: the relaxed-SIMD tiles where the engine has them (default), else multiply and add.
 */
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
  memory?: WasmMemory,
): void {
  const fma = useFma && k.gemm_f32_fma !== undefined;
  if (memory !== undefined && M * N * K >= GEMM_THREADED_MIN_MACS) {
    const id = fma ? CALL.gemm_f32_fma : CALL.gemm_f32;
    const ran = runChunks(memory, (chunks) =>
      gemmChunks(
        (...args) => chunks.call(id, ...args),
        () => chunks.endChunk(),
        a,
        b,
        c,
        M,
        N,
        K,
        transposeA,
        kcBlock,
        mcBlock,
        ncBlock,
      ),
    );
    if (ran) return;
  }
  const tiles = fma ? k.gemm_f32_fma! : k.gemm_f32;
  gemmChunks(tiles, () => undefined, a, b, c, M, N, K, transposeA, kcBlock, mcBlock, ncBlock);
}

/** A new [1, m, n] float32 tensor: a [.., m, k] (or [.., k, m] with transposeA) times b [.., k, n]. */
export function gemmTensor(
  backendObj: object,
  a: TensorInfo,
  b: TensorInfo,
  m: number,
  n: number,
  k: number,
  transposeA: boolean,
): TensorInfo {
  const backend = backendObj as WasmBackendLike;
  const out = backend.makeOutput([1, m, n], 'float32');
  const memory = backend.wasm.asm.memory;
  gemmOnHeap(
    kernelsOf(backend),
    heapOffset(backend, a),
    heapOffset(backend, b),
    heapOffset(backend, out),
    m,
    n,
    k,
    transposeA,
    GEMM_KC,
    GEMM_MC,
    true,
    GEMM_NC,
    memory,
  );
  return out;
}
