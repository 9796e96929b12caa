/**
 * Weight initialisers with explicit seeds (provided; not a task). Every weight gets its own seed
 * derived from the model's seed, so two models built with the same seed are identical (any integer,
 * 0 included: see tfjsSeed).
 */
import * as tf from '@tensorflow/tfjs';
import { tfjsSeed } from './random';

/** Glorot/Xavier uniform: U(-l, l) with l = sqrt(6 / (fanIn + fanOut)). Returns [fanIn, fanOut]. */
export function glorotUniform(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.randomUniform([fanIn, fanOut], -limit, limit, 'float32', tfjsSeed(seed)) as tf.Tensor2D;
}

/** Embedding matrix [vocabSz, embeddingSz] drawn from N(0, 0.1^2), truncated at two standard deviations. */
export function embeddingInit(vocabSz: number, embeddingSz: number, seed: number): tf.Tensor2D {
  return tf.truncatedNormal([vocabSz, embeddingSz], 0, 0.1, 'float32', tfjsSeed(seed)) as tf.Tensor2D;
}

/** Throws a RangeError naming the field unless every listed field is a positive integer. */
export function checkPositiveIntegers(what: string, fields: Record<string, number>): void {
  for (const [name, value] of Object.entries(fields)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${what}: ${name} must be a positive integer, got ${value}`);
    }
  }
}
