import * as tf from '@tensorflow/tfjs';
import { Vocab, buildVocab, encode, makeNgramExamples, makeWindows } from '../src/data';
import { NgramLM } from '../src/ngram';
import { RnnLM } from '../src/rnn';
import { trainNgram, trainRnn, evaluatePerplexity } from '../src/train';
import { generate } from '../src/generate';

// A tiny repetitive corpus: any working model learns it within a few hundred steps.
const sentence = 'the cat sat on the mat <stop> a dog sat on a log <stop>'.split(' ');
const tokens = Array.from({ length: 40 }, () => sentence).flat();

describe('training (tiny corpus)', () => {
  let vocab: Vocab;
  let ids: Int32Array;
  let V: number;
  beforeAll(() => {
    vocab = buildVocab(tokens);
    ids = encode(tokens, vocab);
    V = vocab.words.length;
  });

  it('trainNgram lowers the loss and reports one loss per batch', async () => {
    const model = new NgramLM({ vocabSz: V, embeddingSz: 8, n: 3 }, 0);
    const data = makeNgramExamples(ids, 3);
    const steps: number[] = [];
    const { losses } = await trainNgram(model, data, { batchSz: 32, epochs: 4, learningRate: 0.02, seed: 1 }, (step) => steps.push(step));
    expect(losses).toHaveLength(4 * Math.ceil(data.inputs.shape[0] / 32));
    expect(steps).toEqual(losses.map((_, i) => i));
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 2);
    expect(evaluatePerplexity(model, data, 64)).toBeLessThan(3);
    model.dispose();
  });

  it('trainRnn lowers the loss without leaking tensors, and generate returns vocabulary words', async () => {
    const model = new RnnLM({ vocabSz: V, embeddingSz: 8, hiddenSz: 16 }, 0);
    const data = makeWindows(ids, 6);
    const tensorsPerStep: number[] = [];
    const { losses } = await trainRnn(model, data, { batchSz: 16, epochs: 8, learningRate: 0.02, seed: 1 }, () =>
      tensorsPerStep.push(tf.memory().numTensors),
    );
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 2);
    // After the first step (which creates the optimizer's slots) the count must stay flat.
    expect(new Set(tensorsPerStep.slice(1)).size).toBe(1);
    const words = generate(model, vocab, ['the'], 10, { seed: 3 });
    expect(words).toHaveLength(10);
    words.forEach((w) => expect(vocab.words).toContain(w));
    model.dispose();
  });
});
