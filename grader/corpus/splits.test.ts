import { buildVocab, codeUnitOrder, countWords, mapUnknown, splitTokens } from './splits';

describe('splitTokens', () => {
  const tokens = 'a b <stop> c d e <stop> f <stop>'.split(' ');

  it('cuts train, valid and test in order, mid-sentence where the counts fall', () => {
    const s = splitTokens(tokens, 4, 3);
    expect(s.train).toEqual(['a', 'b', '<stop>', 'c']);
    expect(s.valid).toEqual(['d', 'e', '<stop>']);
    expect(s.test).toEqual(['f', '<stop>']);
  });

  it('refuses a stream shorter than train + valid', () => {
    expect(() => splitTokens(tokens, 8, 2)).toThrow(/9 tokens, fewer than train 8 \+ validation 2/);
  });
});

describe('buildVocab', () => {
  // counts: x 3, y 2, z 1, <stop> 3
  const train = 'x y <stop> x z <stop> x y <stop>'.split(' ');

  it('keeps words with count >= minCount, plus <unk>', () => {
    expect(countWords(train).get('x')).toBe(3);
    expect(buildVocab(train, 1)).toEqual(['<stop>', '<unk>', 'x', 'y', 'z']);
    expect(buildVocab(train, 2)).toEqual(['<stop>', '<unk>', 'x', 'y']);
    expect(buildVocab(train, 3)).toEqual(['<stop>', '<unk>', 'x']);
    expect(buildVocab(train, 4)).toEqual(['<unk>']);
  });

  it('sorts in plain code-unit order (not locale order)', () => {
    const words = ['b', 'B', 'a', "''", '``', '1/2', 'é', 'Z', 'z'];
    const vocab = buildVocab(words, 1);
    expect(vocab).toEqual(["''", '1/2', '<unk>', 'B', 'Z', '``', 'a', 'b', 'z', 'é']);
    for (let i = 1; i < vocab.length; i++) expect(vocab[i - 1] < vocab[i]).toBe(true);
    expect(codeUnitOrder('Z', 'a')).toBe(-1);
  });

  it('rejects a minCount that is not a positive integer', () => {
    expect(() => buildVocab(train, 0)).toThrow(/positive integer/);
    expect(() => buildVocab(train, 1.5)).toThrow(/positive integer/);
  });
});

describe('mapUnknown', () => {
  it('maps words outside the vocabulary to <unk>', () => {
    expect(mapUnknown(['x', 'q', '<stop>'], ['<stop>', '<unk>', 'x'])).toEqual(['x', '<unk>', '<stop>']);
  });
});
