/**
 * The threaded kernels (issue 14) at 1, 2 and 3 threads: the same bits at every thread count
 * (each output element is computed by one chunk, in the same order), and the wasm memory really
 * shared, so the runs at 2 and 3 threads did use the workers.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../backend';
import { RnnLM } from '../../../solution/src/rnn';
import { NgramLM } from '../../../solution/src/ngram';
import { sequenceLoss } from '../../../solution/src/loss';
import { setKernelThreads } from './kernelThreads';
import { kernelPoolStats, stopKernelWorkers, threadProblem, threadsFor } from './kernelPool';
import { isSharedMemory } from './sharedWasmMemory';
import { onBackend, read, readAll, seededInts, seededTensor, type Snapshot } from './testing';
import type { WasmBackendLike } from './wasmHeap';

beforeAll(async () => {
  await initRuntime('wasm');
});

afterAll(() => {
  setKernelThreads(undefined);
  stopKernelWorkers();
});

function memory() {
  return (tf.backend() as unknown as WasmBackendLike).wasm.asm.memory;
}

/** `fn` at 1, 2 and 3 threads. */
function atThreadCounts(fn: () => tf.Tensor): Snapshot[] {
  return [1, 2, 3].map((threads) => {
    setKernelThreads(threads);
    expect(threadsFor(memory())).toBe(threads);
    return read(fn);
  });
}

function expectSameBits(runs: Snapshot[]): void {
  const [one, ...others] = runs;
  expect(one.values.some((v) => v !== 0)).toBe(true);
  for (const other of others) {
    expect(other.shape).toEqual(one.shape);
    const a = new Float32Array(one.values);
    const b = new Float32Array(other.values);
    expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
  }
}

describe('threaded wasm kernels', () => {
  it('share a large product out to the workers (chunks run off the main thread)', async () => {
    const a = seededTensor([1200, 256], 11);
    const b = seededTensor([256, 2048], 12);
    setKernelThreads(3);
    const before = kernelPoolStats(memory());
    // Workers start on first use; a few products give them time to come up and take chunks.
    for (let i = 0; i < 20 && kernelPoolStats(memory()).workerChunks === before.workerChunks; i++) {
      tf.matMul(a, b).dispose();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const after = kernelPoolStats(memory());
    expect(after.jobs).toBeGreaterThan(before.jobs);
    expect(after.workerChunks).toBeGreaterThan(before.workerChunks);
    tf.dispose([a, b]);
  });

  it('run on a shared wasm memory, with nothing in the way of worker threads', () => {
    expect(isSharedMemory(memory())).toBe(true);
    setKernelThreads(2);
    expect(threadProblem(memory())).toBeUndefined();
  });

  // Wide (column chunks), narrow (row chunks), transposed A, edges that are not tile multiples.
  it.each([
    [300, 1100, 40, false, false],
    [301, 1030, 17, true, false],
    [1000, 70, 90, false, true],
    [97, 2050, 33, true, true],
  ])('BatchMatMul [%i x %i, k %i] transposeA=%s transposeB=%s: same bits at 1, 2, 3 threads', (m, n, k, ta, tb) => {
    const a = seededTensor(ta ? [k, m] : [m, k], m + k);
    const b = seededTensor(tb ? [n, k] : [k, n], n + k);
    expectSameBits(atThreadCounts(() => tf.matMul(a, b, ta, tb)));
    tf.dispose([a, b]);
  });

  it('a batched product ([8, 40, 64] x [64, 1000]) as one product: same bits', () => {
    const a = seededTensor([8, 40, 64], 1);
    const b = seededTensor([64, 1000], 2);
    expectSameBits(atThreadCounts(() => tf.matMul(a, b)));
    tf.dispose([a, b]);
  });

  it.each(['exp', 'tanh', 'sqrt'] as const)('%s on 300,001 elements: same bits', (op) => {
    const x = seededTensor([300_001], 3);
    const f = op === 'sqrt' ? () => tf.sqrt(tf.abs(x)) : () => tf[op](tf.mul(x, 4));
    expectSameBits(atThreadCounts(f));
    x.dispose();
  });

  // Same shapes, a row per output row ([R, 1]), one row for all ([C]), scalars, both orders, odd widths.
  it.each([
    [
      [640, 503],
      [640, 503],
    ],
    [
      [640, 503],
      [640, 1],
    ],
    [
      [640, 1],
      [640, 503],
    ],
    [[640, 503], [503]],
    [[503], [640, 503]],
    [
      [4, 160, 503],
      [4, 160, 1],
    ],
    [[330_001], [1]],
    [
      [2, 70_001],
      [2, 1],
    ],
  ])('Add, Sub, Multiply %j with %j: the same bits as the one-thread kernel and as cpu', async (aShape, bShape) => {
    const a = seededTensor(aShape, 5);
    const b = seededTensor(bShape, 6);
    const ops = () => [tf.add(a, b), tf.sub(a, b), tf.mul(a, b)];
    for (let i = 0; i < 3; i++) expectSameBits(atThreadCounts(() => ops()[i]));
    setKernelThreads(2);
    const before = kernelPoolStats(memory()).jobs;
    const threaded = readAll(ops);
    expect(kernelPoolStats(memory()).jobs).toBe(before + 3); // our loops ran, not the backend's
    const reference = await onBackend('cpu', () => {
      const [ca, cb] = [tf.tensor(a.dataSync(), a.shape), tf.tensor(b.dataSync(), b.shape)];
      return readAll(() => [tf.add(ca, cb), tf.sub(ca, cb), tf.mul(ca, cb)]);
    });
    reference.forEach((want, i) => expectSameBits([want, threaded[i]]));
    tf.dispose([a, b]);
  });

  it.each(['sum', 'max'] as const)('%s over the last axis of [1280, 503]: same bits', (op) => {
    const x = seededTensor([1280, 503], 4);
    expectSameBits(atThreadCounts(() => tf[op](x, 1)));
    x.dispose();
  });
});

// Large enough that the products ([320, 64] x [64, 2000] and its gradients), exp, the row sums
// and maxima of the [320, 2000] logits all run threaded.
const V = 2000;
const B = 16;
const W = 20;

/** One Adam step of the reference RNN: the loss, then every weight after the step. */
function rnnStep(): tf.Tensor[] {
  const model = new RnnLM({ vocabSz: V, embeddingSz: 32, hiddenSz: 64 }, 5);
  const optimizer = tf.train.adam(0.01);
  try {
    const inputs = tf.tensor2d(seededInts(B * W, 6, 0, V), [B, W], 'int32');
    const labels = tf.tensor2d(seededInts(B * W, 7, 0, V), [B, W], 'int32');
    const loss = optimizer.minimize(() => sequenceLoss(model.call(inputs).logits, labels), true)!;
    return [loss, ...Object.values(model.weights).map((v) => tf.clone(v))];
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

/** One Adam step of the trigram model. */
function trigramStep(): tf.Tensor[] {
  const model = new NgramLM({ vocabSz: V, embeddingSz: 32, n: 3 }, 4);
  const optimizer = tf.train.adam(0.01);
  try {
    const inputs = tf.tensor2d(seededInts(B * W * 2, 3, 0, V), [B * W, 2], 'int32');
    const labels = tf.tensor1d(seededInts(B * W, 4, 0, V), 'int32');
    const loss = optimizer.minimize(() => sequenceLoss(model.call(inputs), labels), true)!;
    return [loss, ...Object.values(model.weights).map((v) => tf.clone(v))];
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

describe('a whole training step at 1, 2 and 3 threads', () => {
  it.each([
    ['RNN', rnnStep],
    ['trigram', trigramStep],
  ] as const)('%s: loss and weights after one Adam step have the same bits', (_name, step) => {
    const before = kernelPoolStats(memory()).chunks;
    const runs = [1, 2, 3].map((threads) => {
      setKernelThreads(threads);
      return readAll(step);
    });
    expect(kernelPoolStats(memory()).chunks).toBeGreaterThan(before);
    expect(runs[0][0].values[0]).toBeGreaterThan(Math.log(V) - 0.5);
    for (let i = 0; i < runs[0].length; i++) expectSameBits(runs.map((r) => r[i]));
  });
});

describe('threads under the permission model the host runs with', () => {
  const root = path.resolve(__dirname, '../../..');
  /** A child like the host: reads only the project, threads asked for; prints what the kernels ran on. */
  function child(extraFlags: string[]): { threads: number; workerChunks: number; device: string } {
    const script = `
      const tf = require('@tensorflow/tfjs');
      const { initRuntime } = require('./dist/grader/runtime/backend');
      const { kernelPoolStats, threadsFor } = require('./dist/grader/runtime/kernels/kernelPool');
      initRuntime('wasm').then(async (info) => {
        const memory = tf.backend().wasm.asm.memory;
        const a = tf.randomUniform([1200, 256]), b = tf.randomUniform([256, 2048]);
        for (let i = 0; i < 20 && kernelPoolStats(memory).workerChunks === 0; i++) {
          tf.matMul(a, b).dispose();
          await new Promise((r) => setTimeout(r, 20));
        }
        process.stdout.write(JSON.stringify({ threads: threadsFor(memory), workerChunks: kernelPoolStats(memory).workerChunks, device: info.device }));
      });`;
    const run = spawnSync(
      process.execPath,
      ['--experimental-permission', '--no-warnings', `--allow-fs-read=${root}${path.sep}*`, ...extraFlags, '-e', script],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, RNN_LAB_THREADS: '2' },
        timeout: 60_000,
      },
    );
    if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as { threads: number; workerChunks: number; device: string };
  }

  it('with --allow-worker: the workers take chunks', () => {
    const seen = child(['--allow-worker']);
    expect(seen.threads).toBe(2);
    expect(seen.workerChunks).toBeGreaterThan(0);
    expect(seen.device).toMatch(/2 threads/);
  });

  it('without it: one thread, and the device says why', () => {
    const seen = child([]);
    expect(seen.threads).toBe(1);
    expect(seen.workerChunks).toBe(0);
    expect(seen.device).toMatch(/1 thread \(worker threads not permitted here/);
  });
});
