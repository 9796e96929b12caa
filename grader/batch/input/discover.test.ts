/** Finding a class's submissions: plain folders and zips, Gradescope's export (names from its metadata), a class zip, and what is reported instead of graded. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strToU8, zipSync } from 'fflate';
import { discoverSubmissions, keyFor } from './discover';
import { extractClassZip } from './extractClassZip';
import { openInput } from './openInput';

let dir: string;
const mk = (rel: string, text = 'export {};\n') => {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-discover-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('discoverSubmissions', () => {
  it('one submission per folder or .zip; loose files, pipes and dangling links are reported, never dropped', () => {
    mk('alice/rnn.ts');
    mk('Bob Smith.zip', 'PK');
    mk('alice.zip', 'PK');
    mk('README.md', '# notes');
    mk('loose.ts');
    mk('.DS_Store', '');
    fs.symlinkSync(path.join(dir, 'gone'), path.join(dir, 'carol.zip'));
    execFileSync('mkfifo', [path.join(dir, 'dave.zip')]);
    const d = discoverSubmissions(dir);
    expect(d.layout).toBe('folders');
    expect(d.submissions.map((s) => [s.key, s.id, s.unusable ?? null])).toEqual([
      ['Bob_Smith.zip', 'Bob Smith', null],
      ['alice', 'alice', null],
      ['alice.zip', 'alice', null],
      ['carol.zip', 'carol', 'carol.zip a link to something that cannot be read (ENOENT)'],
      ['dave.zip', 'dave', 'dave.zip not a regular file (a pipe, socket or device)'],
    ]);
    expect(d.problems.map((p) => [p.kind, p.message])).toEqual([
      ['ignored-file', 'README.md was not graded: neither a folder nor a .zip'],
      [
        'ignored-file',
        '1 loose .ts file at the top of the input (loose.ts) was not graded: each submission must be a folder or a .zip of its own (to grade one submission, use rnn-lab grade)',
      ],
      ['duplicate-id', 'student "alice" has 2 submissions (alice, alice.zip): each is graded and has its own row; keep one by hand'],
    ]);
  });

  it("Gradescope's export, inside its top folder: ids, names and emails from the metadata; a student in two submissions and metadata without a folder are problems", () => {
    mk(
      'assignment_42_export/submission_metadata.yml',
      `submission_1:\n  :submitters:\n  - :name: Ada\n    :sid: '7'\n    :email: ada@x.edu\nsubmission_2:\n  :submitters:\n  - :name: Ada\n    :sid: '7'\nsubmission_3:\n  :submitters:\n  - :name: Alan\n`,
    );
    mk('assignment_42_export/submission_1/rnn.ts');
    mk('assignment_42_export/submission_2/hw/rnn.ts');
    mk('assignment_42_export/submission_9/rnn.ts');
    const d = discoverSubmissions(dir);
    expect(d.layout).toBe('gradescope');
    expect(d.root).toBe(path.join(dir, 'assignment_42_export'));
    expect(d.submissions.map((s) => [s.key, s.id, s.students])).toEqual([
      ['submission_1', '1', [{ name: 'Ada', sid: '7', email: 'ada@x.edu' }]],
      ['submission_2', '2', [{ name: 'Ada', sid: '7' }]],
      ['submission_9', 'submission_9', []],
    ]);
    expect(d.problems.map((p) => p.message)).toEqual([
      'submission_9 is not in submission_metadata.yml: graded without names and emails',
      'submission_metadata.yml lists submission_3, which is not in the export: nothing to grade for it',
      'student 7 Ada <ada@x.edu> has 2 submissions (submission_1, submission_2): each is graded and has its own row; keep one by hand',
    ]);
  });

  it('a single submission given as the class: one problem naming its files, and nothing to grade', () => {
    for (const f of ['data.ts', 'ngram.ts', 'rnn.ts', 'loss.ts', 'train.ts', 'generate.ts']) mk(f);
    const d = discoverSubmissions(dir, 'alice/');
    expect(d.problems.map((p) => p.message)).toEqual([
      'alice/ holds no submission (no folder or .zip file to grade)',
      '6 loose .ts files at the top of the input (data.ts, generate.ts, loss.ts, ngram.ts and 2 more) were not graded: each submission must be a folder or a .zip of its own (to grade one submission, use rnn-lab grade)',
    ]);
  });

  it('an empty folder is a problem, not an error', () => {
    const d = discoverSubmissions(dir, 'class/');
    expect(d.submissions).toEqual([]);
    expect(d.problems).toEqual([
      { kind: 'empty-input', keys: [], message: 'class/ holds no submission (no folder or .zip file to grade)' },
    ]);
  });

  it('keys are safe folder names, unique, and the same for the same names', () => {
    const taken = new Set<string>();
    expect(['../x', 'a b', 'a_b', 'é.zip', ''].map((n) => keyFor(n, taken))).toEqual(['__x', 'a_b', 'a_b-2', '_.zip', '_']);
  });
});

describe('a class zip', () => {
  it('is unpacked (student zips stay zips) and discovered like a folder', () => {
    const inner = zipSync({ 'rnn.ts': strToU8('export {};\n') });
    const zip = path.join(dir, 'class.zip');
    fs.writeFileSync(
      zip,
      zipSync({
        'export/submission_metadata.yml': strToU8('submission_5:\n  :submitters:\n  - :name: Ada\n'),
        'export/submission_5/lab.zip': inner,
        'export/submission_6/rnn.ts': strToU8('x'),
      }),
    );
    const input = openInput(zip);
    try {
      expect(input.kind).toBe('zip');
      expect(input.discovery.layout).toBe('gradescope');
      expect(input.discovery.submissions.map((s) => [s.key, s.students])).toEqual([
        ['submission_5', [{ name: 'Ada' }]],
        ['submission_6', []],
      ]);
      expect(fs.readFileSync(path.join(input.discovery.root, 'submission_5', 'lab.zip'))).toEqual(Buffer.from(inner));
    } finally {
      input.close();
    }
    expect(fs.existsSync(input.discovery.root)).toBe(false);
  });

  it('refuses an entry that climbs out of its folder, and a file that is not a zip', () => {
    const zip = path.join(dir, 'evil.zip');
    fs.writeFileSync(zip, zipSync({ 'ok/rnn.ts': strToU8('x'), '../evil.ts': strToU8('x') }));
    const r = extractClassZip(zip, path.join(dir, 'out'));
    expect(r).toEqual({ ok: false, error: 'evil.zip: the entry "../evil.ts" climbs out of its folder with ".."; nothing was graded' });
    expect(fs.existsSync(path.join(dir, 'evil.ts'))).toBe(false);
    fs.writeFileSync(path.join(dir, 'fake.zip'), 'not a zip at all, just text that is long enough');
    expect(() => openInput(path.join(dir, 'fake.zip'))).toThrow(/could not be unpacked: fake\.zip: The zip file is damaged/);
  });
});
