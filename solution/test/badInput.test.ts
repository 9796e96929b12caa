/** The reference rejects bad input with errors that say what was given and what is required. */
import { buildVocab, decode, encode, makeNgramExamples, makeWindows } from '../src/data';
import { NgramLM } from '../src/ngram';
import { RnnLM } from '../src/rnn';
import { sequenceLoss, perplexityFromProbs } from '../src/loss';
import * as tf from '@tensorflow/tfjs';

describe('bad input to the data functions', () => {
  const vocab = buildVocab(['a', 'b', 'c']);

  it('rejects n < 2 and non-integer n, naming the value', () => {
    expect(() => makeNgramExamples(Int32Array.from([1, 2, 3]), 1)).toThrow(/n must be an integer >= 2, got 1/);
    expect(() => makeNgramExamples(Int32Array.from([1, 2, 3]), 2.5)).toThrow(/got 2.5/);
  });

  it('rejects windowSz < 1', () => {
    expect(() => makeWindows(Int32Array.from([1, 2, 3]), 0)).toThrow(/windowSz must be an integer >= 1, got 0/);
  });

  it('rejects corpora too short for one example, saying how many tokens are needed', () => {
    expect(() => makeNgramExamples(Int32Array.from([1, 2]), 3)).toThrow(/at least n = 3 tokens.*got 2/);
    expect(() => makeWindows(Int32Array.from([1, 2, 3]), 3)).toThrow(/at least windowSz \+ 1 = 4 tokens.*got 3/);
  });

  it('rejects ids outside the vocabulary', () => {
    expect(() => decode([0, 7], vocab)).toThrow(/id 7 at position 1 is outside the vocabulary \[0, 4\)/);
    expect(() => decode([-1], vocab)).toThrow(/outside the vocabulary/);
    expect(() => makeWindows(Int32Array.from([0, -3, 1, 2]), 1)).toThrow(/id -3 at position 1 is negative/);
  });

  it('rejects a vocabulary without <unk> and a bad minCount', () => {
    expect(() => encode(['a'], { words: ['a'], index: new Map([['a', 0]]) })).toThrow(/no <unk>/);
    expect(() => buildVocab(['a'], 0)).toThrow(/minCount must be an integer >= 1, got 0/);
  });
});

describe('bad input to the models and the loss', () => {
  it('rejects non-positive sizes and n < 2', () => {
    expect(() => new NgramLM({ vocabSz: 10, embeddingSz: 0, n: 3 })).toThrow(/embeddingSz must be a positive integer, got 0/);
    expect(() => new NgramLM({ vocabSz: 10, embeddingSz: 4, n: 1 })).toThrow(/n must be >= 2, got 1/);
    expect(() => new RnnLM({ vocabSz: 10, embeddingSz: 4, hiddenSz: -2 })).toThrow(/hiddenSz must be a positive integer, got -2/);
  });

  it('rejects an initial state of the wrong shape', () => {
    const model = new RnnLM({ vocabSz: 10, embeddingSz: 4, hiddenSz: 3 });
    expect(() => model.call(tf.zeros([2, 5], 'int32') as tf.Tensor2D, tf.zeros([2, 4]) as tf.Tensor2D)).toThrow(
      /initialState must be \[2, 3\], got \[2,4\]/,
    );
    model.dispose();
  });

  it('rejects labels that do not match the logits', () => {
    expect(() => sequenceLoss(tf.zeros([2, 3, 5]), tf.zeros([3, 2], 'int32'))).toThrow(/expected labels of shape \[2,3\]/);
    expect(() => perplexityFromProbs([[0.5, 0.5]], [])).toThrow(/one label per row/);
  });
});
