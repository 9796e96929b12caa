/**
 * Runs the hidden Jest suites (the trusted side) for one compiled submission, in this process,
 * and collects the outcomes the graded tests recorded. Jest's programmatic runCLI is not a stable
 * API (jestjs/jest#5048): this file is the only place that calls it, with Jest pinned.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCLI } from 'jest';
import type { TestOutcome } from '../results/types';
import { SUITE_CONTEXT_ENV, type SuiteContextFile } from './suiteContextFile';
import type { GpuAdapterReport, IsolationReport } from '../results/types';
import { isInstalledPackage } from '../projectRoot';

export interface HostInfo {
  backend: string;
  device: string;
  /** Whether the host computed on a GPU (its ready message, sent before the submission loads). */
  gpu?: boolean;
  adapter?: GpuAdapterReport;
  isolation: IsolationReport;
  startTimesMs: number[];
}

export interface SuiteRun {
  outcomes: TestOutcome[];
  /** The run hit its deadline; Jest may still be running (the caller should end the process). */
  deadlineHit: boolean;
  hosts: HostInfo[];
  /** Suite files that failed to load or crashed (a grader bug, reported to staff). */
  suiteErrors: string[];
}

function readJsonLines<T>(file: string): T[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** Suite file of each selected question: grader/suites/<question>.suite.ts. */
export function suiteFiles(projectRoot: string, testIds: string[]): string[] {
  const questions = [...new Set(testIds.map((id) => id.split('.')[0]))];
  return questions.map((q) => path.join(projectRoot, 'grader', 'suites', `${q}.suite.ts`));
}

/** Jest skips files under node_modules by default: there, the suites are ours, so find and compile them. */
const INSTALLED_PACKAGE = { haste: { retainAllFiles: true }, testPathIgnorePatterns: [] as string[], transformIgnorePatterns: ['/node_modules/(?!rnn-lab/)'] };

/**
 * Runs the suites; after `deadlineMs` it stops waiting and returns the outcomes recorded so far
 * (Gradescope gives nothing at all to a run that exceeds its limit, so partial results are better).
 */
export async function runSuites(context: SuiteContextFile, workDir: string, deadlineMs: number): Promise<SuiteRun> {
  const contextPath = path.join(workDir, 'suite-context.json');
  fs.writeFileSync(contextPath, JSON.stringify(context));
  const files = suiteFiles(context.projectRoot, context.testIds);
  const jestConfig = {
    rootDir: context.projectRoot,
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
    testMatch: files,
    ...(isInstalledPackage(context.projectRoot) ? INSTALLED_PACKAGE : {}),
  };
  const previous = process.env[SUITE_CONTEXT_ENV];
  process.env[SUITE_CONTEXT_ENV] = contextPath;
  let suiteErrors: string[] = [];
  let deadlineHit = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    // Global options go in argv: when the working folder is not the project root (a student's
    // handout, Gradescope), Jest reads the config as a project's and warns about global keys in it.
    const argv = { $0: 'rnn-lab', _: [], config: JSON.stringify(jestConfig), reporters: [] as string[], testTimeout: 600_000, runInBand: true, silent: true, ci: true, watchman: false, cache: true };
    const jest = runCLI(argv, [context.projectRoot]);
    const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(() => resolve('deadline'), deadlineMs)));
    const finished = await Promise.race([jest, deadline]);
    if (finished === 'deadline') {
      deadlineHit = true;
    } else {
      const { results } = finished;
      suiteErrors = results.testResults.filter((r) => r.testExecError).map((r) => `${path.basename(r.testFilePath)}: ${r.testExecError?.message ?? 'failed to run'}`);
      const missing = files.filter((f) => !results.testResults.some((r) => r.testFilePath === f));
      suiteErrors.push(...missing.map((f) => `${path.basename(f)}: not run by Jest`));
    }
  } finally {
    clearTimeout(timer);
    if (previous === undefined) delete process.env[SUITE_CONTEXT_ENV];
    else process.env[SUITE_CONTEXT_ENV] = previous;
  }
  return { outcomes: readJsonLines<TestOutcome>(context.outcomesPath), hosts: readJsonLines<HostInfo>(context.hostInfoPath), suiteErrors, deadlineHit };
}
