/**
 * The work behind `grade` and `check`: load the config, grade, always write results.json, print
 * the summary. Exit 0 whenever grading ran (whatever the score), 2 for usage or config errors (and
 * a backend asked for that is not there), 70 when the grader itself failed (corpus, host, a bug).
 */
import type { IsolationMode } from '../sandbox/client/isolation';
import * as fs from 'fs';
import * as path from 'path';
import { EXIT, ExitError, UsageError } from '../cli/errors';
import { requestedBackend } from '../cli/options';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../config/loadConfig';
import { failureResults } from '../reporters/gradescope/failureResults';
import { toGradescopeResults } from '../reporters/gradescope/toGradescope';
import { writeResultsFile } from '../reporters/gradescope/writeResultsFile';
import { formatTerminalSummary } from '../reporters/console/terminalSummary';
import { DEFAULT_FORMATS, parseFormats, writeReports } from '../reporters/writeReports';
import type { GradingRun } from '../results/types';
import { gradeSubmission } from './gradeSubmission';
import { GraderFault } from './preflight';
import { versions } from './provenance';

export interface GradeCommandOptions {
  mode: 'grade' | 'check';
  submission: string;
  out: string;
  configPath?: string;
  /** `--backend` as given (auto or a name); auto defers to RNN_LAB_BACKEND. */
  backend?: string;
  seed?: number;
  isolation?: IsolationMode;
  keepScratch?: boolean;
  /** Report formats, comma-separated: json (results.json, always written), html, md, junit. */
  formats?: string;
  /** Grading fails as the grader's fault unless the backend computes on a GPU. */
  requireGpu?: boolean;
  /** Exit 1 (after writing everything) when the score is below this many points, so that CI shows red. */
  failUnder?: number;
}

/** Whether `inner` is `outer` or lies inside it. */
function isWithin(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export async function runGradeCommand(opts: GradeCommandOptions): Promise<void> {
  const outDir = path.resolve(opts.out);
  const resultsPath = path.join(outDir, 'results.json');
  if (fs.existsSync(opts.submission) && fs.statSync(opts.submission).isDirectory() && isWithin(outDir, fs.realpathSync(opts.submission))) {
    throw new UsageError(`the output folder ${outDir} is inside the submission ${path.resolve(opts.submission)}; give --out a folder outside it`);
  }
  /** A caller's mistake (exit 2) that Gradescope still sees in a results.json. */
  const refuse = async (problem: string, forStudent: string): Promise<never> => {
    await writeResultsFile(resultsPath, failureResults(forStudent, { versions: versions() }));
    throw new UsageError(`${problem}\n(wrote ${resultsPath})`);
  };
  const loaded = loadConfig(opts.configPath ?? DEFAULT_CONFIG_PATH);
  if (loaded.errors) {
    const problem = `the assignment config is invalid:\n  ${loaded.errors.join('\n  ')}`;
    return refuse(problem, `The autograder failed before running any test; this is not a problem with your submission: ${problem}`);
  }
  let backend: string | undefined;
  try {
    backend = requestedBackend(opts.backend);
  } catch (err) {
    return refuse((err as Error).message, `The autograder failed before running any test; this is not a problem with your submission: ${(err as Error).message}`);
  }
  if (opts.failUnder !== undefined && !(Number.isFinite(opts.failUnder) && opts.failUnder >= 0)) {
    const problem = `--fail-under ${opts.failUnder} is not a score: give the points below which the command fails, e.g. --fail-under 22`;
    return refuse(problem, `The autograder failed before running any test; this is not a problem with your submission: ${problem}`);
  }
  // `check` is the students' command: everything it writes is the student view (grader/reporters/studentView.ts).
  const studentView = opts.mode === 'check';
  const formats = parseFormats(opts.formats ?? DEFAULT_FORMATS);
  if (!formats.ok) return refuse(formats.error, `The autograder failed before running any test; this is not a problem with your submission: ${formats.error}`);
  if (!fs.existsSync(opts.submission)) {
    const message = `the submission ${opts.submission} does not exist`;
    return refuse(message, `The autograder found no submission: ${message}.`);
  }
  let run: GradingRun;
  try {
    run = await gradeSubmission({
      submission: opts.submission,
      config: loaded.config,
      mode: opts.mode,
      backend,
      seed: opts.seed,
      isolation: opts.isolation,
      keepScratch: opts.keepScratch,
      requireGpu: opts.requireGpu,
      onProgress: (line) => process.stderr.write(`${line}\n`),
    });
    await writeResultsFile(resultsPath, toGradescopeResults(run, { stdoutVisibility: loaded.config.stdoutVisibility, studentView }));
    fs.writeFileSync(path.join(outDir, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);
    process.stdout.write(`${formatTerminalSummary(run, { color: Boolean(process.stdout.isTTY), studentView })}\n`);
    process.stdout.write(`results: ${resultsPath}\n`);
  } catch (err) {
    if (err instanceof GraderFault) {
      // Nothing ran: the results say it is the grader's problem, with no test the student could read as theirs.
      await writeResultsFile(resultsPath, failureResults(`The autograder failed before running any test; this is not a problem with your submission. Reason: ${err.message}`, { versions: versions() }));
      throw new GraderFault(err.kind, `the autograder could not grade: ${err.message}\n(wrote ${resultsPath})`);
    }
    // Whatever happened, Gradescope gets a results.json that says so.
    await writeResultsFile(resultsPath, failureResults(`The autograder failed while grading this submission: ${(err as Error).message}`));
    throw err;
  }
  // After results.json is safe: a failure here must not replace a good results.json.
  for (const report of await writeReports(run, outDir, formats.formats, { studentView })) process.stdout.write(`report: ${report}\n`);
  const below = opts.failUnder !== undefined && run.score < opts.failUnder;
  const belowMessage = `the score ${run.score} of ${run.maxScore} is below --fail-under ${opts.failUnder}`;
  // Suites cut off by the time limit may still be running; results are written, so stop here.
  if (run.deadlineHit) {
    if (below) process.stderr.write(`rnn-lab: ${belowMessage}\n`);
    process.exit(below ? EXIT.failed : EXIT.ok);
  }
  if (below) throw new ExitError(belowMessage, EXIT.failed);
}
