/**
 * The reference is proven right: its TensorFlow.js gradients (float32, on whichever backend the
 * runtime picked, kernel fixes included) agree with float64 finite differences of the equations
 * for every weight of both models, on a tiny model (V=7, E=3, H=4, windows of 3).
 */
import * as tf from '@tensorflow/tfjs';
import { NgramLM } from '../src/ngram';
import { RnnLM } from '../src/rnn';
import { sequenceLoss } from '../src/loss';
import { Matrix, ngramLoss64, numericalGradient, rnnLoss64 } from './float64Reference';

// Float32 gradients of an O(1) loss carry absolute errors around 1e-7; the central difference in
// float64 with h = 1e-6 is accurate to ~1e-9. A wrong gradient (missing term, transposed weight)
// is off by far more than atol + rtol*|g| = 1e-5 + 1e-3*|g|.
const ATOL = 1e-5;
const RTOL = 1e-3;

function toMatrix(v: tf.Variable): Matrix {
  const [rows, cols] = v.shape as [number, number];
  return { rows, cols, data: Float64Array.from(v.dataSync()) };
}

/** Largest violation of |a - n| <= ATOL + RTOL |n| (<= 0 means every entry agrees). */
function worstViolation(analytic: ArrayLike<number>, numeric: Float64Array): number {
  let worst = -Infinity;
  for (let i = 0; i < numeric.length; i++) {
    worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]) - (ATOL + RTOL * Math.abs(numeric[i])));
  }
  return worst;
}

function analyticGradients(
  variables: Record<string, tf.Variable>,
  loss: () => tf.Scalar,
): { value: number; grads: Record<string, Float32Array> } {
  const { value, grads } = tf.variableGrads(loss, Object.values(variables));
  const byName: Record<string, Float32Array> = {};
  for (const [key, variable] of Object.entries(variables)) byName[key] = grads[variable.name].dataSync() as Float32Array;
  const result = { value: value.dataSync()[0], grads: byName };
  tf.dispose([value, ...Object.values(grads)]);
  return result;
}

describe('finite-difference gradient check of the reference (float64)', () => {
  const V = 7;
  const E = 3;
  const H = 4;

  it('N-gram (n=3): loss and gradients of embedding, W, b agree with the equations', () => {
    const model = new NgramLM({ vocabSz: V, embeddingSz: E, n: 3 }, 11);
    // Perturb the zero-initialised bias so its gradient is tested away from a special point.
    model.weights.b.assign(tf.randomNormal([V], 0, 0.5, 'float32', 5));
    const contexts = [
      [0, 1],
      [2, 2],
      [6, 3],
      [1, 5],
      [4, 0],
    ];
    const labels = [2, 6, 0, 3, 3];
    const inputs = tf.tensor2d(contexts, [5, 2], 'int32');
    const target = tf.tensor1d(labels, 'int32');
    const { value, grads } = analyticGradients({ ...model.weights }, () => sequenceLoss(model.call(inputs), target));

    const w64 = {
      embedding: toMatrix(model.weights.embedding),
      W: toMatrix(model.weights.W),
      b: Float64Array.from(model.weights.b.dataSync()),
    };
    const loss64 = () => ngramLoss64(w64, contexts, labels);
    expect(value).toBeCloseTo(loss64(), 5);
    expect(worstViolation(grads.embedding, numericalGradient(w64.embedding.data, loss64))).toBeLessThanOrEqual(0);
    expect(worstViolation(grads.W, numericalGradient(w64.W.data, loss64))).toBeLessThanOrEqual(0);
    expect(worstViolation(grads.b, numericalGradient(w64.b, loss64))).toBeLessThanOrEqual(0);
    tf.dispose([inputs, target]);
    model.dispose();
  });

  it('RNN (window 3): backpropagation through time matches for embedding, Wr, br, Wo, bo', () => {
    const model = new RnnLM({ vocabSz: V, embeddingSz: E, hiddenSz: H }, 7);
    model.weights.br.assign(tf.randomNormal([H], 0, 0.5, 'float32', 8));
    model.weights.bo.assign(tf.randomNormal([V], 0, 0.5, 'float32', 9));
    // Larger recurrent weights make the later time steps depend strongly on the earlier ones.
    model.weights.Wr.assign(tf.randomNormal([E + H, H], 0, 0.8, 'float32', 10));
    const windows = [
      [0, 3, 3],
      [6, 1, 2],
      [5, 5, 0],
    ];
    const labels = [
      [3, 3, 1],
      [1, 2, 4],
      [5, 0, 6],
    ];
    const inputs = tf.tensor2d(windows, [3, 3], 'int32');
    const target = tf.tensor2d(labels, [3, 3], 'int32');
    const { value, grads } = analyticGradients({ ...model.weights }, () => sequenceLoss(model.call(inputs).logits, target));

    const w = model.weights;
    const w64 = {
      embedding: toMatrix(w.embedding),
      Wr: toMatrix(w.Wr),
      br: Float64Array.from(w.br.dataSync()),
      Wo: toMatrix(w.Wo),
      bo: Float64Array.from(w.bo.dataSync()),
    };
    const loss64 = () => rnnLoss64(w64, windows, labels);
    expect(value).toBeCloseTo(loss64(), 5);
    expect(worstViolation(grads.embedding, numericalGradient(w64.embedding.data, loss64))).toBeLessThanOrEqual(0);
    expect(worstViolation(grads.Wr, numericalGradient(w64.Wr.data, loss64))).toBeLessThanOrEqual(0);
    expect(worstViolation(grads.br, numericalGradient(w64.br, loss64))).toBeLessThanOrEqual(0);
    expect(worstViolation(grads.Wo, numericalGradient(w64.Wo.data, loss64))).toBeLessThanOrEqual(0);
    expect(worstViolation(grads.bo, numericalGradient(w64.bo, loss64))).toBeLessThanOrEqual(0);
    tf.dispose([inputs, target]);
    model.dispose();
  });
});
