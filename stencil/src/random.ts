/**
 * Seeded pseudo-random numbers for shuffling and sampling (provided; not a task).
 * TensorFlow.js has no global seed and `model.fit` shuffles with Math.random, so the lab does its
 * own shuffling with this generator to make runs repeatable.
 */

/**
 * The seed to give TensorFlow.js's random ops and initializers for a lab seed. TensorFlow.js treats a
 * seed of 0 as "no seed" and then draws from Math.random, so every integer is mapped to a non-zero
 * one, one to one: s >= 0 becomes s + 1, a negative s stays as it is. Pass every seed through this.
 */
export function tfjsSeed(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`tfjsSeed: a seed must be an integer, got ${seed}`);
  return seed >= 0 ? seed + 1 : seed;
}

/** Returns a function yielding uniform floats in [0, 1) from a 32-bit seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A permutation of 0..n-1 (Fisher-Yates) drawn from `random`. */
export function shuffledIndices(n: number, random: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}
