import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../corpus/layout';
import { LAB_FILES, STUDENT_FILES } from '../../lab';
import { stageSubmission, type StageOptions, type StageResult } from './stageSubmission';
import { labSource, Sandbox, writeTree } from './testing';

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.cleanup());

/** Stages `input` and checks the invariants every case shares: nothing written outside scratch, nothing at all on rejection. */
async function stage(input: string, opts?: StageOptions): Promise<StageResult> {
  sb.mark();
  const result = await stageSubmission(input, sb.scratch, opts);
  expect(sb.changesOutsideScratch()).toEqual([]);
  if (!result.ok) expect(sb.scratchContents()).toEqual([]);
  return result;
}

function tree(names: readonly string[], prefix = ''): Record<string, string> {
  return Object.fromEntries(names.map((n) => [prefix + n, labSource(n)]));
}

function okResult(r: StageResult): Extract<StageResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got: ${r.messages.join(' | ')}`);
  return r;
}

describe('stageSubmission on folders', () => {
  it('stages a complete flat submission as is, without messages', async () => {
    const input = writeTree(sb.path('flat'), tree(LAB_FILES));
    const r = okResult(await stage(input));
    expect(r.dir).toBe(path.join(sb.scratch, 'submission'));
    expect(r.files).toEqual([...LAB_FILES].sort());
    expect(r.providedFromStencil).toEqual([]);
    expect(r.messages).toEqual([]);
    expect(fs.readFileSync(path.join(r.dir, 'rnn.ts'), 'utf8')).toBe(labSource('rnn.ts'));
    // The student's own helpers win over the stencil's.
    expect(fs.readFileSync(path.join(r.dir, 'init.ts'), 'utf8')).toBe(labSource('init.ts'));
  });

  it('supplies the stencil copies of random.ts and init.ts when they are missing', async () => {
    const input = writeTree(sb.path('noHelpers'), tree(STUDENT_FILES));
    const r = okResult(await stage(input));
    expect(r.providedFromStencil).toEqual(['random.ts', 'init.ts']);
    expect(r.files).toEqual([...STUDENT_FILES].sort());
    expect(r.messages).toEqual([
      'random.ts and init.ts were not in your submission (or could not be graded); the provided copies are used.',
    ]);
    for (const f of ['random.ts', 'init.ts']) {
      expect(fs.readFileSync(path.join(r.dir, f), 'utf8')).toBe(fs.readFileSync(path.join(projectRoot(), 'stencil', 'src', f), 'utf8'));
    }
  });

  it('rejects a path that does not exist', async () => {
    const r = await stage(sb.path('nope'));
    expect(r).toEqual({ ok: false, messages: [`The submission "${sb.path('nope')}" does not exist.`] });
  });

  it('rejects an empty folder', async () => {
    fs.mkdirSync(sb.path('empty'), { recursive: true });
    expect(await stage(sb.path('empty'))).toEqual({ ok: false, messages: ['Your submission folder is empty.'] });
  });

  it('rejects a folder without lab files, naming the expected files and what it found', async () => {
    const input = writeTree(sb.path('wrong'), { 'README.md': '#', 'main.py': 'print(1)', 'hw/notes.ts': '' });
    const r = await stage(input);
    expect(r.ok).toBe(false);
    expect(r.messages).toEqual([
      'No lab files were found in your submission folder. Expected data.ts, ngram.ts, rnn.ts, kerasRnn.ts, loss.ts, train.ts and generate.ts, at its top or in a folder inside it; found README.md, main.py and hw/notes.ts.',
    ]);
  });

  it.each([
    ['hw4/', 'hw4'],
    ['submission/src/', 'submission/src'],
  ])('flattens a submission nested in %s and says so', async (prefix, root) => {
    const input = writeTree(sb.path('nested'), { ...tree(LAB_FILES, prefix), 'README.md': 'x' });
    const r = okResult(await stage(input));
    expect(r.files).toEqual([...LAB_FILES].sort());
    expect(fs.existsSync(path.join(r.dir, 'rnn.ts'))).toBe(true);
    expect(r.messages[0]).toBe(`Your lab files were found in "${root}/" and are graded from there.`);
    expect(r.messages[1]).toBe(`Not graded (only the .ts files of the lab folder are): README.md (not a .ts file).`);
  });

  it('prefers the folder with the most lab files and says which others were ignored', async () => {
    const input = writeTree(sb.path('two'), { ...tree(LAB_FILES, 'src/'), ...tree(['rnn.ts'], 'old/') });
    const r = okResult(await stage(input));
    expect(r.messages).toContain('Lab files in "old/" were ignored; only those in "src/" are graded.');
    expect(r.messages.join('\n')).toContain('old/rnn.ts (outside src/, the folder with your lab files)');
  });

  it('does not look deeper than the nesting cap', async () => {
    const input = writeTree(sb.path('deep'), tree(STUDENT_FILES, 'a/b/c/d/'));
    const r = await stage(input);
    expect(r.ok).toBe(false);
    expect(r.messages[0]).toMatch(/^No lab files were found/);
  });

  it('copies only .ts sources and lists what it ignored, capped', async () => {
    const junk: Record<string, string> = {
      'node_modules/pkg/index.ts': 'x',
      'rnn.test.ts': 'x',
      'types.d.ts': 'x',
      '.hidden.ts': 'x',
      '.git/config': 'x',
      'notes.md': 'x',
      'helper.ts': 'export const h = 1;\n',
    };
    for (let i = 0; i < 12; i++) junk[`out${String(i).padStart(2, '0')}.js`] = 'x';
    const input = writeTree(sb.path('junk'), { ...tree(LAB_FILES), ...junk });
    const r = okResult(await stage(input));
    expect(r.files).toEqual([...LAB_FILES, 'helper.ts'].sort());
    expect(fs.readdirSync(r.dir).sort()).toEqual(r.files);
    const ignored = r.messages.find((m) => m.startsWith('Not graded'));
    expect(ignored).toBe(
      'Not graded (only the .ts files of the lab folder are): .git/ (folder not looked into), node_modules/ (folder not looked into), ' +
        '.hidden.ts (hidden file), notes.md (not a .ts file), out00.js (not a .ts file), out01.js (not a .ts file), out02.js (not a .ts file), ' +
        'out03.js (not a .ts file), out04.js (not a .ts file), out05.js (not a .ts file) and 8 more.',
    );
  });

  it('rejects a 50 MB file on its own and grades the rest', async () => {
    const input = writeTree(sb.path('big'), tree(LAB_FILES));
    fs.writeFileSync(path.join(input, 'data.ts'), Buffer.alloc(50 * 1024 * 1024, 0x20));
    const r = okResult(await stage(input));
    expect(r.files).toEqual(LAB_FILES.filter((f) => f !== 'data.ts').sort());
    expect(r.messages).toEqual([
      '"data.ts" is 50 MB, more than the 1 MB allowed for one file; it was not graded, so the tests that need it will fail.',
    ]);
    expect(fs.existsSync(path.join(r.dir, 'data.ts'))).toBe(false);
  });

  it('rejects binary, UTF-16 and non-UTF-8 files on their own, with how to fix them', async () => {
    const input = writeTree(sb.path('enc'), {
      ...tree(LAB_FILES),
      'rnn.ts': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]),
      'loss.ts': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('export {}', 'utf16le')]),
      'train.ts': Buffer.concat([Buffer.from('// ok\n// caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
      'random.ts': Buffer.from([0x00, 0x01]),
    });
    const r = okResult(await stage(input));
    expect(r.files).toEqual(['data.ts', 'generate.ts', 'init.ts', 'kerasRnn.ts', 'ngram.ts']);
    expect(r.providedFromStencil).toEqual(['random.ts']);
    expect(r.messages).toEqual([
      '"loss.ts" is saved as UTF-16 text; save it as UTF-8 and resubmit. Until then it was not graded, so the tests that need it will fail.',
      '"random.ts" contains NUL bytes, so it looks like a binary file rather than TypeScript source; it was not graded, so the tests that need it will fail.',
      '"rnn.ts" contains NUL bytes, so it looks like a binary file rather than TypeScript source; it was not graded, so the tests that need it will fail.',
      '"train.ts" is not valid UTF-8 text (first bad character on line 2); save it as UTF-8 and resubmit. Until then it was not graded, so the tests that need it will fail.',
      'random.ts was not in your submission (or could not be graded); the provided copy is used.',
    ]);
  });

  it('fails when every lab file is rejected', async () => {
    const input = writeTree(sb.path('allBad'), { 'rnn.ts': Buffer.from([0, 0, 0]) });
    const r = await stage(input);
    expect(r.ok).toBe(false);
    expect(r.messages[r.messages.length - 1]).toBe('None of the lab files could be graded.');
  });

  it('does not follow symbolic links to files or folders', async () => {
    const input = writeTree(sb.path('links'), tree(LAB_FILES.filter((f) => f !== 'rnn.ts')));
    fs.symlinkSync(path.join(sb.canary, 'keep.txt'), path.join(input, 'rnn.ts'));
    writeTree(sb.canary, { 'secret.ts': 'export const s = 1;' });
    fs.symlinkSync(sb.canary, path.join(input, 'lib'));
    const r = okResult(await stage(input));
    expect(r.files).not.toContain('rnn.ts');
    expect(r.files.some((f) => f.startsWith('lib'))).toBe(false);
    expect(r.messages).toContain(
      'Not graded (only the .ts files of the lab folder are): lib (symbolic link, not followed) and rnn.ts (symbolic link, not followed).',
    );
    expect(r.messages).toContain('Missing: rnn.ts. The tests that need it will fail; the others still run.');
  });

  it('renames a lab file whose name differs only in case', async () => {
    const files = tree(LAB_FILES.filter((f) => f !== 'kerasRnn.ts'));
    const input = writeTree(sb.path('case'), { ...files, 'KerasRNN.ts': labSource('k') });
    const r = okResult(await stage(input));
    expect(r.files).toContain('kerasRnn.ts');
    expect(r.messages).toEqual(['"KerasRNN.ts" was renamed to "kerasRnn.ts": file names are case-sensitive on the grader.']);
  });

  it('rejects a file that is neither a folder nor a zip', async () => {
    const input = sb.path('hw.zip');
    writeTree(path.dirname(input), { 'hw.zip': 'Rar!\x1a\x07 not a zip', 'rnn.ts': 'x' });
    expect(await stage(input)).toEqual({
      ok: false,
      messages: [
        'The submission "hw.zip" is named .zip but is not a zip file (it may be damaged, or another format such as .rar or .7z); submit your .ts files, or one .zip of them.',
      ],
    });
    expect((await stage(sb.path('rnn.ts'))).messages).toEqual([
      'The submission "rnn.ts" is neither a folder nor a zip file; submit your .ts files, or one .zip of them.',
    ]);
  });

  it('does not walk into the scratch folder when it lies inside the submission', async () => {
    const input = writeTree(sb.path('selfnest'), tree(LAB_FILES));
    const scratch = path.join(input, 'scratch');
    fs.mkdirSync(scratch);
    const r = okResult(await stageSubmission(input, scratch));
    expect(r.files).toEqual([...LAB_FILES].sort());
    expect(r.messages).toEqual([]);
  });
});
