/**
 * Calibration variant of the lab's provided init.ts: every weight from U(-0.05, 0.05), Keras's
 * default for embeddings. Same exports as stencil/src/init.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { tfjsSeed } from './random';

export function glorotUniform(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  return tf.randomUniform([fanIn, fanOut], -0.05, 0.05, 'float32', tfjsSeed(seed)) as tf.Tensor2D;
}

export function embeddingInit(vocabSz: number, embeddingSz: number, seed: number): tf.Tensor2D {
  return tf.randomUniform([vocabSz, embeddingSz], -0.05, 0.05, 'float32', tfjsSeed(seed)) as tf.Tensor2D;
}

export function checkPositiveIntegers(what: string, fields: Record<string, number>): void {
  for (const [name, value] of Object.entries(fields)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what}: ${name} must be a positive integer, got ${value}`);
  }
}
