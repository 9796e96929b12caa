import * as tf from '@tensorflow/tfjs';
import { RnnLM, rnnCell, rnnParamCount } from '../src/rnn';

describe('RNN cell', () => {
  it('computes s_t = tanh([e_t, s_{t-1}] W_r + b_r)', async () => {
    const e = tf.tensor2d([[1, 0]]); // E = 2
    const sPrev = tf.tensor2d([[0.5]]); // H = 1
    const Wr = tf.tensor2d([[0.2], [-0.4], [1.0]]); // rows for e_0, e_1, then s
    const br = tf.tensor1d([0.1]);
    const s = rnnCell(e, sPrev, Wr, br);
    expect(s.shape).toEqual([1, 1]);
    // 1*0.2 + 0*(-0.4) + 0.5*1.0 + 0.1 = 0.8
    expect((await s.array())[0][0]).toBeCloseTo(Math.tanh(0.8), 6);
  });
});

describe('RNN language model', () => {
  it('counts parameters like the lab model (V=4962, E=64, H=128): 982,370', () => {
    expect(rnnParamCount({ vocabSz: 4962, embeddingSz: 64, hiddenSz: 128 })).toBe(982370);
  });

  it('maps [B, W] ids to logits [B, W, V] and a final state [B, H]', () => {
    const model = new RnnLM({ vocabSz: 30, embeddingSz: 6, hiddenSz: 5 }, 0);
    expect(model.weights.Wr.shape).toEqual([6 + 5, 5]);
    const { logits, finalState } = model.call(tf.zeros([4, 7], 'int32') as tf.Tensor2D);
    expect(logits.shape).toEqual([4, 7, 30]);
    expect(finalState.shape).toEqual([4, 5]);
    model.dispose();
  });
});
