import * as tf from '@tensorflow/tfjs';
import { simpleRnnLayer, buildKerasRnnLM } from '../src/kerasRnn';

describe('tf.layers.simpleRNN (the lecture quiz)', () => {
  let inputs: tf.Tensor; // [batch, timesteps, features]
  beforeAll(() => {
    inputs = tf.randomNormal([32, 10, 8]);
  });

  it('returns the last state [32, 4] by default', () => {
    expect(simpleRnnLayer(4, false).apply(inputs)).toHaveProperty('shape', [32, 4]);
  });

  it('returns every state [32, 10, 4] with returnSequences', () => {
    expect(simpleRnnLayer(4, true).apply(inputs)).toHaveProperty('shape', [32, 10, 4]);
  });

  it('has (8 + 4) * 4 + 4 = 52 parameters: the lecture W_r plus b_r', () => {
    const layer = simpleRnnLayer(4, false);
    layer.apply(inputs);
    expect(layer.countParams()).toBe(52);
  });
});

describe('Keras RNN language model', () => {
  it('maps [B, W] ids to logits [B, W, V]', () => {
    const model = buildKerasRnnLM({ vocabSz: 40, embeddingSz: 6, hiddenSz: 5 }, 0);
    const logits = model.predict(tf.zeros([3, 9], 'int32')) as tf.Tensor;
    expect(logits.shape).toEqual([3, 9, 40]);
    expect(model.countParams()).toBe(40 * 6 + (6 + 5) * 5 + 5 + 5 * 40 + 40);
  });
});
