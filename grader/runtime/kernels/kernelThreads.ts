/**
 * How many threads the wasm kernels may use (issue 14): `RNN_LAB_THREADS=N` (1 turns threading
 * off), else every core of this machine. The grader sets RNN_LAB_THREADS for each host it starts
 * (cores divided by the hosts that run at once: hostThreads), so concurrent trainings never ask
 * for more cores than there are. Tests and benchmarks change it at run time with setKernelThreads.
 */
import * as os from 'os';

/** Most threads the pool will start, whatever is asked (the kernels gain nothing past this here). */
export const MAX_KERNEL_THREADS = 16;

let override: number | undefined;

/** Cores of this machine (os.availableParallelism where Node has it). */
export function coreCount(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** Parses RNN_LAB_THREADS: a positive integer, or undefined when unset or empty; throws on anything else. */
export function parseThreadCount(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`RNN_LAB_THREADS must be a positive integer, got '${value}'`);
  return n;
}

/** The thread count asked for: setKernelThreads, else RNN_LAB_THREADS, else the cores; at most MAX_KERNEL_THREADS. */
export function kernelThreads(): number {
  return Math.min(MAX_KERNEL_THREADS, override ?? parseThreadCount(process.env.RNN_LAB_THREADS) ?? coreCount());
}

/** Sets the thread count for this process (undefined: back to RNN_LAB_THREADS or the cores). */
export function setKernelThreads(threads: number | undefined): void {
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1))
    throw new Error(`thread count must be a positive integer, got ${threads}`);
  override = threads;
}

/** Threads for each of `concurrentHosts` processes that train at once on this machine: cores / hosts, at least 1. */
export function hostThreads(concurrentHosts: number, cores = coreCount()): number {
  return Math.max(1, Math.floor(cores / Math.max(1, concurrentHosts)));
}

/** Set by batch grading for its grade processes: how many submissions are graded at once. */
export const GRADES_AT_ONCE_ENV = 'RNN_LAB_GRADES_AT_ONCE';
/** Hosts one grading runs at once at most: the n-gram and the RNN trainings (suites/training.suite.ts). */
export const HOSTS_PER_GRADE = 2;

/**
 * The RNN_LAB_THREADS the trusted side gives each submission host: RNN_LAB_THREADS of the grader's
 * own environment where set, else the cores divided by the hosts that may train at once
 * (HOSTS_PER_GRADE times RNN_LAB_GRADES_AT_ONCE, 1 when unset). On this 2-core machine: 1.
 */
export function gradingHostThreads(env: NodeJS.ProcessEnv = process.env, cores = coreCount()): number {
  const asked = parseThreadCount(env.RNN_LAB_THREADS);
  if (asked !== undefined) return Math.min(MAX_KERNEL_THREADS, asked);
  const grades = parseThreadCount(env[GRADES_AT_ONCE_ENV]) ?? 1;
  return Math.min(MAX_KERNEL_THREADS, hostThreads(HOSTS_PER_GRADE * grades, cores));
}
