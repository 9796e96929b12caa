/**
 * typeErrors "fail", end to end through the compiled CLI: a correct submission whose only flaw is a
 * type nit loses the type-check test's points and nothing else, and that test shows the error.
 * (Under the default "report" the same submission earns full marks: `rnn-lab verify`, fixture
 * correct-with-type-nit.)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TYPE_CHECK_TEST_ID } from '../config/assignmentConfig';
import { DEFAULT_CONFIG_PATH } from '../config/loadConfig';
import { listFixtures, materialiseFixture } from './fixtureSubmission';

const root = path.resolve(__dirname, '../..');

interface ResultTest {
  score: number;
  max_score: number;
  output: string;
  visibility: string;
  extra_data: { id: string; status: string };
}

it('costs a type nit the type-check test alone, and shows it there', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-typeerrors-'));
  try {
    const config = JSON.parse(fs.readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));
    config.typeErrors = 'fail';
    const typeTest = {
      id: TYPE_CHECK_TEST_ID,
      name: 'no type errors',
      points: 2,
      visibility: 'visible',
      timeoutSeconds: 60,
      partialCredit: false,
      tags: ['public'],
    };
    config.questions.push({ id: 'typecheck', title: 'Type checking', tests: [typeTest] });
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
    const fixture = listFixtures().find((f) => f.name === 'correct-with-type-nit')!;
    const submission = materialiseFixture(fixture, dir);
    const out = path.join(dir, 'out');
    // `check` runs the public tests only, the type-check test among them: quick, and enough here.
    const run = spawnSync(
      process.execPath,
      [path.join(root, 'bin/rnn-lab.js'), 'check', submission, '--out', out, '--config', path.join(dir, 'config.json')],
      { cwd: root, encoding: 'utf8', timeout: 150_000 },
    );
    expect(run.status).toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as {
      score: number;
      output: string;
      tests: ResultTest[];
    };
    const typeCheck = results.tests.find((t) => t.extra_data.id === TYPE_CHECK_TEST_ID)!;
    expect(typeCheck).toMatchObject({ score: 0, max_score: 2, visibility: 'visible', extra_data: { status: 'failed' } });
    expect(typeCheck.output).toContain("rnn.ts:30:3 error TS2322: Type 'Tensor&lt;Rank&gt;' is not assignable to type 'Tensor2D'.");
    const others = results.tests.filter((t) => t !== typeCheck);
    expect(others.length).toBeGreaterThan(5);
    expect(others.filter((t) => t.extra_data.status !== 'passed')).toEqual([]);
    expect(results.score).toBe(others.reduce((s, t) => s + t.max_score, 0));
    // The errors are shown once, in the test; the run's notes do not repeat them, nor claim a suite failed.
    expect(results.output).not.toContain('TS2322');
    expect(results.output).not.toMatch(/internal grader error/);
    expect(run.stdout).toMatch(/✗ \d\.1 +0\/2 +no type errors — errors in rnn\.ts/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 200_000);
