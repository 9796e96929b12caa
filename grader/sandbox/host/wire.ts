/** A tensor from its wire form; the other way is probes/common.ts wireOf, which also checks the value. */
import * as tf from '@tensorflow/tfjs';
import type { WireTensor } from '../protocol';

/** Builds a tensor from its wire form (the caller owns it). */
export function fromWire(w: WireTensor): tf.Tensor {
  return tf.tensor(w.data, w.shape, w.dtype);
}
