/**
 * Plain-TypeScript float64 implementations of both models' mean cross-entropy, written straight
 * from the equations, with no TensorFlow.js. The gradient check differentiates these numerically
 * to prove the solution's TensorFlow.js gradients right.
 */

/** A row-major matrix in float64. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** -log softmax(logits)[label], stably. */
function nll(logits: Float64Array, label: number): number {
  let max = -Infinity;
  for (const l of logits) max = Math.max(max, l);
  let sum = 0;
  for (const l of logits) sum += Math.exp(l - max);
  return Math.log(sum) + max - logits[label];
}

/** out = x W + b for a single row x [cols of W's rows]. */
function affine(x: Float64Array, W: Matrix, b: Float64Array): Float64Array {
  const out = Float64Array.from(b);
  for (let i = 0; i < W.rows; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    for (let j = 0; j < W.cols; j++) out[j] += xi * W.data[i * W.cols + j];
  }
  return out;
}

function row(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** N-gram loss: mean over examples of nll([e_{c_1}, ..., e_{c_{n-1}}] W + b, label). */
export function ngramLoss64(w: { embedding: Matrix; W: Matrix; b: Float64Array }, contexts: number[][], labels: number[]): number {
  let total = 0;
  contexts.forEach((context, i) => {
    const x = new Float64Array(context.length * w.embedding.cols);
    context.forEach((id, k) => x.set(row(w.embedding, id), k * w.embedding.cols));
    total += nll(affine(x, w.W, w.b), labels[i]);
  });
  return total / contexts.length;
}

/** RNN loss: s_0 = 0, s_t = tanh([e_t, s_{t-1}] Wr + br), mean over all tokens of nll(s_t Wo + bo, y_t). */
export function rnnLoss64(
  w: { embedding: Matrix; Wr: Matrix; br: Float64Array; Wo: Matrix; bo: Float64Array },
  windows: number[][],
  labels: number[][],
): number {
  const E = w.embedding.cols;
  const H = w.br.length;
  let total = 0;
  let count = 0;
  windows.forEach((window, b) => {
    let state = new Float64Array(H);
    window.forEach((id, t) => {
      const x = new Float64Array(E + H);
      x.set(row(w.embedding, id), 0);
      x.set(state, E);
      state = affine(x, w.Wr, w.br).map(Math.tanh);
      total += nll(affine(state, w.Wo, w.bo), labels[b][t]);
      count++;
    });
  });
  return total / count;
}

/**
 * Central-difference gradient of `loss` with respect to every entry of `param` (perturbed in
 * place and restored), in float64.
 */
export function numericalGradient(param: Float64Array, loss: () => number, h = 1e-6): Float64Array {
  const grad = new Float64Array(param.length);
  for (let i = 0; i < param.length; i++) {
    const saved = param[i];
    param[i] = saved + h;
    const plus = loss();
    param[i] = saved - h;
    const minus = loss();
    param[i] = saved;
    grad[i] = (plus - minus) / (2 * h);
  }
  return grad;
}
