/**
 * The work behind `grade`, `check` and `gradescope`: check the request, grade, write everything
 * (grader/reporters/writeRun.ts). results.json is always written. Exit 0 whenever grading ran
 * (whatever the score), 1 below --fail-under, 2 for usage or config errors (and a backend asked
 * for that is not there), 70 when the grader itself failed (corpus, host, a bug); the CLI turns
 * the errors thrown here into those codes.
 */
import * as path from 'path';
import { EXIT, ExitError, GraderFault, UsageError } from '../errors';
import { progressLines } from '../progress';
import type { GradingRun } from '../results/types';
import { writeFailure, writeRun } from '../reporters/writeRun';
import { checkGradeRequest, type GradeCommandOptions } from './gradeRequest';
import { gradeSubmission } from './gradeSubmission';
import { versions } from './provenance';

export type { GradeCommandOptions } from './gradeRequest';

export async function runGradeCommand(opts: GradeCommandOptions): Promise<void> {
  const checked = checkGradeRequest(opts);
  if (!checked.ok) {
    // A caller's mistake (exit 2) that Gradescope still sees in a results.json.
    const written = await writeFailure(path.resolve(opts.out), checked.forStudent, versions());
    throw new UsageError(`${checked.problem}\n(wrote ${written})`);
  }
  const { run: runOptions, config, outDir, formats, failUnder } = checked.request;
  let run: GradingRun;
  try {
    run = await gradeSubmission({ ...runOptions, config, onProgress: progressLines(process.stderr) });
  } catch (err) {
    if (err instanceof GraderFault) {
      // Nothing ran: the results say it is the grader's problem, with no test the student could read as theirs.
      const written = await writeFailure(
        outDir,
        `The autograder failed before running any test; this is not a problem with your submission. Reason: ${err.message}`,
        versions(),
      );
      throw new GraderFault(err.kind, `the autograder could not grade: ${err.message}\n(wrote ${written})`);
    }
    // Whatever happened, Gradescope gets a results.json that says so.
    await writeFailure(outDir, `The autograder failed while grading this submission: ${(err as Error).message}`);
    throw err;
  }
  // `check` is the students' command: everything it writes is the student view (grader/reporters/shared/studentView.ts).
  await writeRun(run, { outDir, formats, studentView: runOptions.mode === 'check', stdoutVisibility: config.stdoutVisibility });
  const below = failUnder !== undefined && run.score < failUnder;
  const belowMessage = below ? `the score ${run.score} of ${run.maxScore} is below --fail-under ${failUnder}` : '';
  // Suites cut off by the time limit may still be running; everything is written, so the CLI ends the process.
  if (run.deadlineHit) throw new ExitError(belowMessage, below ? EXIT.failed : EXIT.ok, true);
  if (below) throw new ExitError(belowMessage, EXIT.failed);
}
