/**
 * The one writer of everything a grading run leaves behind, in this order: results.json
 * (Gradescope's format, always: `json` is a format like the others and is written whether or not
 * it is asked for), run.json (the whole run, for batch and for debugging, with its messages
 * capped), the terminal summary, then the other report formats asked for (`html` report.html,
 * `md` report.md, `junit` junit.xml). When grading could not run, writeFailure writes a
 * results.json that says why.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GradingRun, RunEnvironment, Visibility } from '../results/types';
import { formatTerminalSummary } from './console/terminalSummary';
import { failureResults } from './gradescope/failureResults';
import { toGradescopeResults } from './gradescope/toGradescope';
import { writeResultsFile } from './gradescope/writeResultsFile';
import { renderHtml } from './html/renderHtml';
import { renderJunit } from './junit/renderJunit';
import { renderMarkdown } from './markdown/renderMarkdown';
import { TEST_OUTPUT_LIMIT } from './shared/limits';
import { capLength } from './shared/sanitize';
import type { ReportOptions } from './shared/studentView';

export const REPORT_FORMATS = ['json', 'html', 'md', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What `--format` is when not given. */
export const DEFAULT_FORMATS = 'json,html';

export const RESULTS_FILE = 'results.json';
export const RUN_FILE = 'run.json';

export interface RunOutputOptions extends ReportOptions {
  /** The folder everything goes to (created when missing). */
  outDir: string;
  /** The formats asked for; results.json is written whether or not `json` is among them. */
  formats: readonly ReportFormat[];
  /** When students may see the autograder's captured stdout (results.json). */
  stdoutVisibility: Visibility;
}

/** Where the terminal summary goes (stdout); colour only on a terminal. */
export type SummaryStream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };

/** Each format: its file, and how the run becomes that file. */
const FORMATS: Record<ReportFormat, { file: string; write: (run: GradingRun, target: string, opts: RunOutputOptions) => Promise<void> }> = {
  json: { file: RESULTS_FILE, write: (run, target, opts) => writeResultsFile(target, toGradescopeResults(run, opts)) },
  html: { file: 'report.html', write: (run, target, opts) => writeFile(target, renderHtml(run, opts), 'utf8') },
  md: { file: 'report.md', write: (run, target, opts) => writeFile(target, renderMarkdown(run, opts), 'utf8') },
  junit: { file: 'junit.xml', write: (run, target, opts) => writeFile(target, renderJunit(run, opts), 'utf8') },
};

export type ParsedFormats = { ok: true; formats: ReportFormat[] } | { ok: false; error: string };

/** "html, md,junit" -> ['html', 'md', 'junit'] (each once, in the order given); an unknown name is an error that lists the known ones. */
export function parseFormats(spec: string): ParsedFormats {
  const names = spec
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) return { ok: false, error: `--format is empty; expected a comma-separated list of ${REPORT_FORMATS.join(', ')}` };
  const unknown = names.filter((n) => !(REPORT_FORMATS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    return {
      ok: false,
      error: `unknown report format ${unknown.map((u) => JSON.stringify(u)).join(', ')} in --format; expected a comma-separated list of ${REPORT_FORMATS.join(', ')}`,
    };
  }
  return { ok: true, formats: [...new Set(names)] as ReportFormat[] };
}

/** The run as run.json stores it: every message capped (one submission's output once made a 5.5 MB message). */
export function runRecord(run: GradingRun): GradingRun {
  return {
    ...run,
    messages: run.messages.map((m) => capLength(m, TEST_OUTPUT_LIMIT)),
    tests: run.tests.map((t) => ({ ...t, message: capLength(t.message, TEST_OUTPUT_LIMIT) })),
  };
}

/** Renders the report formats other than results.json into `outDir`; returns the paths written. */
export async function writeReports(run: GradingRun, opts: RunOutputOptions): Promise<string[]> {
  await mkdir(opts.outDir, { recursive: true });
  const written: string[] = [];
  for (const format of opts.formats) {
    if (format === 'json') continue;
    const target = join(opts.outDir, FORMATS[format].file);
    await FORMATS[format].write(run, target, opts);
    written.push(target);
  }
  return written;
}

/**
 * Writes everything of a graded run and prints the summary. Should results.json itself fail, it
 * is replaced by one that says so (and the error is thrown); a report that fails later leaves
 * results.json and run.json as they are.
 */
export async function writeRun(run: GradingRun, opts: RunOutputOptions, stdout: SummaryStream = process.stdout): Promise<void> {
  const resultsPath = join(opts.outDir, RESULTS_FILE);
  try {
    await FORMATS.json.write(run, resultsPath, opts);
  } catch (err) {
    await writeFailure(opts.outDir, `The autograder failed while grading this submission: ${(err as Error).message}`);
    throw err;
  }
  await writeFile(join(opts.outDir, RUN_FILE), `${JSON.stringify(runRecord(run), null, 2)}\n`, 'utf8');
  stdout.write(`${formatTerminalSummary(run, { color: Boolean(stdout.isTTY), studentView: opts.studentView })}\n`);
  stdout.write(`results: ${resultsPath}\n`);
  for (const report of await writeReports(run, opts)) stdout.write(`report: ${report}\n`);
}

/** results.json for a run that could not grade: one visible test that says why. Returns its path. */
export async function writeFailure(outDir: string, message: string, versions?: RunEnvironment['versions']): Promise<string> {
  const resultsPath = join(outDir, RESULTS_FILE);
  await writeResultsFile(resultsPath, failureResults(message, versions));
  return resultsPath;
}
