/**
 * Where a training step spends its time, per kernel, from tf.profile: kernel time summed by kernel
 * name over a few steps, with its share of all kernel time. On wasm and cpu a kernel runs
 * synchronously and the backend times the call; with clock 'cpu' (the default) the call is timed
 * in process CPU time instead of wall time, which other jobs on a busy machine disturb far less.
 * Entries tf.profile records for composite ops (custom gradients such as tf.logSoftmax, named
 * like "logSoftmax__op") contain the kernels they run, which are listed themselves: they are left
 * out, so the shares add up to 1 without double counting.
 */
import * as tf from '@tensorflow/tfjs';
import { trainSteps, type ModelBenchConfig } from './modelBench';

export interface KernelShare {
  kernel: string;
  calls: number;
  /** Milliseconds per training step spent in this kernel. */
  msPerStep: number;
  /** Fraction of all profiled kernel time. */
  share: number;
}

export type ProfileClock = 'cpu' | 'wall';

export interface KernelProfile {
  steps: number;
  clock: ProfileClock;
  /** Wall time per step while profiling (profiling adds overhead; use the throughput figure for speed). */
  wallMsPerStep: number;
  /** Kernel time per step (sum over all kernels). */
  kernelMsPerStep: number;
  /** Peak bytes of tensors alive during the profiled steps (tf.profile's peakBytes). */
  peakBytes: number;
  /** Kernels by time, largest first; the rest folded into one "(other)" row when `top` is given. */
  kernels: KernelShare[];
}

/** Sums profiled kernel times by name; largest first. Names for which `isKernel` is false are skipped. */
export function aggregateKernels(
  kernels: { name: string; kernelTimeMs: number | { error: string } }[],
  steps: number,
  top?: number,
  isKernel: (name: string) => boolean = () => true,
): KernelShare[] {
  const byName = new Map<string, { calls: number; ms: number }>();
  let total = 0;
  for (const k of kernels) {
    if (!isKernel(k.name)) continue;
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const row = byName.get(k.name) ?? { calls: 0, ms: 0 };
    row.calls++;
    row.ms += ms;
    byName.set(k.name, row);
    total += ms;
  }
  const rows = [...byName.entries()]
    .map(([kernel, r]) => ({ kernel, calls: r.calls / steps, msPerStep: r.ms / steps, share: total > 0 ? r.ms / total : 0 }))
    .sort((a, b) => b.msPerStep - a.msPerStep);
  if (top === undefined || rows.length <= top) return rows;
  const rest = rows.slice(top);
  const other = rest.reduce(
    (acc, r) => ({ kernel: '(other)', calls: acc.calls + r.calls, msPerStep: acc.msPerStep + r.msPerStep, share: acc.share + r.share }),
    {
      kernel: '(other)',
      calls: 0,
      msPerStep: 0,
      share: 0,
    },
  );
  return [...rows.slice(0, top), other];
}

type Timer = (f: () => void) => Promise<{ kernelMs: number }>;

/** Runs `fn` with the active backend's kernel timer measuring process CPU time. */
async function withCpuClock<T>(fn: () => Promise<T>): Promise<T> {
  const backend = tf.backend() as unknown as { time: Timer };
  const hadOwn = Object.prototype.hasOwnProperty.call(backend, 'time');
  const own = backend.time;
  backend.time = async (f) => {
    const before = process.cpuUsage();
    f();
    const used = process.cpuUsage(before);
    return { kernelMs: (used.user + used.system) / 1000 };
  };
  try {
    return await fn();
  } finally {
    if (hadOwn) backend.time = own;
    else delete (backend as { time?: Timer }).time;
  }
}

/** Profiles `steps` training steps (after two unprofiled warm-up steps of the same model). */
export async function profileTraining(cfg: ModelBenchConfig, steps = 2, top?: number, clock: ProfileClock = 'cpu'): Promise<KernelProfile> {
  await trainSteps(cfg, 2); // compiles (wasm tier-up) and allocates outside the profile
  const backendName = tf.getBackend();
  const started = performance.now();
  const run = (): ReturnType<typeof tf.profile> => tf.profile(() => trainSteps(cfg, steps));
  const info = clock === 'cpu' ? await withCpuClock(run) : await run();
  const wallMs = performance.now() - started;
  const timed = await Promise.all(info.kernels.map(async (k) => ({ name: k.name, kernelTimeMs: await k.kernelTimeMs })));
  const kernels = aggregateKernels(timed, steps, top, (name) => tf.getKernel(name, backendName) !== undefined);
  return {
    steps,
    clock,
    wallMsPerStep: wallMs / steps,
    kernelMsPerStep: kernels.reduce((a, k) => a + k.msPerStep, 0),
    peakBytes: info.peakBytes,
    kernels,
  };
}
