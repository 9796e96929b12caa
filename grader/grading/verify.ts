/**
 * `rnn-lab verify`: proves the grader. Every fixture submission is graded and each test's status
 * must equal the one recorded in its fixture.json (the solution earns full marks, the stencil
 * none, each bug loses exactly the tests it should).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { AssignmentConfig } from '../config/assignmentConfig';
import type { GradingRun, TestStatus } from '../results/types';
import { gradeSubmission } from './gradeSubmission';
import { fixtureSpecPath, listFixtures, materialiseFixture, type Fixture, type FixtureSet } from './fixtureSubmission';
import type { GradingRunOptions } from '../runOptions';

export interface FixtureVerdict {
  fixture: string;
  ok: boolean;
  score: number;
  maxScore: number;
  seconds: number;
  /** "rnn.bptt: expected failed, got passed (message)" */
  mismatches: string[];
}

export interface VerifyOptions {
  config: AssignmentConfig;
  only?: string[];
  /** Which fixtures: the default set (plain `verify`), the adversarial one, or all. */
  set?: FixtureSet | 'all';
  backend?: GradingRunOptions['backend'];
  /** Write the observed statuses into fixture.json instead of comparing (maintainers, after review). */
  record?: boolean;
  log?: (line: string) => void;
}

/** "rnn.bptt: expected failed, got passed (...)" for each test whose status or shown text differs from the fixture's. */
export function compare(fixture: Fixture, run: GradingRun): string[] {
  const mismatches: string[] = [];
  const got = new Map(run.tests.map((t) => [t.id, t]));
  for (const test of run.tests) {
    const expected: TestStatus | TestStatus[] | undefined = fixture.spec.expected[test.id];
    const allowed = Array.isArray(expected) ? expected : [expected];
    if (expected === undefined) mismatches.push(`${test.id}: no expected status recorded (got ${test.status})`);
    else if (!allowed.includes(test.status))
      mismatches.push(`${test.id}: expected ${allowed.join(' or ')}, got ${test.status} (${test.message.split('\n')[0].slice(0, 160)})`);
  }
  for (const id of Object.keys(fixture.spec.expected))
    if (!got.has(id)) mismatches.push(`${id}: recorded in fixture.json but not in the config`);
  for (const [where, texts] of Object.entries(fixture.spec.mentions ?? {})) {
    const shown = where === 'messages' ? run.messages.join('\n') : got.get(where)?.message;
    if (shown === undefined) mismatches.push(`${where}: mentions recorded for a test that is not in the config`);
    else
      for (const t of texts)
        if (!shown.includes(t))
          mismatches.push(
            `${where}: does not mention ${JSON.stringify(t)} (${where === 'messages' ? 'notes' : 'message'}: ${JSON.stringify(shown.slice(0, 160))})`,
          );
  }
  return mismatches;
}

export async function verifyFixtures(opts: VerifyOptions): Promise<FixtureVerdict[]> {
  const log = opts.log ?? console.log;
  const fixtures = listFixtures(undefined, opts.set ?? 'default').filter((f) => !opts.only || opts.only.includes(f.name));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-verify-'));
  const verdicts: FixtureVerdict[] = [];
  try {
    for (const fixture of fixtures) {
      const started = Date.now();
      const run = await gradeSubmission({
        submission: materialiseFixture(fixture, work),
        config: opts.config,
        mode: 'grade',
        backend: opts.backend,
        isolation: 'auto',
        // Our own fixtures may run where no sandbox separates them from the grader; the adversarial ones may not.
        trustedSubmission: (fixture.spec.set ?? 'default') === 'default',
      });
      if (opts.record) {
        const spec = { ...fixture.spec, expected: Object.fromEntries(run.tests.map((t) => [t.id, t.status])) };
        fs.writeFileSync(fixtureSpecPath(fixture), `${JSON.stringify(spec, null, 2)}\n`);
      }
      const mismatches = opts.record ? [] : compare(fixture, run);
      const verdict = {
        fixture: fixture.name,
        ok: mismatches.length === 0,
        score: run.score,
        maxScore: run.maxScore,
        seconds: (Date.now() - started) / 1000,
        mismatches,
      };
      verdicts.push(verdict);
      log(
        `${verdict.ok ? 'ok  ' : 'FAIL'} ${fixture.name.padEnd(34)} ${String(run.score).padStart(5)}/${run.maxScore}  ${verdict.seconds.toFixed(1)} s${opts.record ? '  (recorded)' : ''}`,
      );
      for (const m of mismatches) log(`       ${m}`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return verdicts;
}
