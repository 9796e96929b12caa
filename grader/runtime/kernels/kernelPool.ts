/**
 * The thread pool of a wasm backend's memory (threadPool.ts), with the SIMD loops of
 * simdKernels.ts as its call table, and the thread count the kernels run with now.
 */
import { isSharedMemory } from './sharedWasmMemory';
import { simdKernels, simdModules, type SimdKernels, type WasmMemory } from './simdKernels';
import { kernelThreads } from './kernelThreads';
import { ThreadPool, type ChunkList } from './threadPool';

/** Call ids of the loops a chunk may call. */
export const CALL = {
  gemm_f32: 0,
  gemm_f32_fma: 1,
  exp_f32: 2,
  tanh_f32: 3,
  sqrt_f32: 4,
  sum_inner_f32: 5,
  max_inner_f32: 6,
  transpose_32: 7,
  binary_add_f32: 8,
  binary_sub_f32: 9,
  binary_mul_f32: 10,
} as const;
type CallName = keyof typeof CALL;
const CALL_NAMES = Object.keys(CALL) as CallName[];

const pools = new WeakMap<WasmMemory, ThreadPool>();
const allPools = new Set<WeakRef<ThreadPool>>();

/** The pool of `memory`, or undefined where workers cannot use it (not shared). */
function poolOf(memory: WasmMemory): ThreadPool | undefined {
  if (!isSharedMemory(memory)) return undefined;
  let pool = pools.get(memory);
  if (pool === undefined) {
    const kernels = simdKernels(memory);
    const { base, fma } = simdModules(memory);
    const modules = fma !== null ? [base, fma] : [base];
    const names: [number, string][] = CALL_NAMES.map((name) => [
      name === 'gemm_f32_fma' ? (fma !== null ? 1 : 0) : 0,
      name === 'gemm_f32_fma' && fma === null ? 'gemm_f32' : name,
    ]);
    const local = CALL_NAMES.map((name) => (kernels[name] ?? kernels.gemm_f32) as (...args: number[]) => void);
    pool = new ThreadPool(memory, { modules, names, local });
    pools.set(memory, pool);
    allPools.add(new WeakRef(pool));
  }
  return pool;
}

/** Threads the kernels on `memory` run with now: kernelThreads(), or 1 where threadProblem says why not. */
export function threadsFor(memory: WasmMemory): number {
  const threads = kernelThreads();
  return threads === 1 || threadProblem(memory) !== undefined ? 1 : threads;
}

/** Why the kernels on `memory` run on one thread although more were asked for; undefined when they do not. */
export function threadProblem(memory: WasmMemory): string | undefined {
  if (kernelThreads() === 1) return undefined;
  if (!isSharedMemory(memory)) return 'the wasm memory is not shared';
  const permission = (process as { permission?: { has(scope: string): boolean } }).permission;
  if (permission !== undefined && !permission.has('worker')) return 'worker threads not permitted here (--allow-worker)';
  return poolOf(memory)?.problem;
}

/**
 * Runs the chunks `build` writes on threadsFor(memory) threads; false (nothing run) when there is
 * one thread or the job does not fit the pool's lists: the caller then runs its loops itself.
 */
export function runChunks(memory: WasmMemory, build: (chunks: ChunkList) => void): boolean {
  const threads = threadsFor(memory);
  if (threads === 1) return false;
  return poolOf(memory)!.run(threads, build);
}

/** Jobs and chunks the pool of `memory` ran, and how many chunks its workers took (zeros without a pool). */
export function kernelPoolStats(memory: WasmMemory): { jobs: number; chunks: number; workerChunks: number } {
  const pool = isSharedMemory(memory) ? pools.get(memory) : undefined;
  return pool !== undefined ? { ...pool.stats } : { jobs: 0, chunks: 0, workerChunks: 0 };
}

/** Stops the workers of every pool (they also exit by themselves when idle); for tests and benchmarks. */
export function stopKernelWorkers(): void {
  for (const ref of allPools) ref.deref()?.stop();
  allPools.clear();
}

export type { ChunkList, SimdKernels };
