/**
 * Worker threads that run the SIMD loops of simdKernels.ts on the wasm backend's shared memory
 * (sharedWasmMemory.ts), for the kernels that split their output into independent chunks
 * (issue 14).
 *
 * A job is a list of chunks; a chunk is a list of calls (function id and i32 arguments), written
 * by the main thread into shared arrays. The chunks are fixed by the kernel from the shapes alone;
 * the main thread and the workers take the next untaken chunk from one atomic counter until none
 * is left, so which thread runs a chunk varies, what each chunk computes does not: every output is
 * computed by the same calls in the same order at any thread count (bit-identical results). A
 * worker the system does not schedule in time only costs its share: the main thread takes every
 * chunk nobody has taken. Workers start on first use (from source, `eval`: no file to read under
 * the permission model, which still needs --allow-worker), wait on an atomic word between jobs
 * and exit after IDLE_MS without work (a later job starts them again).
 *
 * The counter is one 64-bit word: job generation (16 bits) | chunk count (24) | next chunk (24),
 * so a thread holding a stale view of a finished job fails its compare-exchange instead of taking a
 * chunk of the next one; a job's chunk table is rewritten only after all its chunks are done.
 */
import { Worker } from 'worker_threads';
import type { WasmMemory } from './simdKernels';

/** Idle workers exit after this long without a job. */
export const IDLE_MS = 2000;
/** Capacity of the shared call list (i32 words) and of the chunk table; a larger job runs on one thread. */
const CALL_WORDS = 1 << 18;
const MAX_CHUNKS = 1 << 14;
/** How long the main thread waits for a chunk a worker has taken before it gives up (a hung worker). */
const STALL_MS = 120_000;

// Int32 control words.
const DONE = 0;
const ERROR = 1;
const STATE = 8; // STATE + i: worker i: 0 gone, 1 idle, 2 job posted, 3 stop
const MAX_WORKERS = 32;
const NEXT_BYTE = 4 * (STATE + MAX_WORKERS); // BigInt64 counter, 8-byte aligned
const CONTROL_BYTES = NEXT_BYTE + 8;

const WORKER_STATE_GONE = 0;
const WORKER_STATE_IDLE = 1;
const WORKER_STATE_POSTED = 2;
const WORKER_STATE_STOP = 3;

/** The loop the main thread and each worker run: take chunks until none is left; returns how many it ran. */
function takeChunks(
  next: BigInt64Array,
  ctl: Int32Array,
  starts: Int32Array,
  list: Int32Array,
  fns: ((...args: number[]) => void)[],
): number {
  let taken = 0;
  for (;;) {
    const v = Atomics.load(next, 0);
    const total = Number((v >> 24n) & 0xffffffn);
    const idx = Number(v & 0xffffffn);
    if (idx >= total) return taken;
    if (Atomics.compareExchange(next, 0, v, v + 1n) !== v) continue;
    taken++;
    try {
      for (let p = starts[idx], end = starts[idx + 1]; p < end;) {
        const argc = list[p + 1];
        fns[list[p]].apply(null, list.subarray(p + 2, p + 2 + argc) as unknown as number[]);
        p += 2 + argc;
      }
    } catch {
      Atomics.store(ctl, ERROR, 1);
    }
    if (Atomics.add(ctl, DONE, 1) + 1 === total) Atomics.notify(ctl, DONE);
  }
}

const WORKER_SOURCE = `
const { workerData } = require('worker_threads');
const { modules, memory, control, chunks, calls, names, index, idleMs, NEXT_BYTE, STATE } = workerData;
const takeChunks = ${takeChunks.toString()};
const DONE = ${DONE}, ERROR = ${ERROR};
const instances = modules.map((m) => new WebAssembly.Instance(m, { env: { memory } }).exports);
const fns = names.map(([m, name]) => instances[m][name]);
const ctl = new Int32Array(control, 0, STATE + 32);
const next = new BigInt64Array(control, NEXT_BYTE, 1);
const starts = new Int32Array(chunks);
const list = new Int32Array(calls);
const mine = STATE + index;
for (;;) {
  Atomics.wait(ctl, mine, ${WORKER_STATE_IDLE}, idleMs);
  let s = Atomics.load(ctl, mine);
  if (s === ${WORKER_STATE_IDLE}) {
    if (Atomics.compareExchange(ctl, mine, ${WORKER_STATE_IDLE}, ${WORKER_STATE_GONE}) === ${WORKER_STATE_IDLE}) break;
    s = Atomics.load(ctl, mine);
  }
  if (s !== ${WORKER_STATE_POSTED}) break;
  takeChunks(next, ctl, starts, list, fns);
  Atomics.store(ctl, mine, ${WORKER_STATE_IDLE});
}
`;

/** The compiled loops a worker instantiates on the shared memory, and the function table of call ids. */
export interface PoolFunctions {
  modules: object[];
  /** Call id -> [index into modules, export name]. */
  names: [number, string][];
  /** Call id -> the same function instantiated on the main thread. */
  local: ((...args: number[]) => void)[];
}

/** Builds one job's chunks; `call` returns false when the job no longer fits (then run it on one thread). */
export class ChunkList {
  private pos = 0;
  private count = 0;
  overflow = false;

  constructor(
    private readonly starts: Int32Array,
    private readonly list: Int32Array,
  ) {
    starts[0] = 0;
  }

  /** Appends a call to the current chunk. */
  call(fn: number, ...args: number[]): void {
    if (this.overflow) return;
    if (this.pos + 2 + args.length > this.list.length) {
      this.overflow = true;
      return;
    }
    this.list[this.pos] = fn;
    this.list[this.pos + 1] = args.length;
    for (let i = 0; i < args.length; i++) this.list[this.pos + 2 + i] = args[i];
    this.pos += 2 + args.length;
  }

  /** Closes the current chunk (an empty one is dropped). */
  endChunk(): void {
    if (this.overflow || this.pos === this.starts[this.count]) return;
    if (this.count + 1 >= this.starts.length) {
      this.overflow = true;
      return;
    }
    this.starts[++this.count] = this.pos;
  }

  get chunks(): number {
    return this.count;
  }
}

export class ThreadPool {
  private readonly control = new SharedArrayBuffer(CONTROL_BYTES);
  private readonly ctl = new Int32Array(this.control, 0, STATE + MAX_WORKERS);
  private readonly next = new BigInt64Array(this.control, NEXT_BYTE, 1);
  private readonly chunkTable = new SharedArrayBuffer(4 * (MAX_CHUNKS + 1));
  private readonly callWords = new SharedArrayBuffer(4 * CALL_WORDS);
  private readonly starts = new Int32Array(this.chunkTable);
  private readonly list = new Int32Array(this.callWords);
  private readonly workers: (Worker | undefined)[] = [];
  private generation = 0;
  /** Chunks run so far, and how many of them the workers ran (the rest: the main thread). */
  readonly stats = { jobs: 0, chunks: 0, workerChunks: 0 };
  /** Why workers cannot be had (set once a worker failed to start or died); then one thread. */
  problem: string | undefined;

  constructor(
    private readonly memory: WasmMemory,
    private readonly fns: PoolFunctions,
  ) {}

  /**
   * Runs the job `build` writes, on up to `threads` threads (this one included). Returns false,
   * having run nothing, when the job did not fit the shared lists: the caller runs it itself.
   */
  run(threads: number, build: (chunks: ChunkList) => void): boolean {
    const chunks = new ChunkList(this.starts, this.list);
    build(chunks);
    chunks.endChunk();
    if (chunks.overflow) return false;
    const total = chunks.chunks;
    if (total === 0) return true;
    Atomics.store(this.ctl, DONE, 0);
    Atomics.store(this.ctl, ERROR, 0);
    this.generation = (this.generation + 1) & 0xffff;
    Atomics.store(this.next, 0, (BigInt(this.generation) << 48n) | (BigInt(total) << 24n));
    const helpers = this.problem === undefined ? Math.min(threads - 1, total - 1, MAX_WORKERS) : 0;
    for (let i = 0; i < helpers; i++) this.post(i);
    const mine = takeChunks(this.next, this.ctl, this.starts, this.list, this.fns.local);
    this.waitDone(total);
    this.stats.jobs++;
    this.stats.chunks += total;
    this.stats.workerChunks += total - mine;
    if (Atomics.load(this.ctl, ERROR) !== 0)
      throw new Error('wasm kernel: a threaded chunk failed (out-of-bounds access or a missing function)');
    return true;
  }

  /** Stops every worker (they also stop by themselves when idle). */
  stop(): void {
    for (let i = 0; i < this.workers.length; i++) {
      Atomics.store(this.ctl, STATE + i, WORKER_STATE_STOP);
      Atomics.notify(this.ctl, STATE + i);
    }
    this.workers.length = 0;
  }

  /** Tells worker i there is a job, starting it when it is gone. */
  private post(i: number): void {
    const state = Atomics.compareExchange(this.ctl, STATE + i, WORKER_STATE_IDLE, WORKER_STATE_POSTED);
    if (state === WORKER_STATE_IDLE) {
      Atomics.notify(this.ctl, STATE + i);
    } else if (state === WORKER_STATE_GONE || state === WORKER_STATE_STOP || this.workers[i] === undefined) {
      Atomics.store(this.ctl, STATE + i, WORKER_STATE_POSTED);
      this.start(i);
    }
    // WORKER_STATE_POSTED: it has not yet woken for an earlier job; it will find this one.
  }

  private start(i: number): void {
    try {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          ...this.fns,
          local: undefined,
          memory: this.memory,
          control: this.control,
          chunks: this.chunkTable,
          calls: this.callWords,
          index: i,
          idleMs: IDLE_MS,
          NEXT_BYTE,
          STATE,
        },
      });
      worker.unref();
      worker.on('error', (err: Error) => {
        this.problem ??= `a kernel worker failed: ${err.message}`;
        Atomics.store(this.ctl, STATE + i, WORKER_STATE_STOP);
      });
      this.workers[i] = worker;
    } catch (err) {
      this.problem = `kernel workers cannot start: ${(err as Error).message.split('\n')[0]}`;
      Atomics.store(this.ctl, STATE + i, WORKER_STATE_STOP);
    }
  }

  private waitDone(total: number): void {
    const deadline = Date.now() + STALL_MS;
    for (;;) {
      const done = Atomics.load(this.ctl, DONE);
      if (done >= total) return;
      if (Date.now() > deadline) throw new Error(`wasm kernel: a worker thread took a chunk and did not finish it in ${STALL_MS / 1000} s`);
      Atomics.wait(this.ctl, DONE, done, 1000);
    }
  }
}
