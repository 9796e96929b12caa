/**
 * What the adversarial harness demands of one graded hostile fixture, from the files grading left
 * behind: results.json, the Markdown report, the output folder's listing. Returns the problems in
 * words (empty when the grader held).
 */
import type { Fixture } from '../../grading/fixtureSubmission';
import type { TestStatus } from '../../results/types';

/** The files grading writes into --out (the formats the harness asks for, and run.json). */
export const GRADER_OUTPUTS = ['results.json', 'report.html', 'report.md', 'junit.xml', 'run.json'];

/** A file the harness leaves in the output folder before grading; it must be there, unchanged, after. */
export const DECOY = { name: 'left-by-staff.txt', text: 'a file that was in the output folder before grading\n' };

export interface GradedRun {
  exitCode: number | null;
  signal: string | null;
  /** results.json parsed, or undefined when it was not written or does not parse. */
  results?: GradescopeResults;
  /** report.md, when written. */
  reportMd?: string;
  /** Names in the output folder after grading, and the decoy's text (undefined when gone). */
  outputFiles: string[];
  decoyText?: string;
  /** Changes to the project tree ("changed grader/suites/support/compare.ts"). */
  projectChanges: string[];
  /** Processes of the grading still running when it ended (killed by the harness since). */
  leftovers: string[];
  /** Connections the harness's loopback listener accepted. */
  connections: number;
}

export interface GradescopeResults {
  score: number;
  tests: { score?: number; max_score?: number; output?: string; extra_data?: { id?: string; status?: TestStatus } }[];
  leaderboard?: { name: string; value: number }[];
  output?: string;
  extra_data?: { isolation?: { notes?: string[] }; error?: boolean };
}

export function judgeRun(fixture: Fixture, run: GradedRun): string[] {
  const problems: string[] = [];
  if (run.signal !== null || run.exitCode !== 0)
    problems.push(`grading did not finish: ${run.signal ? `killed by ${run.signal}` : `exit code ${run.exitCode}`}`);
  const results = run.results;
  if (results === undefined) problems.push('no results.json was written (or it does not parse)');
  else {
    const got = new Map(results.tests.map((t) => [t.extra_data?.id ?? '?', t]));
    for (const [id, expected] of Object.entries(fixture.spec.expected)) {
      const allowed: TestStatus[] = Array.isArray(expected) ? expected : [expected];
      const test = got.get(id);
      if (test === undefined) problems.push(`${id}: missing from results.json`);
      else if (!allowed.includes(test.extra_data?.status as TestStatus))
        problems.push(
          `${id}: expected ${allowed.join(' or ')}, got ${test.extra_data?.status} (${(test.output ?? '').split('\n')[0].slice(0, 200)})`,
        );
    }
    for (const id of got.keys()) if (!(id in fixture.spec.expected)) problems.push(`${id}: in results.json, not in fixture.json`);
    const sum = results.tests.reduce((s, t) => s + (t.score ?? 0), 0);
    if (Math.abs(sum - results.score) > 1e-6) problems.push(`results.json says ${results.score} points, its tests add up to ${sum}`);
    const attack = fixture.spec.attack;
    if (attack?.blocked) {
      const pattern = new RegExp(attack.blocked, 'i');
      for (const id of attack.tests) {
        const output = got.get(id)?.output ?? '';
        if (!pattern.test(output))
          problems.push(
            `${id}: the message does not say what was blocked (/${attack.blocked}/ not in ${JSON.stringify(output.slice(0, 200))})`,
          );
        else if (run.reportMd !== undefined && !run.reportMd.includes(output.split('\n')[0].slice(0, 80)))
          problems.push(`${id}: report.md does not show the message of the attacked test`);
      }
    }
    if (attack?.leaderboardAbove !== undefined) {
      const value = results.leaderboard?.[0]?.value;
      if (!(typeof value === 'number' && value > attack.leaderboardAbove))
        problems.push(`leaderboard perplexity ${value} is not above ${attack.leaderboardAbove}: the forged figure was taken`);
    }
    if (!(results.extra_data?.isolation?.notes?.length ?? 0)) problems.push('results.json does not say which isolation was in force');
  }
  if (run.reportMd === undefined) problems.push('no report.md was written');
  return [...problems, ...escapes(run)];
}

/** Exit code of a grading the grader refused (a GraderFault: errors.ts EXIT.internal). */
export const REFUSED_EXIT_CODE = 70;

/**
 * What the harness demands where no sandbox can keep the submission from the grader (an ordinary
 * user without bubblewrap): hidden grading is refused before any of the submission's code runs,
 * results.json says it is the grader's problem (0 of 0, no test of the student's), and nothing escaped.
 */
export function judgeRefusal(run: GradedRun): string[] {
  const problems: string[] = [];
  if (run.signal !== null || run.exitCode !== REFUSED_EXIT_CODE)
    problems.push(
      `expected the grading to be refused (exit ${REFUSED_EXIT_CODE}), got ${run.signal ? `killed by ${run.signal}` : `exit code ${run.exitCode}`}`,
    );
  const results = run.results;
  if (results === undefined) problems.push('no results.json was written (or it does not parse)');
  else {
    if (results.extra_data?.error !== true || results.score !== 0)
      problems.push('results.json does not mark the run as the grader failing');
    if (
      !/not a problem with your submission/.test(results.output ?? '') ||
      !/keeps the submission away from the grader/.test(results.output ?? '')
    )
      problems.push(`results.json does not say why grading was refused: ${JSON.stringify((results.output ?? '').slice(0, 300))}`);
    if (results.tests.some((t) => t.extra_data?.id !== undefined))
      problems.push("results.json holds tests of the submission's although none should have run");
  }
  return [...problems, ...escapes(run)];
}

/** Traces of the submission outside its scratch folder: the same demands whether grading ran or was refused. */
function escapes(run: GradedRun): string[] {
  const problems: string[] = [];
  const planted = run.outputFiles.filter((f) => !GRADER_OUTPUTS.includes(f) && f !== DECOY.name);
  if (planted.length > 0) problems.push(`the output folder holds files the grader does not write: ${planted.join(', ')}`);
  if (run.decoyText !== DECOY.text)
    problems.push(`${DECOY.name}, left in the output folder before grading, was ${run.decoyText === undefined ? 'removed' : 'changed'}`);
  if (run.projectChanges.length > 0) problems.push(`the project changed: ${run.projectChanges.slice(0, 10).join(', ')}`);
  if (run.leftovers.length > 0) problems.push(`processes of the grading outlived it: ${run.leftovers.slice(0, 5).join('; ')}`);
  if (run.connections > 0) problems.push(`the harness's loopback listener accepted ${run.connections} connection(s) from the submission`);
  return problems;
}
