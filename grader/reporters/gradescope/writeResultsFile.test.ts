import { promises as fsp } from 'node:fs'; // the very object 'node:fs/promises' exports
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { sampleRun } from '../shared/testing';
import { failureResults } from './failureResults';
import { validateGradescopeResults } from './gradescopeSchema';
import { toGradescopeResults } from './toGradescope';
import { InvalidResultsError, writeResultsFile } from './writeResultsFile';

describe('writeResultsFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rnn-lab-results-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes valid JSON into a new folder, replacing an old file and leaving no temp file', async () => {
    const path = join(dir, 'results', 'results.json');
    await writeResultsFile(path, failureResults('first'));
    const results = toGradescopeResults(sampleRun(), { stdoutVisibility: 'hidden' });
    await writeResultsFile(path, results);
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    expect(parsed).toEqual(results);
    expect(validateGradescopeResults(parsed)).toEqual({ ok: true });
    expect(await readdir(join(dir, 'results'))).toEqual(['results.json']);
  });

  it('refuses to write invalid results (a bug of ours) and leaves the old file alone', async () => {
    const path = join(dir, 'results.json');
    await writeFile(path, 'old');
    const bad = failureResults('x');
    bad.score = Number.NaN; // JSON would write null
    await expect(writeResultsFile(path, bad)).rejects.toThrow(InvalidResultsError);
    await expect(writeResultsFile(path, bad)).rejects.toThrow(/\/score: must be number/);
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['results.json']);
  });

  it('writes a complete temp file beside the target, then renames it over the target', async () => {
    const path = join(dir, 'results.json');
    await writeFile(path, 'old');
    const seen: { from: string; to: string; fromText: string; toText: string }[] = [];
    const realRename = fsp.rename;
    const spy = jest.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
      seen.push({ from: String(from), to: String(to), fromText: await readFile(from, 'utf8'), toText: await readFile(to, 'utf8') });
      return realRename(from, to);
    });
    try {
      await writeResultsFile(path, failureResults('atomic'));
    } finally {
      spy.mockRestore();
    }
    expect(seen).toHaveLength(1);
    expect(seen[0].to).toBe(path);
    expect(dirname(seen[0].from)).toBe(dir); // same folder, so the rename is atomic
    expect(seen[0].toText).toBe('old'); // the target was untouched until the rename
    expect(JSON.parse(seen[0].fromText)).toEqual(failureResults('atomic'));
  });

  it('removes its temp file when the rename fails', async () => {
    const path = join(dir, 'taken');
    await writeFile(path + '.keep', '');
    // A non-empty directory at the target path makes rename fail.
    await mkdir(path);
    await writeFile(join(path, 'f'), '');
    await expect(writeResultsFile(path, failureResults('x'))).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['taken', 'taken.keep']);
  });
});
