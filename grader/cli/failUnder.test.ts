/** `--fail-under N` of check and grade: exit 1 below N points, after every report is written; 0 at or above; 2 for a value that is no score. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/rnn-lab.js');
let dir: string;

function run(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, RNN_LAB_BACKEND: 'cpu' },
  });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-fail-under-'));
  fs.mkdirSync(path.join(dir, 'empty'));
  fs.writeFileSync(path.join(dir, 'empty', 'notes.txt'), 'no lab files here');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('--fail-under', () => {
  it('check: exits 1 below the score, after writing results.json and the reports', () => {
    const out = path.join(dir, 'check-below');
    const r = run('check', 'stencil/src', '--out', out, '--format', 'json,md', '--fail-under', '1');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('rnn-lab: the score 0 of 22 is below --fail-under 1');
    expect(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')).score).toBe(0);
    expect(fs.existsSync(path.join(out, 'report.md'))).toBe(true);
  });

  it('check: exits 0 at the score', () => {
    expect(run('check', 'stencil/src', '--out', path.join(dir, 'check-at'), '--fail-under', '0').status).toBe(0);
  });

  it('grade: exits 1 below the score (a submission with no lab file scores 0)', () => {
    const r = run('grade', path.join(dir, 'empty'), '--out', path.join(dir, 'grade-below'), '--fail-under', '0.5');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('rnn-lab: the score 0 of 61 is below --fail-under 0.5');
    expect(fs.existsSync(path.join(dir, 'grade-below', 'results.json'))).toBe(true);
  });

  it('a value that is no score is a usage error (exit 2), and results.json says so', () => {
    const r = run('check', 'stencil/src', '--out', path.join(dir, 'check-bad'), '--fail-under', 'lots');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--fail-under NaN is not a score/);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'check-bad', 'results.json'), 'utf8')).score).toBe(0);
  });
});
