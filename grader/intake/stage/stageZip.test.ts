import * as fs from 'fs';
import * as path from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.spyOn needs the module object itself; a namespace import is a frozen copy
import zlib = require('zlib');
import { zipSync, type ZipOptions, type Zippable } from 'fflate';
import { projectRoot } from '../../corpus/layout';
import { LAB_FILES, STUDENT_FILES } from '../../lab';
import { stageSubmission, type StageOptions, type StageResult } from './stageSubmission';
import { buildZip, labSource, predeflate, Sandbox, type ZipSpec } from './testing';
import { readZipDirectory, type ZipEntry } from './zipReader';

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.cleanup());

function writeZip(name: string, entries: readonly ZipSpec[] | Buffer): string {
  const file = sb.path(name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.isBuffer(entries) ? entries : buildZip(entries));
  return file;
}

async function stage(input: string, opts?: StageOptions): Promise<StageResult> {
  sb.mark();
  const result = await stageSubmission(input, sb.scratch, opts);
  expect(sb.changesOutsideScratch()).toEqual([]);
  if (!result.ok) expect(sb.scratchContents()).toEqual([]);
  return result;
}

const labEntries = (names: readonly string[], prefix = ''): ZipSpec[] => names.map((n) => ({ name: prefix + n, data: labSource(n) }));

function okResult(r: StageResult): Extract<StageResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got: ${r.messages.join(' | ')}`);
  return r;
}

const REZIP = 'For safety the whole zip was rejected; zip your .ts files again from inside the folder that holds them.';

describe('stageSubmission on zips', () => {
  it('stages a flat zip, recognised by its bytes rather than its name', async () => {
    const file = writeZip('upload', [...labEntries(LAB_FILES), { name: 'rnn.test.ts', data: 'x', method: 'store' }]);
    const r = okResult(await stage(file));
    expect(r.files).toEqual([...LAB_FILES].sort());
    expect(fs.readFileSync(path.join(r.dir, 'train.ts'), 'utf8')).toBe(labSource('train.ts'));
    expect(r.messages).toEqual(['Not graded (only the .ts files of the lab folder are): rnn.test.ts (test file).']);
  });

  it('flattens a nested zip and ignores macOS metadata', async () => {
    const file = writeZip('nested.zip', [
      { name: 'hw4/' },
      { name: 'hw4/src/' },
      ...labEntries(STUDENT_FILES, 'hw4/src/'),
      { name: '__MACOSX/hw4/src/._rnn.ts', data: Buffer.from([0, 5, 22, 7]) },
    ]);
    const r = okResult(await stage(file));
    expect(r.files).toEqual([...STUDENT_FILES].sort());
    expect(r.providedFromStencil).toEqual(['random.ts', 'init.ts']);
    expect(fs.readdirSync(r.dir).sort()).toEqual([...LAB_FILES].sort());
    expect(r.messages).toEqual([
      'Your lab files were found in "hw4/src/" and are graded from there.',
      'Not graded (only the .ts files of the lab folder are): __MACOSX/hw4/src/._rnn.ts (inside __MACOSX/).',
      'random.ts and init.ts were not in your submission (or could not be graded); the provided copies are used.',
    ]);
  });

  it.each([
    ['../evil.ts', 'climbs out of its folder with ".."'],
    ['../canary/keep.txt', 'climbs out of its folder with ".."'],
    ['hw4/../../evil.ts', 'climbs out of its folder with ".."'],
    ['..\\evil.ts', 'climbs out of its folder with ".."'],
    ['/tmp/evil.ts', 'is an absolute path'],
    ['C:\\Users\\evil.ts', 'starts with a drive letter'],
    ['c:evil.ts', 'starts with a drive letter'],
  ])('rejects the whole zip for the entry %s', async (bad, why) => {
    const file = writeZip('slip.zip', [...labEntries(LAB_FILES), { name: bad, data: 'pwned' }]);
    expect(await stage(file)).toEqual({ ok: false, messages: [`The zip contains the entry "${bad}", which ${why}. ${REZIP}`] });
    expect(fs.readFileSync(path.join(sb.canary, 'keep.txt'), 'utf8')).toBe('canary');
  });

  it('rejects the whole zip for a symbolic link entry', async () => {
    const file = writeZip('link.zip', [
      ...labEntries(STUDENT_FILES),
      { name: 'init.ts', data: '/etc/passwd', symlink: true, method: 'store' },
    ]);
    expect(await stage(file)).toEqual({
      ok: false,
      messages: [`The zip contains "init.ts", a symbolic link; links are not allowed in a submission. ${REZIP}`],
    });
  });

  describe('zip bombs', () => {
    // 100 MB of zeros deflates to about 100 KB; built once for these tests.
    let bomb: ReturnType<typeof predeflate>;
    let inflate: jest.SpyInstance;
    const others = labEntries(STUDENT_FILES.filter((f) => f !== 'data.ts'));
    beforeAll(() => {
      bomb = predeflate(Buffer.alloc(100 * 1024 * 1024));
    });
    beforeEach(() => {
      inflate = jest.spyOn(zlib, 'inflateRawSync');
    });
    afterEach(() => inflate.mockRestore());

    it('rejects 100 MB of zeros by its ratio, before inflating anything', async () => {
      const r = await stage(writeZip('bomb.zip', [...others, { name: 'data.ts', deflated: bomb }]));
      expect(r.ok).toBe(false);
      expect(r.messages[0]).toMatch(
        /^The zip entry "data\.ts" expands \d+ times \(\d+ KB to 100 MB\), the mark of a zip bomb; the zip was not unpacked\.$/,
      );
      expect(inflate).not.toHaveBeenCalled();
    });

    it('stops inflating one byte past the size a lying header declares', async () => {
      // 200,000 bytes declared: under every cap, and plausible for ~100 KB of deflated data.
      const liar = writeZip('liar.zip', [...others, { name: 'data.ts', deflated: bomb, declaredSize: 200_000 }]);
      expect(await stage(liar)).toEqual({
        ok: false,
        messages: [
          'The zip entry "data.ts" unpacks to more than the 200000 bytes it declares: the zip is damaged or a zip bomb, and was not unpacked.',
        ],
      });
      const bombCalls = inflate.mock.calls.filter(([raw]) => (raw as Buffer).length === bomb.data.length);
      expect(bombCalls).toHaveLength(1);
      expect(bombCalls[0]![1]).toEqual({ maxOutputLength: 200_001 });
    });

    it('rejects a header that declares less than its deflated data could hold, before inflating it', async () => {
      const tiny = writeZip('tiny.zip', [...others, { name: 'data.ts', deflated: bomb, declaredSize: 1000 }]);
      expect((await stage(tiny)).messages).toEqual(['The zip file is damaged or incomplete; create it again and resubmit.']);
      expect(inflate.mock.calls.some(([raw]) => (raw as Buffer).length === bomb.data.length)).toBe(false);
    });
  });

  it('rejects a zip that unpacks to more than the total cap', async () => {
    const big = Buffer.alloc(3000, 0x61);
    const file = writeZip('big.zip', [...labEntries(STUDENT_FILES), { name: 'corpus.txt', data: big, method: 'store' }]);
    expect(await stage(file, { limits: { maxTotalBytes: 2000 } })).toEqual({
      ok: false,
      messages: ['The zip unpacks to 3.2 KB, more than the 2 KB allowed for a submission; zip only your .ts files.'],
    });
  });

  it('rejects a zip with more entries than the cap before reading them', async () => {
    const entries: ZipSpec[] = labEntries(LAB_FILES);
    for (let i = entries.length; i <= 2000; i++) entries.push({ name: `f${i}.txt`, method: 'store' });
    const file = writeZip('many.zip', entries);
    expect(await stage(file)).toEqual({ ok: false, messages: ['The zip has 2001 entries; the limit is 2000. Zip only your .ts files.'] });
  });

  it('rejects an oversized .ts entry on its own without inflating it', async () => {
    // The entry's data is garbage: inflating it would reject the whole zip as damaged.
    const entries: ZipSpec[] = [
      ...labEntries(LAB_FILES.filter((f) => f !== 'rnn.ts')),
      { name: 'rnn.ts', deflated: { data: Buffer.alloc(4000, 0xee), size: 5000, crc: 1 } },
    ];
    const r = okResult(await stage(writeZip('fat.zip', entries), { limits: { maxFileBytes: 4096 } }));
    expect(r.files).not.toContain('rnn.ts');
    expect(r.messages).toEqual([
      '"rnn.ts" is 4.9 KB, more than the 4 KB allowed for one file; it was not graded, so the tests that need it will fail.',
    ]);
  });

  it('rejects a non-UTF-8 entry on its own', async () => {
    const entries: ZipSpec[] = [
      ...labEntries(LAB_FILES.filter((f) => f !== 'loss.ts')),
      { name: 'loss.ts', data: Buffer.from([0x2f, 0x2f, 0xc3, 0x28]) },
    ];
    const r = okResult(await stage(writeZip('enc.zip', entries)));
    expect(r.files).not.toContain('loss.ts');
    expect(r.messages).toEqual([
      '"loss.ts" is not valid UTF-8 text (first bad character on line 1); save it as UTF-8 and resubmit. Until then it was not graded, so the tests that need it will fail.',
    ]);
  });

  it('rejects duplicate entries', async () => {
    const file = writeZip('dup.zip', [...labEntries(LAB_FILES), { name: './rnn.ts', data: 'x' }]);
    expect((await stage(file)).messages).toEqual([`The zip contains "./rnn.ts" twice, so it is not clear which one to grade. ${REZIP}`]);
  });

  it('rejects empty, truncated and corrupted zips', async () => {
    const empty = writeZip('empty.zip', []);
    expect((await stage(empty)).messages).toEqual(['The submission "empty.zip" is empty.']);
    const onlyDirs = writeZip('dirs.zip', [{ name: 'hw4/' }]);
    expect((await stage(onlyDirs)).messages).toEqual(['Your submission zip is empty.']);

    const good = buildZip(labEntries(LAB_FILES));
    const damaged = 'The zip file is damaged or incomplete; create it again and resubmit.';
    expect((await stage(writeZip('cut.zip', good.subarray(0, good.length - 30)))).messages).toEqual([damaged]);
    const flipped = Buffer.from(good);
    flipped[40] = flipped[40]! ^ 0xff; // inside the first entry's data: CRC or inflate fails
    expect((await stage(writeZip('flip.zip', flipped))).messages).toEqual([damaged]);
  });

  it('says which files a zip without lab files should contain', async () => {
    const file = writeZip('wrong.zip', [{ name: 'hw4/main.py', data: 'print(1)' }]);
    expect((await stage(file)).messages).toEqual([
      'No lab files were found in your submission zip. Expected data.ts, ngram.ts, rnn.ts, kerasRnn.ts, loss.ts, train.ts and generate.ts, at its top or in a folder inside it; found hw4/main.py.',
    ]);
  });
});

// Zips as students' tools write them, rather than by buildZip: made by a zip library (fflate), and
// by Info-ZIP's zip (committed, remade by infozip/make.sh), so the tests need no zip command.
describe('zips made by zip tools', () => {
  const SOLUTION = path.join(projectRoot(), 'solution', 'src');
  const FILE = 0o100644;
  const DIR = 0o40755;
  const LINK = 0o120777;
  /** What a tool on Unix (host 3, mode in the high 16 bits) or on Windows (host 0, DOS attributes) writes into an entry. */
  const HOSTS = {
    unix: (mode: number): ZipOptions => ({ os: 3, attrs: ((mode << 16) | (mode === DIR ? 0x10 : 0)) >>> 0 }),
    windows: (mode: number): ZipOptions => ({ os: 0, attrs: mode === DIR ? 0x10 : 0x20 }),
  };

  /** Lists the entries of a zip file with the grader's own reader. */
  function entries(file: string): ZipEntry[] {
    const fd = fs.openSync(file, 'r');
    try {
      const dir = readZipDirectory(fd, fs.fstatSync(fd).size, 100);
      if (!dir.ok) throw new Error(dir.message);
      return dir.value;
    } finally {
      fs.closeSync(fd);
    }
  }

  it.each(Object.keys(HOSTS) as (keyof typeof HOSTS)[])(
    'stages a nested zip of the solution made by a zip library as on %s: folder entries, deflated and stored files',
    async (host) => {
      const attrs = HOSTS[host];
      // rnn.ts stored, the others deflated; hw4/ and hw4/src/ become folder entries
      const src: Zippable = Object.fromEntries(
        LAB_FILES.map((f) => [f, [fs.readFileSync(path.join(SOLUTION, f)), { ...attrs(FILE), level: f === 'rnn.ts' ? 0 : 6 }]]),
      );
      const file = writeZip(
        'hw4.zip',
        Buffer.from(zipSync({ hw4: [{ src: [src, attrs(DIR)] }, attrs(DIR)] }, { mtime: new Date(2026, 2, 2, 10) })),
      );
      const listed = entries(file);
      expect(listed.filter((e) => e.isDirectory).map((e) => e.name)).toEqual(['hw4/', 'hw4/src/']);
      expect(
        listed
          .filter((e) => !e.isDirectory)
          .map((e) => `${e.name} ${e.method}`)
          .sort(),
      ).toEqual(LAB_FILES.map((f) => `hw4/src/${f} ${f === 'rnn.ts' ? 0 : 8}`).sort());
      const r = okResult(await stage(file));
      expect(r.files).toEqual([...LAB_FILES].sort());
      for (const f of LAB_FILES) expect(fs.readFileSync(path.join(r.dir, f), 'utf8')).toBe(fs.readFileSync(path.join(SOLUTION, f), 'utf8'));
      expect(r.messages).toEqual(['Your lab files were found in "hw4/src/" and are graded from there.']);
    },
  );

  it('rejects a zip whose entry a zip library marked as a symbolic link', async () => {
    const file = writeZip(
      'l.zip',
      Buffer.from(
        zipSync({
          'rnn.ts': [Buffer.from('export {}\n'), HOSTS.unix(FILE)],
          'data.ts': [Buffer.from('/etc/passwd'), { ...HOSTS.unix(LINK), level: 0 }],
        }),
      ),
    );
    expect((await stage(file)).messages).toEqual([
      `The zip contains "data.ts", a symbolic link; links are not allowed in a submission. ${REZIP}`,
    ]);
  });

  // Info-ZIP's headers carry extra fields (times, uid/gid), 28 bytes in each local header and 24 in the central one.
  const infozip = (name: string): string => writeZip(name, fs.readFileSync(path.join(__dirname, 'infozip', name)));

  it('stages a nested zip made by Info-ZIP (zip -r hw4.zip hw4)', async () => {
    const file = infozip('nested.zip');
    expect(
      entries(file)
        .map((e) => `${e.name} ${e.method}`)
        .sort(),
    ).toEqual(['hw4/ 0', 'hw4/src/ 0', ...LAB_FILES.map((f) => `hw4/src/${f} 8`)].sort());
    const r = okResult(await stage(file));
    expect(r.files).toEqual([...LAB_FILES].sort());
    for (const f of LAB_FILES) expect(fs.readFileSync(path.join(r.dir, f), 'utf8')).toBe(labSource(f));
    expect(r.messages).toEqual(['Your lab files were found in "hw4/src/" and are graded from there.']);
  });

  it('rejects a zip in which Info-ZIP stored a symbolic link (zip -y)', async () => {
    expect((await stage(infozip('symlink.zip'))).messages).toEqual([
      `The zip contains "data.ts", a symbolic link; links are not allowed in a submission. ${REZIP}`,
    ]);
  });
});
