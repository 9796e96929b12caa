/**
 * Entry of the suite process: a child of the process that writes results.json, which runs the
 * hidden Jest suites for one submission and reports back through files only (see
 * suiteContextFile.ts). Whatever happens in here (a reply that exhausts memory, a crash, a kill),
 * the parent still writes results.json. Jest's programmatic runCLI is not a stable API
 * (jestjs/jest#5048): this file is the only place that calls it, with Jest pinned.
 *
 * Usage: node suiteProcess.js <suite-context.json> <suite-run.json>
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCLI } from 'jest';
import { isInstalledPackage } from '../projectRoot';
import { SUITE_CONTEXT_ENV, readSuiteContext, type SuiteProcessReport } from './suiteContextFile';

/** Suite file of each selected question: grader/suites/<question>.suite.ts. */
export function suiteFiles(projectRoot: string, testIds: string[]): string[] {
  const questions = [...new Set(testIds.map((id) => id.split('.')[0]))];
  return questions.map((q) => path.join(projectRoot, 'grader', 'suites', `${q}.suite.ts`));
}

/** Jest skips files under node_modules by default: there, the suites are ours, so find and compile them. */
const INSTALLED_PACKAGE = {
  haste: { retainAllFiles: true },
  testPathIgnorePatterns: [] as string[],
  transformIgnorePatterns: ['/node_modules/(?!rnn-lab/)'],
};

async function main(contextPath: string, reportPath: string): Promise<void> {
  const context = readSuiteContext(contextPath);
  process.env[SUITE_CONTEXT_ENV] = contextPath;
  const files = suiteFiles(context.projectRoot, context.testIds);
  const jestConfig = {
    rootDir: context.projectRoot,
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
    testMatch: files,
    testSequencer: path.join(__dirname, `suiteSequencer${path.extname(__filename)}`),
    ...(isInstalledPackage(context.projectRoot) ? INSTALLED_PACKAGE : {}),
  };
  // Global options go in argv: when the working folder is not the project root (a student's
  // handout, Gradescope), Jest reads the config as a project's and warns about global keys in it.
  const argv = {
    $0: 'rnn-lab',
    _: [],
    config: JSON.stringify(jestConfig),
    reporters: [] as string[],
    testTimeout: 600_000,
    runInBand: true,
    silent: true,
    ci: true,
    watchman: false,
    cache: true,
  };
  const { results } = await runCLI(argv, [context.projectRoot]);
  const suiteErrors = results.testResults
    .filter((r) => r.testExecError)
    .map((r) => `${path.basename(r.testFilePath)}: ${r.testExecError?.message ?? 'failed to run'}`);
  suiteErrors.push(
    ...files.filter((f) => !results.testResults.some((r) => r.testFilePath === f)).map((f) => `${path.basename(f)}: not run by Jest`),
  );
  const report: SuiteProcessReport = { suiteErrors };
  fs.writeFileSync(reportPath, JSON.stringify(report));
}

if (require.main === module) {
  const [contextPath, reportPath] = process.argv.slice(2);
  main(contextPath, reportPath).then(
    // Hosts and timers of a suite may still be pending: the outcomes are written, so stop here.
    () => process.exit(0),
    (err: unknown) => {
      // The message last: the parent keeps the end of what this process printed.
      process.stderr.write(`${(err as Error)?.stack ?? ''}\nthe suite process failed: ${(err as Error)?.message ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
