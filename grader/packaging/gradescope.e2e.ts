/**
 * autograder.zip end to end: unpacked into /autograder-shaped roots (source, submission, results,
 * submission_metadata.json), the grader installed by the zip's own install-grader.sh (setup.sh's
 * part after Node), and run_autograder on fixture submissions, the hostile ones included. Every
 * results.json must be valid Gradescope output. Slow (npm ci): `npm run test:gradescope`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { unzipSync } from 'fflate';
import { listFixtures, materialiseFixture } from '../grading/fixtureSubmission';
import { projectRoot } from '../projectRoot';
import { validateGradescopeResults, type GradescopeResults } from '../reporters/gradescope/gradescopeSchema';
import { buildGradescope } from './buildGradescope';
import { freshDir, run, type Ran } from './testing';

const root = projectRoot();
let work: string;
let source: string;
let install: Ran;

/** Unix modes of a zip's entries, from its central directory (fflate's unzip does not give them). */
function zipModes(zip: Buffer): Map<string, number> {
  const modes = new Map<string, number>();
  for (let p = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 46)) {
    const nameLen = zip.readUInt16LE(p + 28);
    modes.set(zip.subarray(p + 46, p + 46 + nameLen).toString('utf8'), (zip.readUInt32LE(p + 38) >>> 16) & 0o777);
  }
  return modes;
}

/** Unpacks the zip as Gradescope does, modes kept. */
function unpack(zipFile: string, into: string): void {
  const zip = fs.readFileSync(zipFile);
  const modes = zipModes(zip);
  for (const [name, data] of Object.entries(unzipSync(new Uint8Array(zip)))) {
    const target = path.join(into, name);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    fs.writeFileSync(target, data, { mode: modes.get(name) ?? 0o644 });
  }
}

interface Graded {
  ran: Ran;
  results: GradescopeResults;
}

/** A fresh /autograder-shaped root around the installed source; runs its run_autograder. */
function grade(name: string, submission: string, opts: { metadata?: boolean; before?: (rootDir: string) => void } = {}): Graded {
  const rootDir = path.join(work, name);
  fs.mkdirSync(path.join(rootDir, 'results'), { recursive: true });
  fs.symlinkSync(source, path.join(rootDir, 'source'));
  fs.cpSync(submission, path.join(rootDir, 'submission'), { recursive: true });
  if (opts.metadata !== false)
    fs.writeFileSync(
      path.join(rootDir, 'submission_metadata.json'),
      JSON.stringify({
        id: 1,
        created_at: '2026-12-01T10:00:00Z',
        assignment: { title: 'RNN lab' },
        users: [{ name: 'A Student', email: 'a@example.edu' }],
      }),
    );
  fs.copyFileSync(path.join(source, 'run_autograder'), path.join(rootDir, 'run_autograder'));
  opts.before?.(rootDir);
  const env = { ...process.env };
  delete env.RNN_LAB_BACKEND;
  const ran = run(path.join(rootDir, 'run_autograder'), [], rootDir, env);
  const file = path.join(rootDir, 'results', 'results.json');
  expect({ name, results: fs.existsSync(file), out: fs.existsSync(file) ? '' : ran.out.slice(-3000) }).toEqual({
    name,
    results: true,
    out: '',
  });
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as GradescopeResults;
  expect(validateGradescopeResults(results)).toEqual({ ok: true });
  return { ran, results };
}

function fixture(name: string): string {
  const f = listFixtures().find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return materialiseFixture(f, path.join(work, 'fixtures'));
}

const byId = (r: GradescopeResults) => Object.fromEntries(r.tests.map((t) => [String(t.extra_data?.id), String(t.extra_data?.status)]));

beforeAll(() => {
  work = freshDir('rnn-lab-gradescope-e2e-');
  const built = buildGradescope(path.join(work, 'built'), root);
  expect(built.leaks).toEqual([]);
  source = path.join(work, 'autograder-source');
  unpack(path.join(built.dir, built.zip), source);
  install = run('bash', [path.join(source, 'install-grader.sh')], source);
  console.log(
    `autograder.zip ${(fs.statSync(path.join(built.dir, built.zip)).size / 1024).toFixed(0)} KB; install-grader.sh ${install.seconds.toFixed(1)} s`,
  );
}, 600_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('autograder.zip in an /autograder-shaped root', () => {
  it('has setup.sh, install-grader.sh and run_autograder at its root, executable; the hidden suites and goldens; no solution', () => {
    const modes = zipModes(fs.readFileSync(path.join(work, 'built', 'autograder.zip')));
    for (const s of ['setup.sh', 'install-grader.sh', 'run_autograder']) expect([s, (modes.get(s) ?? 0) & 0o111]).toEqual([s, 0o111]);
    const names = [...modes.keys()];
    expect(names).toEqual(
      expect.arrayContaining([
        'grader/suites/rnn.suite.ts',
        'grader/suites/training.suite.ts',
        'fixtures/golden/lab.json',
        'package-lock.json',
        'dist/grader/cli/main.js',
      ]),
    );
    expect(names.filter((n) => /(^|\/)solution\//.test(n))).toEqual([]);
    expect(JSON.parse(fs.readFileSync(path.join(source, 'fixtures', 'golden', 'lab.json'), 'utf8'))).toEqual(
      JSON.parse(fs.readFileSync(path.join(root, 'fixtures', 'golden', 'lab.json'), 'utf8')),
    );
    const setup = fs.readFileSync(path.join(source, 'setup.sh'), 'utf8');
    expect(setup).toContain('https://deb.nodesource.com/setup_22.x');
    expect(setup).toContain('bash ./install-grader.sh');
    expect(fs.readFileSync(path.join(source, 'install-grader.sh'), 'utf8')).toContain('npm ci --omit=dev --omit=optional');
    expect(fs.readFileSync(path.join(source, 'run_autograder'), 'utf8')).toContain('export RNN_LAB_BACKEND=wasm');
  });

  it('install-grader.sh installs the grader with npm ci (no tfjs-node, no dev tools) and builds the corpus', () => {
    expect({ status: install.status, out: install.out.slice(-1500) }).toEqual({
      status: 0,
      out: expect.stringContaining('matches the manifest'),
    });
    expect(fs.existsSync(path.join(source, 'node_modules', '@tensorflow', 'tfjs-backend-wasm'))).toBe(true);
    expect(fs.existsSync(path.join(source, 'node_modules', '@tensorflow', 'tfjs-node'))).toBe(false);
    expect(fs.existsSync(path.join(source, 'node_modules', 'playwright-core'))).toBe(false);
  });

  it('grades the solution to full marks on wasm, without any solution file in the autograder', () => {
    const { ran, results } = grade('solution', path.join(root, 'solution', 'src'));
    expect(ran.status).toBe(0);
    expect([results.score, results.tests.length]).toEqual([61, 24]);
    expect(results.extra_data).toMatchObject({ backend: 'wasm', mode: 'grade' });
    expect(results.leaderboard?.[0].value).toBeGreaterThan(20);
  });

  it('with submission_metadata.json missing: a buggy submission still gets its honest results', () => {
    const { ran, results } = grade('no-metadata', fixture('bug-bias-missing'), { metadata: false });
    expect(ran.status).toBe(0);
    expect(fs.existsSync(path.join(work, 'no-metadata', 'submission_metadata.json'))).toBe(false);
    expect(results.score).toBeGreaterThan(0);
    expect(results.score).toBeLessThan(61);
    expect(Object.values(byId(results))).toContain('failed');
  });

  it("a submission that deletes and pre-writes results/results.json cannot: the results are the grader's", () => {
    const dir = path.join(work, 'hostile');
    fs.cpSync(path.join(root, 'solution', 'src'), dir, { recursive: true });
    const results = path.join(work, 'hostile-root', 'results', 'results.json');
    const fake = JSON.stringify({ score: 1000, output: 'pwned', tests: [] });
    fs.appendFileSync(
      path.join(dir, 'data.ts'),
      `\nconst nodeFs = require('fs');\nconst target = ${JSON.stringify(results)};\ntry { nodeFs.rmSync(target, { force: true }); } catch { /* refused */ }\ntry { nodeFs.writeFileSync(target, ${JSON.stringify(fake)}); } catch { /* refused */ }\n`,
    );
    const { ran, results: got } = grade('hostile-root', dir, {
      before: (r) => fs.writeFileSync(path.join(r, 'results', 'results.json'), fake),
    });
    expect(ran.status).toBe(0);
    expect(got.score).toBe(61);
    expect(JSON.stringify(got)).not.toContain('pwned');
  });

  it('a submission that runs past the whole time limit: results.json is still written, the unfinished tests score 0, and it stops', () => {
    const config = path.join(source, 'grader', 'config', 'assignment.json');
    const original = fs.readFileSync(config, 'utf8');
    const short = JSON.parse(original);
    short.limits.totalTimeoutSeconds = 25;
    fs.writeFileSync(config, JSON.stringify(short));
    try {
      const { ran, results } = grade('time-limit', fixture('hangs-in-rnn-param-count'));
      expect(ran.status).toBe(0);
      expect(ran.seconds).toBeLessThan(25 + 60);
      expect(results.tests).toHaveLength(24);
      const notRun = results.tests.filter((t) => t.extra_data?.status === 'not_run');
      expect(notRun.length).toBeGreaterThan(0);
      expect(notRun[0].output).toContain('grading reached its time limit of 25 s');
      expect(results.output).toContain('Grading stopped at its time limit of 25 s');
    } finally {
      fs.writeFileSync(config, original);
    }
  });
});
