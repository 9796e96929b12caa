/**
 * The trusted answer of the evaluatePerplexity test agrees with the reference evaluatePerplexity
 * run on an RnnLM whose forward pass is the table lookup (as the host sets it up), and the two
 * wrong averages it names differ from it on uneven batches. Tolerance: 1e-5 relative (float32 vs float64).
 */
import * as tf from '@tensorflow/tfjs';
import { RnnLM } from '../../solution/src/rnn';
import { evaluatePerplexity } from '../../solution/src/train';
import { logitsTable, tablePerplexities } from './tablePerplexity';

const V = 7;
const [N, W, H] = [5, 4, 3];
const inputs = Int32Array.from({ length: N * W }, (_, i) => (i * 5 + 1) % V);
const labels = Int32Array.from({ length: N * W }, (_, i) => (i * 3 + 2) % V);

/** The reference evaluatePerplexity on the table model, as the host runs the submission's. */
function referenceOnTable(batchSz: number): number {
  const model = new RnnLM({ vocabSz: V, embeddingSz: 2, hiddenSz: H }, 0);
  const table = tf.tensor2d(logitsTable(V), [V, V]);
  const x = tf.tensor2d(inputs, [N, W], 'int32');
  const y = tf.tensor2d(labels, [N, W], 'int32');
  Object.defineProperty(model, 'call', {
    value: (batch: tf.Tensor2D) => ({ logits: tf.gather(table, batch), finalState: tf.zeros([batch.shape[0], H]) }),
  });
  try {
    return evaluatePerplexity(model, { inputs: x, labels: y }, batchSz);
  } finally {
    tf.dispose([table, x, y]);
    model.dispose();
  }
}

describe('tablePerplexities', () => {
  it('is the same on every call and has no flat rows (the logits depend on the token)', () => {
    const table = logitsTable(V);
    expect(Array.from(table)).toEqual(Array.from(logitsTable(V)));
    for (let i = 0; i < V; i++) expect(new Set(table.subarray(i * V, (i + 1) * V)).size).toBeGreaterThan(1);
  });

  it.each([1, 2, 5])('matches the reference evaluatePerplexity in batches of %i', (batchSz) => {
    const found = referenceOnTable(batchSz);
    const expected = tablePerplexities(logitsTable(V), V, inputs, labels, N, batchSz);
    expect(Math.abs(found - expected.tokenWeighted) / expected.tokenWeighted).toBeLessThan(1e-5);
  });

  it('tells the per-batch averages apart from the answer when the last batch is smaller', () => {
    const p = tablePerplexities(logitsTable(V), V, inputs, labels, N, 2);
    expect(Math.abs(p.meanOfBatchNll - p.tokenWeighted) / p.tokenWeighted).toBeGreaterThan(1e-3);
    expect(Math.abs(p.meanOfBatchPerplexities - p.tokenWeighted) / p.tokenWeighted).toBeGreaterThan(1e-3);
    // One batch holding everything: the three agree.
    const whole = tablePerplexities(logitsTable(V), V, inputs, labels, N, N);
    expect(whole.meanOfBatchNll).toBeCloseTo(whole.tokenWeighted, 10);
    expect(whole.meanOfBatchPerplexities).toBeCloseTo(whole.tokenWeighted, 10);
  });
});
