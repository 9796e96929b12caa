/**
 * `--require-gpu`: a run whose backend does not compute on a GPU is refused as the grader's fault
 * (nothing staged, no test run, results.json says the autograder failed), whether the backend
 * asked for is a CPU one (exit 2, before any host starts) or the one the host got is (exit 70).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FAILURE_TEST_NAME } from '../reporters/gradescope/failureResults';

const root = path.resolve(__dirname, '../..');
const solution = path.join(root, 'solution', 'src');

function check(args: string[], out: string) {
  const env = { ...process.env };
  delete env.RNN_LAB_BACKEND;
  const run = spawnSync(process.execPath, [path.join(root, 'bin/rnn-lab.js'), 'check', solution, '--out', out, '--require-gpu', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 180_000,
  });
  const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
  return { status: run.status, stderr: run.stderr, results };
}

function expectRefused(r: ReturnType<typeof check>, reason: RegExp): void {
  expect(r.stderr).not.toMatch(/staging|running \d+ tests/);
  expect(r.results.output).toMatch(/The autograder failed before running any test; this is not a problem with your submission/);
  expect(r.results.output).toMatch(reason);
  expect(r.results.tests.map((t: { name: string }) => t.name)).toEqual([FAILURE_TEST_NAME]);
}

describe('--require-gpu', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-require-gpu-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("refuses a CPU backend asked for by name: exit 2, the grader's fault", () => {
    const r = check(['--backend', 'cpu'], path.join(dir, 'out'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/a GPU is required \(--require-gpu\) but the backend asked for, 'cpu', runs on the CPU/);
    expectRefused(r, /a GPU is required/);
  });

  it('lets the automatic choice grade only on a GPU; elsewhere exit 70, naming the backend the host got', () => {
    const r = check([], path.join(dir, 'out'));
    if (r.status === 0) {
      expect(r.results.extra_data.gpu).toBe(true); // a GPU machine: grading went ahead
      return;
    }
    expect(r.status).toBe(70);
    expect(r.stderr).toMatch(
      /a GPU is required \(--require-gpu\) but the submission host's backend is (wasm|cpu|tensorflow|webgpu) on .*, not a GPU/,
    );
    expectRefused(r, /not a GPU/);
  });
});
