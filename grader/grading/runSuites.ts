/**
 * Runs the hidden Jest suites (the trusted side) for one compiled submission in a child process
 * (suiteProcess.ts), so that nothing the suites meet (a host reply that exhausts memory, a crash)
 * can take down the process that writes results.json. What goes in and what comes back are the
 * files of suiteContextFile.ts:
 *
 *   runSuites(context)  --suite-context.json-->  suite process (Jest, suites, submission hosts)
 *   SuiteRun            <--outcomes.jsonl, hosts.jsonl, suite-run.json--
 *
 * The child is killed at the deadline; when it dies on its own, `crashed` says how, and the tests
 * that recorded no outcome are the caller's to report.
 */
import { spawn } from 'child_process';
import * as path from 'path';
import type { TestOutcome } from '../results/types';
import { projectRoot as graderRoot } from '../projectRoot';
import {
  SUITE_CONTEXT_ENV,
  readHostInfo,
  readOutcomes,
  readSuiteProcessReport,
  writeSuiteContext,
  type HostInfo,
  type SuiteContextFile,
} from './suiteContextFile';

export type { HostInfo } from './suiteContextFile';

export interface SuiteRun {
  outcomes: TestOutcome[];
  /** The run hit its deadline and the suite process was killed. */
  deadlineHit: boolean;
  hosts: HostInfo[];
  /** Suite files that failed to load or crashed, and lines of the returned files that did not fit their schema (grader bugs, reported to staff). */
  suiteErrors: string[];
  /** How the suite process ended when it died before reporting (e.g. "signal SIGABRT"), with the end of what it printed. */
  crashed?: string;
}

const STDERR_KEEP = 4000;

/** The compiled suite process entry (under ts-jest this file is .ts: the build beside it in dist/). */
function suiteProcessEntry(): string {
  if (__filename.endsWith('.js')) return path.join(__dirname, 'suiteProcess.js');
  return path.join(graderRoot(), 'dist', 'grader', 'grading', 'suiteProcess.js');
}

/** Runs the suite process until it exits or `deadlineMs` passes (then kills it). */
function runChild(
  contextPath: string,
  reportPath: string,
  cwd: string,
  deadlineMs: number,
): Promise<{ deadlineHit: boolean; code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [suiteProcessEntry(), contextPath, reportPath], {
    cwd,
    env: { ...process.env, [SUITE_CONTEXT_ENV]: contextPath },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP)));
  return new Promise((resolve) => {
    let deadlineHit = false;
    const timer = setTimeout(() => {
      deadlineHit = true;
      child.kill('SIGKILL');
    }, deadlineMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve({ deadlineHit, code: null, signal: null, stderr: `could not start: ${err.message}` });
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ deadlineHit, code, signal, stderr });
    });
  });
}

/**
 * Runs the suites; after `deadlineMs` it kills them and returns the outcomes recorded so far
 * (Gradescope gives nothing at all to a run that exceeds its limit, so partial results are better).
 */
export async function runSuites(context: SuiteContextFile, workDir: string, deadlineMs: number): Promise<SuiteRun> {
  const contextPath = path.join(workDir, 'suite-context.json');
  const reportPath = path.join(workDir, 'suite-run.json');
  writeSuiteContext(contextPath, context);
  const ended = await runChild(contextPath, reportPath, context.projectRoot, deadlineMs);
  const outcomes = readOutcomes(context.outcomesPath);
  const hosts = readHostInfo(context.hostInfoPath);
  const report = readSuiteProcessReport(reportPath);
  const suiteErrors = [...(report?.suiteErrors ?? []), ...outcomes.rejected, ...hosts.rejected];
  const run: SuiteRun = { outcomes: outcomes.items, hosts: hosts.items, suiteErrors, deadlineHit: ended.deadlineHit };
  if (!ended.deadlineHit && (report === undefined || ended.code !== 0)) {
    const how = ended.signal ? `signal ${ended.signal}` : `exit code ${ended.code}`;
    const said = ended.stderr.trim().split('\n').slice(-8).join('\n');
    run.crashed = `${how}${said ? `; it printed:\n${said}` : ''}`;
  }
  return run;
}
