import * as tf from '@tensorflow/tfjs';
import { NgramLM, ngramParamCount } from '../src/ngram';

describe('N-gram model', () => {
  it('counts parameters like the lab model (V=4962, E=64, trigram): 957,666', () => {
    // embedding 4962*64 = 317,568; W (2*64)*4962 = 635,136; b 4,962
    expect(ngramParamCount({ vocabSz: 4962, embeddingSz: 64, n: 3 })).toBe(957666);
  });

  it('has weights of the documented shapes, and as many scalars as ngramParamCount says', () => {
    const cfg = { vocabSz: 50, embeddingSz: 8, n: 4 };
    const model = new NgramLM(cfg, 0);
    expect(model.weights.embedding.shape).toEqual([50, 8]);
    expect(model.weights.W.shape).toEqual([3 * 8, 50]);
    expect(model.weights.b.shape).toEqual([50]);
    const total = Object.values(model.weights).reduce((sum, w: tf.Variable) => sum + w.size, 0);
    expect(total).toBe(ngramParamCount(cfg));
    model.dispose();
  });

  it('maps [B, n-1] context ids to logits [B, V]', () => {
    const model = new NgramLM({ vocabSz: 50, embeddingSz: 8, n: 3 }, 0);
    const logits = model.call(
      tf.tensor2d(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        [3, 2],
        'int32',
      ),
    );
    expect(logits.shape).toEqual([3, 50]);
    model.dispose();
  });
});
