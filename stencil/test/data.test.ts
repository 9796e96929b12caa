import { buildVocab, encode, decode, makeNgramExamples, makeWindows, UNK, STOP } from '../src/data';

const tokens = ['the', 'cat', 'sat', STOP, 'the', 'dog', 'sat', STOP];

describe('vocabulary', () => {
  it('is sorted, contains <unk>, and drops words seen fewer than minCount times', () => {
    expect(buildVocab(tokens).words).toEqual([STOP, UNK, 'cat', 'dog', 'sat', 'the']);
    expect(buildVocab(tokens, 2).words).toEqual([STOP, UNK, 'sat', 'the']);
  });

  it('encodes unknown words as <unk> and decodes back', () => {
    const vocab = buildVocab(tokens, 2);
    const ids = encode(['the', 'cat', 'sat'], vocab);
    expect(Array.from(ids)).toEqual([3, 1, 2]);
    expect(decode(ids, vocab)).toEqual(['the', UNK, 'sat']);
  });
});

describe('n-gram examples', () => {
  it('pairs each n-1 word context with the word that follows it', async () => {
    const { inputs, labels } = makeNgramExamples(Int32Array.from([10, 11, 12, 13, 14]), 3);
    expect(inputs.shape).toEqual([3, 2]);
    expect(inputs.dtype).toBe('int32');
    expect(labels.shape).toEqual([3]);
    expect(await inputs.array()).toEqual([
      [10, 11],
      [11, 12],
      [12, 13],
    ]);
    expect(await labels.array()).toEqual([12, 13, 14]);
  });

  it('rejects n < 2 with an error that says so', () => {
    let message = '';
    try {
      makeNgramExamples(Int32Array.from([1, 2, 3]), 1);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).not.toMatch(/TODO/);
    expect(message).toMatch(/\bn\b/);
  });
});

describe('RNN windows', () => {
  it('cuts x = ids[0..len-2] and y = ids[1..len-1] into windows; y is x shifted by one token', async () => {
    const ids = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const { inputs, labels } = makeWindows(ids, 4);
    expect(inputs.shape).toEqual([2, 4]);
    expect(labels.shape).toEqual([2, 4]);
    expect(await inputs.array()).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    expect(await labels.array()).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
  });
});
