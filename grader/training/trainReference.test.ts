/** End to end on the real grading corpus, with a tiny model and a few steps. */
import * as tf from '@tensorflow/tfjs';
import { trainReference } from './trainReference';

const tiny = {
  n: 3,
  corpus: 'grading' as const,
  epochs: 2,
  maxSteps: 4,
  batchSz: 16,
  learningRate: 0.01,
  embeddingSz: 8,
  hiddenSz: 16,
  windowSz: 10,
  seed: 1,
  sampleLength: 6,
};

describe('trainReference (grading corpus, tiny model)', () => {
  it('trains the RNN, reports validation perplexity per epoch and a sample, and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const lines: string[] = [];
    const summary = await trainReference({ model: 'rnn', ...tiny }, (line) => lines.push(line));
    expect(summary.vocabSz).toBe(2037);
    expect(summary.steps).toBe(8);
    expect(summary.validPerplexity).toHaveLength(2);
    // Better than uniform over the vocabulary after a few steps, and not absurdly low.
    for (const ppl of summary.validPerplexity) expect(ppl).toBeGreaterThan(50);
    expect(summary.validPerplexity[1]).toBeLessThan(2037);
    expect(summary.testPerplexity).toBeUndefined();
    expect(summary.sample.split(' ')).toHaveLength(6);
    expect(lines.filter((l) => /^epoch \d: validation perplexity/.test(l))).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains the trigram model the same way', async () => {
    const summary = await trainReference({ model: 'ngram', ...tiny, epochs: 1 }, () => undefined);
    expect(summary.model).toMatch(/3-gram/);
    expect(summary.parameters).toBe(2037 * 8 + 2 * 8 * 2037 + 2037);
    expect(summary.validPerplexity[0]).toBeLessThan(2037);
  });
});
