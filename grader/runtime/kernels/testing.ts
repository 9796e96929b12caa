/** Helpers for the kernel-fix tests: seeded inputs, running on a given backend, closeness checks. */
import * as tf from '@tensorflow/tfjs';

/** Deterministic uniform values in [min, max) (mulberry32), so a failure reproduces. */
export function seededValues(n: number, seed: number, min = -1, max = 1): number[] {
  let state = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out.push(min + (((t ^ (t >>> 14)) >>> 0) / 4294967296) * (max - min));
  }
  return out;
}

/** Deterministic integers in [min, max). */
export function seededInts(n: number, seed: number, min: number, max: number): number[] {
  return seededValues(n, seed, min, max).map(Math.floor);
}

/** Seeded float32 tensor of `shape` with values in [-1, 1). */
export function seededTensor(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(seededValues(tf.util.sizeFromShape(shape), seed), shape, 'float32');
}

/** Runs `fn` on backend `name` and switches back to the backend that was active before. */
export async function onBackend<T>(name: string, fn: () => T): Promise<T> {
  const previous = tf.getBackend();
  await tf.setBackend(name);
  try {
    return fn();
  } finally {
    await tf.setBackend(previous);
  }
}

/** Data buffers the active backend holds (engine tensors plus any kernel temporaries). */
export function backendDataIds(): number {
  return (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
}

/** Flat values, shape and dtype of a tensor, read synchronously. */
export interface Snapshot {
  shape: number[];
  dtype: string;
  values: number[];
}

export function snapshot(t: tf.Tensor): Snapshot {
  return { shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync() as ArrayLike<number>) };
}

/**
 * Asserts |actual - expected| <= atol + rtol * |expected| elementwise (numpy's allclose rule; equal
 * values, infinities included, and NaN against NaN agree) and equal shapes; the failure names the
 * first bad index and the largest error.
 */
export function expectAllClose(actual: Snapshot, expected: Snapshot, rtol: number, atol: number): void {
  expect(actual.shape).toEqual(expected.shape);
  let worst = 0;
  let firstBad = -1;
  for (let i = 0; i < expected.values.length; i++) {
    // Equal infinities, and NaN against NaN, agree (their difference is NaN).
    if (actual.values[i] === expected.values[i] || (Number.isNaN(actual.values[i]) && Number.isNaN(expected.values[i]))) continue;
    const err = Math.abs(actual.values[i] - expected.values[i]);
    const excess = err - (atol + rtol * Math.abs(expected.values[i]));
    if (!(excess <= 0) && firstBad < 0) firstBad = i;
    worst = Math.max(worst, err);
  }
  if (firstBad >= 0) {
    throw new Error(
      `values differ at flat index ${firstBad}: ${actual.values[firstBad]} vs expected ${expected.values[firstBad]} ` +
        `(largest abs error ${worst}, rtol ${rtol}, atol ${atol})`,
    );
  }
}

/** Runs `fn` in tf.tidy and returns a snapshot of the tensor it returns; nothing is left allocated. */
export function read(fn: () => tf.Tensor): Snapshot {
  const t = tf.tidy(fn);
  try {
    return snapshot(t);
  } finally {
    t.dispose();
  }
}

/** As `read`, for a function that returns several tensors. */
export function readAll(fn: () => tf.Tensor[]): Snapshot[] {
  const ts = tf.tidy(fn);
  try {
    return ts.map(snapshot);
  } finally {
    tf.dispose(ts);
  }
}

/**
 * Runs `fn` on the cpu backend and on `backend` (with the kernel fixes in force) and asserts that
 * each returned tensor agrees within rtol/atol (numpy's allclose rule); `names` label a failure.
 * Returns [cpu, backend] snapshots for further checks.
 */
export async function expectBackendMatchesCpu(
  backend: string,
  fn: () => tf.Tensor[],
  rtol: number,
  atol: number,
  names: string[] = [],
): Promise<[Snapshot[], Snapshot[]]> {
  const reference = await onBackend('cpu', () => readAll(fn));
  const other = await onBackend(backend, () => readAll(fn));
  expect(other).toHaveLength(reference.length);
  reference.forEach((want, i) => {
    try {
      expect(other[i].dtype).toBe(want.dtype);
      expectAllClose(other[i], want, rtol, atol);
    } catch (err) {
      throw new Error(`${names[i] ?? `output ${i}`}: ${(err as Error).message}`, { cause: err });
    }
  });
  return [reference, other];
}

/** expectBackendMatchesCpu on wasm. */
export function expectWasmMatchesCpu(
  fn: () => tf.Tensor[],
  rtol: number,
  atol: number,
  names: string[] = [],
): Promise<[Snapshot[], Snapshot[]]> {
  return expectBackendMatchesCpu('wasm', fn, rtol, atol, names);
}
