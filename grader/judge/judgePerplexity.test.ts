/**
 * The trusted side's scoring agrees with the reference solution on the same weights (so the
 * calibrated bars still hold), and refuses weights that are not the lab's model.
 */
import * as tf from '@tensorflow/tfjs';
import { RnnLM } from '../../solution/src/rnn';
import { NgramLM } from '../../solution/src/ngram';
import { makeNgramExamples, makeWindows } from '../../solution/src/data';
import { evaluatePerplexity } from '../../solution/src/train';
import { judgePerplexity } from './judgePerplexity';
import { heldOutNgrams, heldOutWindows } from './heldOutExamples';
import type { Weights } from '../sandbox/probeApi';

const ids = Int32Array.from({ length: 1201 }, (_, i) => (i * 7919 + (i % 13) * 31) % 50);

function wireWeights(weights: Record<string, tf.Variable>): Weights {
  return Object.fromEntries(
    Object.entries(weights).map(([name, w]) => [
      name,
      { shape: [...w.shape], dtype: 'float32' as const, data: w.dataSync() as Float32Array },
    ]),
  );
}

describe('judgePerplexity', () => {
  it('builds the held-out examples as the reference makeWindows / makeNgramExamples do', () => {
    const [mine, ref] = [heldOutWindows(ids, 20), makeWindows(ids, 20)];
    expect([mine.inputs.arraySync(), mine.labels.arraySync()]).toEqual([ref.inputs.arraySync(), ref.labels.arraySync()]);
    const [n, nref] = [heldOutNgrams(ids, 3), makeNgramExamples(ids, 3)];
    expect([n.inputs.arraySync(), n.labels.arraySync()]).toEqual([nref.inputs.arraySync(), nref.labels.arraySync()]);
    tf.dispose([mine.inputs, mine.labels, ref.inputs, ref.labels, n.inputs, n.labels, nref.inputs, nref.labels]);
  });

  it("equals the reference's evaluatePerplexity on the same weights (RNN and N-gram)", () => {
    const rnnCfg = { vocabSz: 50, embeddingSz: 8, hiddenSz: 12 };
    const rnn = new RnnLM(rnnCfg, 3);
    const windows = makeWindows(ids, 20);
    const expected = evaluatePerplexity(rnn, windows, 256);
    const judged = judgePerplexity(
      { model: 'rnn', cfg: rnnCfg, evalIds: ids, context: 20 },
      wireWeights(rnn.weights as unknown as Record<string, tf.Variable>),
    );
    expect(judged.ok && Math.abs(judged.perplexity - expected) / expected).toBeLessThan(1e-6);

    const ngramCfg = { vocabSz: 50, embeddingSz: 6, n: 3 };
    const ngram = new NgramLM(ngramCfg, 4);
    const examples = makeNgramExamples(ids, 3);
    const expectedNgram = evaluatePerplexity(ngram, examples, 256);
    const judgedNgram = judgePerplexity(
      { model: 'ngram', cfg: ngramCfg, evalIds: ids, context: 3 },
      wireWeights(ngram.weights as unknown as Record<string, tf.Variable>),
    );
    expect(judgedNgram.ok && Math.abs(judgedNgram.perplexity - expectedNgram) / expectedNgram).toBeLessThan(1e-6);
    tf.dispose([windows.inputs, windows.labels, examples.inputs, examples.labels]);
    rnn.dispose();
    ngram.dispose();
  });

  it("does not use the process's Math.exp or dataSync as a submission could patch them (it runs on the trusted side)", () => {
    const cfg = { vocabSz: 50, embeddingSz: 8, hiddenSz: 12 };
    const rnn = new RnnLM(cfg, 5);
    const honest = judgePerplexity(
      { model: 'rnn', cfg, evalIds: ids, context: 20 },
      wireWeights(rnn.weights as unknown as Record<string, tf.Variable>),
    );
    // Untrained weights score near uniform guessing (50), whatever a host would claim.
    expect(honest.ok && honest.perplexity).toBeGreaterThan(40);
    rnn.dispose();
  });

  it('refuses weights that are not the lab model: extra names, wrong shapes, NaN', () => {
    const cfg = { vocabSz: 5, embeddingSz: 2, n: 3 };
    const t = (shape: number[], fill = 0.1) => ({
      shape,
      dtype: 'float32' as const,
      data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(fill),
    });
    const spec = { model: 'ngram' as const, cfg, evalIds: Int32Array.from([0, 1, 2, 3, 4]), context: 3 };
    expect(judgePerplexity(spec, { embedding: t([5, 2]), W: t([4, 5]), b: t([5]), hidden: t([4, 4]) })).toEqual({
      ok: false,
      problem: "NgramLM.weights has hidden, which the lab's model does not have (expected exactly embedding, W, b)",
    });
    expect(judgePerplexity(spec, { embedding: t([5, 2]), W: t([5, 4]), b: t([5]) })).toEqual({
      ok: false,
      problem: 'NgramLM.weights.W has shape [5, 4] after training, expected [4, 5]',
    });
    expect(judgePerplexity(spec, { embedding: t([5, 2]), W: t([4, 5], NaN), b: t([5]) })).toEqual({
      ok: false,
      problem: 'NgramLM.weights.W holds NaN or Infinity after training: check the loss and the learning rate',
    });
    expect(judgePerplexity(spec, { embedding: t([5, 2]), W: t([4, 5]) })).toEqual({
      ok: false,
      problem: 'NgramLM.weights has no b after training',
    });
  });
});
