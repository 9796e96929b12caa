/**
 * The work behind `grade` and `check`: load the config, grade, always write results.json, print
 * the summary. Exit 0 whenever grading ran (whatever the score), 2 for usage or config errors.
 */
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from '../cli/errors';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../config/loadConfig';
import { failureResults } from '../reporters/gradescope/failureResults';
import { toGradescopeResults } from '../reporters/gradescope/toGradescope';
import { writeResultsFile } from '../reporters/gradescope/writeResultsFile';
import { formatTerminalSummary } from '../reporters/console/terminalSummary';
import { DEFAULT_FORMATS, parseFormats, writeReports } from '../reporters/writeReports';
import type { GradingRun } from '../results/types';
import { gradeSubmission } from './gradeSubmission';

export interface GradeCommandOptions {
  mode: 'grade' | 'check';
  submission: string;
  out: string;
  configPath?: string;
  backend?: string;
  seed?: number;
  isolation?: 'auto' | 'none';
  keepScratch?: boolean;
  /** Report formats, comma-separated: json (results.json, always written), html, md, junit. */
  formats?: string;
}

export async function runGradeCommand(opts: GradeCommandOptions): Promise<void> {
  const loaded = loadConfig(opts.configPath ?? DEFAULT_CONFIG_PATH);
  if (loaded.errors) throw new UsageError(`the assignment config is invalid:\n  ${loaded.errors.join('\n  ')}`);
  const formats = parseFormats(opts.formats ?? DEFAULT_FORMATS);
  if (!formats.ok) throw new UsageError(formats.error);
  const outDir = path.resolve(opts.out);
  fs.mkdirSync(outDir, { recursive: true });
  const resultsPath = path.join(outDir, 'results.json');
  if (!fs.existsSync(opts.submission)) {
    // A wrong path is the caller's mistake (exit 2), but Gradescope still gets a results.json.
    const message = `the submission ${opts.submission} does not exist`;
    await writeResultsFile(resultsPath, failureResults(`The autograder found no submission: ${message}.`));
    throw new UsageError(`${message} (wrote ${resultsPath})`);
  }
  let run: GradingRun;
  try {
    run = await gradeSubmission({
      submission: opts.submission,
      config: loaded.config,
      mode: opts.mode,
      backend: opts.backend === 'auto' ? undefined : opts.backend,
      seed: opts.seed,
      isolation: opts.isolation,
      keepScratch: opts.keepScratch,
      onProgress: (line) => process.stderr.write(`${line}\n`),
    });
    await writeResultsFile(resultsPath, toGradescopeResults(run, { stdoutVisibility: loaded.config.stdoutVisibility }));
    fs.writeFileSync(path.join(outDir, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);
    process.stdout.write(`${formatTerminalSummary(run, { color: Boolean(process.stdout.isTTY) })}\n`);
    process.stdout.write(`results: ${resultsPath}\n`);
  } catch (err) {
    // Whatever happened, Gradescope gets a results.json that says so.
    await writeResultsFile(resultsPath, failureResults(`The autograder failed while grading this submission: ${(err as Error).message}`));
    throw err;
  }
  // After results.json is safe: a failure here must not replace a good results.json.
  for (const report of await writeReports(run, outDir, formats.formats)) process.stdout.write(`report: ${report}\n`);
  // Suites cut off by the time limit may still be running; results are written, so stop here.
  if (run.deadlineHit) process.exit(0);
}
