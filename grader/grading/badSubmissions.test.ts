/**
 * Bad input to `rnn-lab grade`, end to end through the compiled CLI: each case gets a clear
 * message in results.json and on the terminal, the documented exit code, and nothing is written
 * outside the output folder.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildZip } from '../intake/stage/testing';
import { validateGradescopeResults } from '../reporters/gradescope/gradescopeSchema';

const root = path.resolve(__dirname, '../..');

function grade(submission: string, out: string, command = 'grade') {
  const run = spawnSync(process.execPath, [path.join(root, 'bin/rnn-lab.js'), command, submission, '--out', out], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
  return { status: run.status, output: run.stdout + run.stderr, results, text: JSON.stringify(results) };
}

describe('grade on bad submissions', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-bad-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a path that does not exist: exit 2, and results.json still says why', () => {
    const r = grade(path.join(dir, 'nope'), path.join(dir, 'out'));
    expect(r.status).toBe(2);
    expect(r.output).toMatch(/does not exist/);
    expect(r.text).toMatch(/does not exist/);
    expect(validateGradescopeResults(r.results)).toEqual({ ok: true });
  });

  it('an empty folder: graded (exit 0) with zero points, every test listed with the reason', () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    const r = grade(path.join(dir, 'empty'), path.join(dir, 'out'));
    expect(r.status).toBe(0);
    expect(r.results.score).toBe(0);
    expect(r.results.output).toMatch(/folder is empty/);
    expect(r.results.tests.length).toBeGreaterThan(20); // the maximum never shrinks
    expect(r.results.tests[0].output).toMatch(/folder is empty/);
    expect(validateGradescopeResults(r.results)).toEqual({ ok: true });
  });

  it('a zip with a ../ entry: refused, the entry named, nothing written outside', () => {
    const zip = path.join(dir, 'sub', 'hw.zip');
    fs.mkdirSync(path.dirname(zip));
    fs.writeFileSync(
      zip,
      buildZip([
        { name: 'rnn.ts', data: 'export {};' },
        { name: '../../escaped.ts', data: 'pwned' },
      ]),
    );
    const before = fs.readdirSync(dir).sort();
    const r = grade(zip, path.join(dir, 'out'));
    expect(r.status).toBe(0);
    expect(r.results.score).toBe(0);
    expect(r.text).toMatch(/escaped\.ts/);
    expect(fs.readdirSync(dir).sort()).toEqual([...before, 'out'].sort());
    expect(fs.existsSync(path.join(os.tmpdir(), 'escaped.ts'))).toBe(false);
  });

  it('a binary .ts file: only that file is refused (public checks)', () => {
    const sub = path.join(dir, 'hw');
    fs.mkdirSync(sub);
    for (const f of fs.readdirSync(path.join(root, 'solution/src'))) fs.copyFileSync(path.join(root, 'solution/src', f), path.join(sub, f));
    fs.writeFileSync(path.join(sub, 'loss.ts'), Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x01]));
    const r = grade(sub, path.join(dir, 'out'), 'check');
    expect(r.status).toBe(0);
    expect(r.results.output).toMatch(/loss\.ts/);
    const byName = (id: string) => r.results.tests.find((t: { extra_data?: { id: string } }) => t.extra_data?.id === id);
    expect(byName('data.vocab').status).toBe('passed');
    expect(byName('loss.perplexityGolden').status).toBe('failed');
    expect(byName('loss.perplexityGolden').output).toMatch(/loss\.ts is missing/);
  });
});
