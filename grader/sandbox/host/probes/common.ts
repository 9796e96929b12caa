/** Helpers the probes share: checked results, weight assignment, gradients. */
import * as tf from '@tensorflow/tfjs';
import type { WireTensor } from '../../protocol';
import type { Weights } from '../../probeApi';
import { ProbeError } from '../labLoader';
import { fromWire } from '../wire';

/** The tensor's values and shape, synchronously; rejects a non-tensor result. */
export function wireOf(value: unknown, what: string): WireTensor {
  if (!(value instanceof tf.Tensor)) throw new ProbeError('bad-result', `${what} returned ${describeValue(value)}, expected a tf.Tensor`);
  const dtype = value.dtype === 'int32' ? 'int32' : 'float32';
  const raw = value.dataSync();
  return {
    shape: [...value.shape],
    dtype,
    data: dtype === 'int32' ? Int32Array.from(raw as ArrayLike<number>) : Float32Array.from(raw as ArrayLike<number>),
  };
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return `a ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}`;
}

/** A finite number or a bad-result error. */
export function numberOf(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new ProbeError('bad-result', `${what} returned ${describeValue(value)}, expected a number`);
  return value;
}

/**
 * Overwrites a model's weights with the grader's, checking that each named weight exists, is a
 * tf.Variable and has the expected shape.
 */
export function assignWeights(modelWeights: unknown, weights: Weights, className: string): Record<string, tf.Variable> {
  if (typeof modelWeights !== 'object' || modelWeights === null)
    throw new ProbeError('bad-result', `${className}.weights is ${describeValue(modelWeights)}, expected an object of tf.Variables`);
  const out: Record<string, tf.Variable> = {};
  for (const [name, wire] of Object.entries(weights)) {
    const variable = (modelWeights as Record<string, unknown>)[name];
    if (!(variable instanceof tf.Variable))
      throw new ProbeError('bad-result', `${className}.weights.${name} is ${describeValue(variable)}, expected a tf.Variable`);
    if (variable.shape.join(',') !== wire.shape.join(',')) {
      throw new ProbeError(
        'bad-result',
        `${className}.weights.${name} has shape [${variable.shape.join(', ')}], expected [${wire.shape.join(', ')}]`,
      );
    }
    tf.tidy(() => variable.assign(fromWire(wire)));
    out[name] = variable;
  }
  return out;
}

/**
 * Gradients of `loss` w.r.t. each variable; a variable the loss does not reach gets null.
 * @returns the loss value and one gradient per name (same shape as the variable)
 */
export function gradientsOf(
  variables: Record<string, tf.Variable>,
  loss: () => tf.Scalar,
): { loss: number; grads: Record<string, WireTensor | null> } {
  const names = Object.keys(variables);
  const grads: Record<string, WireTensor | null> = Object.fromEntries(names.map((n) => [n, null]));
  let value: number;
  try {
    const result = tf.variableGrads(
      loss,
      names.map((n) => variables[n]),
    );
    value = result.value.dataSync()[0];
    for (const name of names) {
      const g = result.grads[variables[name].name];
      if (g !== undefined) grads[name] = wireOf(g, 'gradient');
    }
    tf.dispose([result.value, ...Object.values(result.grads)]);
  } catch (err) {
    // tfjs throws when no variable is connected to the loss: every gradient stays null.
    if (!/connect|gradient/i.test((err as Error).message)) throw err;
    value = tf.tidy(() => loss().dataSync()[0]);
  }
  return { loss: value, grads };
}
