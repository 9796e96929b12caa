import * as tf from '@tensorflow/tfjs';
import { sequenceLoss, perplexity, perplexityFromProbs } from '../src/loss';

describe('perplexity', () => {
  it('matches the golden vector: 2.4446151121745054', () => {
    const probs = [
      [0.1, 0.3, 0.5, 0.1],
      [0.4, 0.3, 0.1, 0.2],
      [0.1, 0.7, 0.1, 0.1],
      [0.3, 0.3, 0.2, 0.2],
    ];
    expect(perplexityFromProbs(probs, [2, 0, 1, 3])).toBeCloseTo(2.4446151121745054, 10);
  });

  it('is exp of the mean negative log-likelihood', () => {
    expect(perplexity(0)).toBe(1);
    expect(perplexity(Math.log(50))).toBeCloseTo(50, 10);
  });
});

describe('sequence loss', () => {
  it('is log V for uniform logits of shape [B, W, V]', async () => {
    const loss = sequenceLoss(tf.zeros([2, 3, 10]), tf.zeros([2, 3], 'int32'));
    expect(loss.shape).toEqual([]);
    expect((await loss.data())[0]).toBeCloseTo(Math.log(10), 5);
  });

  it('takes logits, not probabilities: a confident right answer costs almost nothing', async () => {
    const logits = tf.tensor2d([
      [20, 0, 0],
      [0, 0, 20],
    ]);
    const loss = sequenceLoss(logits, tf.tensor1d([0, 2], 'int32'));
    expect((await loss.data())[0]).toBeLessThan(1e-6);
  });
});
