/**
 * Checks what a grade or check command was asked before anything runs: the config loads, the
 * backend (with RNN_LAB_BACKEND) names one, --fail-under is a score, the formats are known, the
 * submission exists and the output folder lies outside it. Each refusal carries the caller's
 * message and the one students read in results.json.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { AssignmentConfig } from '../config/assignmentConfig';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../config/loadConfig';
import { UsageError } from '../errors';
import { DEFAULT_FORMATS, parseFormats, type ReportFormat } from '../reporters/writeRun';
import { requestedBackend } from '../runOptions';
import type { GradingRunOptions } from '../runOptions';

export interface GradeCommandOptions {
  /** The run itself, as the CLI parsed it; `backend` is still auto or a name. */
  run: GradingRunOptions;
  /** Folder for results.json, run.json and the reports. */
  out: string;
  configPath?: string;
  /** Report formats, comma-separated: json (results.json, always written), html, md, junit. */
  formats?: string;
  /** Exit 1 (after writing everything) when the score is below this many points, so that CI shows red. */
  failUnder?: number;
}

export interface GradeRequest {
  /** The run with `backend` resolved against RNN_LAB_BACKEND: a name, or undefined for auto. */
  run: GradingRunOptions;
  config: AssignmentConfig;
  outDir: string;
  formats: ReportFormat[];
  failUnder?: number;
}

export type CheckedRequest = { ok: true; request: GradeRequest } | { ok: false; problem: string; forStudent: string };

/** Whether `inner` is `outer` or lies inside it. */
function isWithin(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const BEFORE_ANY_TEST = 'The autograder failed before running any test; this is not a problem with your submission: ';

/**
 * The request, or why it is refused. An output folder inside the submission throws a UsageError
 * (no results.json can be written there without touching the submission).
 */
export function checkGradeRequest(opts: GradeCommandOptions): CheckedRequest {
  const outDir = path.resolve(opts.out);
  const submission = opts.run.submission;
  if (fs.existsSync(submission) && fs.statSync(submission).isDirectory() && isWithin(outDir, fs.realpathSync(submission))) {
    throw new UsageError(
      `the output folder ${outDir} is inside the submission ${path.resolve(submission)}; give --out a folder outside it`,
    );
  }
  const refuse = (problem: string): CheckedRequest => ({ ok: false, problem, forStudent: `${BEFORE_ANY_TEST}${problem}` });
  const loaded = loadConfig(opts.configPath ?? DEFAULT_CONFIG_PATH);
  if (loaded.errors) return refuse(`the assignment config is invalid:\n  ${loaded.errors.join('\n  ')}`);
  let backend: GradingRunOptions['backend'];
  try {
    backend = requestedBackend(opts.run.backend);
  } catch (err) {
    return refuse((err as Error).message);
  }
  if (opts.failUnder !== undefined && !(Number.isFinite(opts.failUnder) && opts.failUnder >= 0)) {
    return refuse(`--fail-under ${opts.failUnder} is not a score: give the points below which the command fails, e.g. --fail-under 22`);
  }
  const formats = parseFormats(opts.formats ?? DEFAULT_FORMATS);
  if (!formats.ok) return refuse(formats.error);
  if (!fs.existsSync(submission)) {
    const message = `the submission ${submission} does not exist`;
    return { ok: false, problem: message, forStudent: `The autograder found no submission: ${message}.` };
  }
  return {
    ok: true,
    request: { run: { ...opts.run, backend }, config: loaded.config, outDir, formats: formats.formats, failUnder: opts.failUnder },
  };
}
