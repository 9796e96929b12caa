import { countBaselines } from './countBaselines';

describe('countBaselines', () => {
  it('gives the closed-form unigram perplexity of a uniform text', () => {
    // V = 4, every id equally often: add-one leaves the unigram uniform, so its perplexity is V.
    const train = Int32Array.from({ length: 400 }, (_, i) => i % 4);
    const held = Int32Array.from([0, 1, 2, 3, 0, 1, 2, 3]);
    expect(countBaselines(train, held, 4).unigram).toBeCloseTo(4, 10);
  });

  it('lets the bigram beat the unigram on text whose next token follows from the last', () => {
    const train = Int32Array.from({ length: 400 }, (_, i) => i % 4);
    const held = Int32Array.from([0, 1, 2, 3]);
    const b = countBaselines(train, held, 4);
    expect(b.tokens).toBe(3);
    // 0, 1 and 2 are each followed 100 times, always by their successor: p(next | prev) is
    // (100 - 0.75) / 100 plus the discounted mass 0.75 / 100 spread by the (uniform) unigram.
    expect(b.bigram).toBeCloseTo(1 / ((100 - 0.75) / 100 + 0.0075 * 0.25), 6);
    expect(b.bigram).toBeLessThan(b.unigram);
  });

  it('keeps unseen events possible (finite perplexity)', () => {
    const train = Int32Array.from([0, 0, 0, 1]);
    const held = Int32Array.from([1, 2, 2]);
    const b = countBaselines(train, held, 3);
    expect(Number.isFinite(b.unigram) && Number.isFinite(b.bigram)).toBe(true);
  });
});
