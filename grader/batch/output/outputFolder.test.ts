/** The output folder: a batch resumes its own, refuses another's, locks out a second writer, and installs results whole. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BatchManifest } from '../types';
import { manifestDifferences, openOutput } from './outputFolder';

const MANIFEST: BatchManifest = {
  tool: 'rnn-lab batch',
  input: '/class',
  fingerprint: { config: 'c'.repeat(64), suites: 's'.repeat(64), seed: 0 },
  shard: null,
  createdAt: '2025-01-01T00:00:00Z',
};
let dir: string;

beforeEach(() => {
  dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-outdir-')), 'out');
});
afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

describe('openOutput', () => {
  it('creates a new folder, resumes the same batch, refuses another one unless forced', () => {
    const first = openOutput(dir, MANIFEST);
    expect(first).toMatchObject({ ok: true, resumed: false });
    if (first.ok) first.out.close();
    const again = openOutput(dir, { ...MANIFEST, createdAt: 'later' });
    expect(again).toMatchObject({ ok: true, resumed: true });
    if (again.ok) again.out.close();
    const other = openOutput(dir, { ...MANIFEST, shard: { index: 1, count: 2 } });
    expect(other).toEqual({ ok: false, error: expect.stringMatching(/holds the results of another batch: shard all \(now 1\/2\)/) });
    expect(fs.readdirSync(dir)).toEqual(['batch.json']);
    const forced = openOutput(dir, { ...MANIFEST, shard: { index: 1, count: 2 } }, { force: true });
    expect(forced).toMatchObject({ ok: true, resumed: false });
    if (forced.ok) forced.out.close();
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'batch.json'), 'utf8')).shard).toEqual({ index: 1, count: 2 });
  });

  it('a second writer is locked out while the first holds the folder; a lock left by a dead process is taken over', () => {
    const first = openOutput(dir, MANIFEST);
    expect(first.ok).toBe(true);
    expect(openOutput(dir, MANIFEST)).toEqual({
      ok: false,
      error: expect.stringMatching(new RegExp(`another batch \\(pid ${process.pid} on .*\\) is writing into`)),
    });
    if (first.ok) first.out.close();
    fs.writeFileSync(path.join(dir, '.batch.lock'), JSON.stringify({ pid: 2 ** 22 + 1, host: os.hostname() }));
    const taken = openOutput(dir, MANIFEST);
    expect(taken.ok).toBe(true);
    if (taken.ok) taken.out.close();
    expect(fs.existsSync(path.join(dir, '.batch.lock'))).toBe(false);
  });

  it('install puts a finished result in place of the old one; unfinished work is cleared on the next open', () => {
    const opened = openOutput(dir, MANIFEST);
    if (!opened.ok) throw new Error(opened.error);
    const out = opened.out;
    const put = (text: string) => {
      const work = out.workDir('alice');
      fs.writeFileSync(path.join(work, 'entry.json'), text);
      out.install('alice', work);
    };
    put('{"v":1}');
    put('{"v":2}');
    expect(out.readEntry('alice')).toEqual({ v: 2 });
    fs.writeFileSync(path.join(out.workDir('bob'), 'results.json'), 'half');
    out.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['batch.json', 'submissions']);
    expect(fs.readdirSync(path.join(dir, 'submissions'))).toEqual(['alice']);
  });
});

describe('manifestDifferences', () => {
  it('names each difference', () => {
    expect(
      manifestDifferences(MANIFEST, {
        ...MANIFEST,
        input: '/other',
        fingerprint: { ...MANIFEST.fingerprint, suites: 't'.repeat(64), seed: 3 },
      }),
    ).toEqual(['input /class (now /other)', 'suites hash ssssssssssss (now tttttttttttt)', 'seed 0 (now 3)']);
  });
});
