/**
 * What a hidden suite needs to know about the run, handed over by the grader through one JSON
 * file named in RNN_LAB_SUITE_CONTEXT: where the compiled submission is, the config, and where
 * to record outcomes. Suites run in the trusted Jest process; the submission runs in the host.
 */
import * as fs from 'fs';
import type { AssignmentConfig, TestConfig } from '../../config/assignmentConfig';
import { SubmissionClient } from '../../sandbox/client/submissionClient';

export const SUITE_CONTEXT_ENV = 'RNN_LAB_SUITE_CONTEXT';

export interface SuiteContextFile {
  projectRoot: string;
  labDir: string;
  scratchDir: string;
  backend?: string;
  isolation: 'auto' | 'none';
  config: AssignmentConfig;
  /** JSON-lines file the graded tests append their outcomes to. */
  outcomesPath: string;
  /** JSON file the suites write run facts to (backend, device, isolation, host start times). */
  hostInfoPath: string;
  /** Test ids to run (others are skipped without an outcome, e.g. `check` runs the public ones). */
  testIds: string[];
}

let cached: SuiteContextFile | undefined;

export function suiteContext(): SuiteContextFile {
  if (cached) return cached;
  const file = process.env[SUITE_CONTEXT_ENV];
  if (!file) throw new Error(`hidden suites run only under the grader (${SUITE_CONTEXT_ENV} is not set)`);
  cached = JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteContextFile;
  return cached;
}

export function testConfig(id: string): TestConfig {
  for (const q of suiteContext().config.questions) {
    const t = q.tests.find((test) => test.id === id);
    if (t) return t;
  }
  throw new Error(`test ${id} is not in the assignment config`);
}

let client: SubmissionClient | undefined;

/** The submission host client of this suite file (one per file; closed after the file's tests). */
export function submission(): SubmissionClient {
  if (!client) {
    const ctx = suiteContext();
    client = new SubmissionClient({ projectRoot: ctx.projectRoot, labDir: ctx.labDir, scratchDir: ctx.scratchDir, heapMb: ctx.config.limits.hostHeapMb, backend: ctx.backend, isolation: ctx.isolation });
    afterAll(() => {
      recordHostInfo(client!);
      client?.close();
      client = undefined;
    });
  }
  return client;
}

/** Appends what this file's host reported, for the run's provenance and the start-time benchmark. */
function recordHostInfo(c: SubmissionClient): void {
  if (!c.backend) return;
  const ctx = suiteContext();
  fs.appendFileSync(ctx.hostInfoPath, `${JSON.stringify({ backend: c.backend, device: c.device, isolation: c.isolation, startTimesMs: c.startTimes })}\n`);
}
