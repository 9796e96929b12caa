/**
 * The handout works on its own: built, copied to a fresh folder outside the repository, installed
 * with `npm ci` from the registry (the grader part from its vendored tarball), then `npm test` and
 * `npm run check` as a student runs them, on the untouched stencil and with the solution's files.
 * Slow (npm ci): `npm run test:handout`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../projectRoot';
import { buildHandout } from './buildHandout';
import { freshDir, run, snapshot, studentEnv, type Ran } from './testing';

const root = projectRoot();
const env = studentEnv();
let work: string;
let student: string;
let install: Ran;

function npm(...args: string[]): Ran {
  return run('npm', args, student, env);
}

beforeAll(() => {
  work = freshDir('rnn-lab-handout-e2e-');
  const built = buildHandout(path.join(work, 'built'), root);
  expect(built.leaks).toEqual([]);
  student = path.join(freshDir('rnn-lab-student-'), 'lab');
  fs.cpSync(built.dir, student, { recursive: true });
  install = npm('ci', '--no-audit', '--no-fund');
  console.log(`handout npm ci: ${install.seconds.toFixed(1)} s`);
}, 600_000);

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(path.dirname(student), { recursive: true, force: true });
});

describe('the handout, installed in a fresh folder', () => {
  it('npm ci installs it from its own lockfile, the grader part from vendor/, with no nested copy of a runtime package', () => {
    expect({ status: install.status, out: install.out.slice(-2000) }).toEqual({ status: 0, out: expect.any(String) });
    expect(JSON.parse(fs.readFileSync(path.join(student, 'node_modules', 'rnn-lab', 'package.json'), 'utf8')).name).toBe('rnn-lab');
    // The submission host reads the packages npm hoisted; a nested copy would be one it cannot see.
    expect(fs.existsSync(path.join(student, 'node_modules', 'rnn-lab', 'node_modules'))).toBe(false);
    expect(fs.existsSync(path.join(student, 'node_modules', '@tensorflow', 'tfjs-node'))).toBe(false);
  });

  it('on the untouched stencil: npm test fails every public test with its TODO message', () => {
    const r = npm('test', '--', '--json', '--outputFile', path.join(work, 'stencil-tests.json'));
    expect(r.status).not.toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(work, 'stencil-tests.json'), 'utf8')) as {
      numTotalTests: number;
      numFailedTests: number;
      testResults: { assertionResults: { fullName: string; failureMessages: string[] }[] }[];
    };
    expect(results.numTotalTests).toBeGreaterThan(15);
    expect(results.numFailedTests).toBe(results.numTotalTests);
    for (const t of results.testResults.flatMap((f) => f.assertionResults))
      expect({ test: t.fullName, message: t.failureMessages.join('\n') }).toEqual({
        test: t.fullName,
        message: expect.stringMatching(/TODO\([A-Za-z.]+\)/),
      });
  });

  it('on the untouched stencil: npm run check prints 0/12 public checks, in the student view, and writes its report outside src/', () => {
    const src = snapshot(path.join(student, 'src'));
    const r = npm('run', 'check');
    expect({ status: r.status, tail: r.stdout.slice(-600), stderr: r.out.slice(r.stdout.length) }).toEqual({
      status: 0,
      tail: expect.stringContaining('0/12 public checks passed'),
      stderr: expect.not.stringMatching(/Warning|warn/i),
    });
    expect(r.out).toContain('Fix this first');
    expect(r.out).toMatch(/○ 1\.1 .* buildVocab is not started yet\. Hint: count the tokens/);
    expect(snapshot(path.join(student, 'src'))).toEqual(src);
    const report = path.join(student, 'reports', 'check');
    expect(fs.readdirSync(report).sort()).toEqual(['report.html', 'report.md', 'results.json', 'run.json']);
    expect(fs.readFileSync(path.join(report, 'report.html'), 'utf8')).toContain('<h1 class="submission">Your public checks</h1>');
    expect(fs.readFileSync(path.join(report, 'report.md'), 'utf8')).toMatch(/^# Your public checks: src/);
    const results = JSON.parse(fs.readFileSync(path.join(report, 'results.json'), 'utf8'));
    expect({ score: results.score, backend: results.extra_data.backend, mode: results.extra_data.mode }).toEqual({
      score: 0,
      backend: 'wasm',
      mode: 'check',
    });
    // Typed by hand with no path: the handout's src/ and reports/check/ are the defaults; below --fail-under it exits 1.
    const bare = run('npx', ['rnn-lab', 'check', '--fail-under', '1'], student, env);
    expect({ status: bare.status, stdout: bare.stdout.slice(-300) }).toEqual({
      status: 1,
      stdout: expect.stringContaining(`results: ${path.join(report, 'results.json')}`),
    });
  });

  it("with the solution's files in src/: npm test and npm run check pass, the training preview shows its indicative perplexity", () => {
    for (const f of fs.readdirSync(path.join(root, 'solution', 'src')))
      fs.copyFileSync(path.join(root, 'solution', 'src', f), path.join(student, 'src', f));
    const tests = npm('test');
    expect({ status: tests.status, tail: tests.out.slice(-400) }).toEqual({
      status: 0,
      tail: expect.stringMatching(/Tests:\s+\d+ passed, \d+ total/),
    });
    const check = npm('run', 'check', '--', '--fail-under', '22');
    expect({ status: check.status, tail: check.stdout.slice(-600) }).toEqual({
      status: 0,
      tail: expect.stringContaining('12/12 public checks passed'),
    });
    expect(check.out).toMatch(/indicative held-out perplexity \d+\.\d after 120 steps/);
    const results = JSON.parse(fs.readFileSync(path.join(student, 'reports', 'check', 'results.json'), 'utf8'));
    expect([results.score, results.tests.length]).toEqual([22, 12]);
    expect(results.extra_data.isolation.permissionModel).toBe(true);
  });
});
