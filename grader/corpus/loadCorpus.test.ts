import { loadSplit, loadVocabWords } from './loadCorpus';

// The one test that uses the default locations: fixtures/corpora/build, built on first use by
// ensureCorpus and checked against the committed manifest.
describe('loadSplit / loadVocabWords (default build folder)', () => {
  it('loads the grading corpus: 300,000 + 30,000 tokens and its vocabulary', async () => {
    const [train, valid, vocab] = await Promise.all([
      loadSplit('grading', 'train'),
      loadSplit('grading', 'valid'),
      loadVocabWords('grading'),
    ]);
    expect(train).toHaveLength(300_000);
    expect(valid).toHaveLength(30_000);
    expect(train.slice(0, 3)).toEqual(['the', 'fulton', 'county']);
    expect(vocab).toContain('<unk>');
    expect(vocab).toContain('the');
    const known = new Set(vocab);
    const unknownShare = valid.filter((t) => !known.has(t)).length / valid.length;
    expect(unknownShare).toBeGreaterThan(0.02);
    expect(unknownShare).toBeLessThan(0.3);
  });
});
