/** Conversions between tensors and their wire form, on either side of the protocol. */
import * as tf from '@tensorflow/tfjs';
import type { WireTensor } from '../protocol';

/** Copies a tensor's values out (async on every backend). */
export async function toWire(t: tf.Tensor): Promise<WireTensor> {
  const dtype = t.dtype === 'int32' ? 'int32' : 'float32';
  const values = await t.data();
  const data = dtype === 'int32' ? Int32Array.from(values as ArrayLike<number>) : Float32Array.from(values as ArrayLike<number>);
  return { shape: [...t.shape], dtype, data };
}

/** Builds a tensor from its wire form (the caller owns it). */
export function fromWire(w: WireTensor): tf.Tensor {
  return tf.tensor(w.data, w.shape, w.dtype);
}
