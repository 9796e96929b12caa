/**
 * What a hidden suite needs to know about the run (see grading/suiteContextFile.ts): where the
 * compiled submission is, the config, and where to record outcomes. Suites run in the trusted
 * suite process (grading/suiteProcess.ts); the submission runs in the host.
 */
import * as fs from 'fs';
import type { TestConfig } from '../../config/assignmentConfig';
import { SubmissionClient } from '../../sandbox/client/submissionClient';
import { SUITE_CONTEXT_ENV, readSuiteContext, type SuiteContextFile } from '../../grading/suiteContextFile';

let cached: SuiteContextFile | undefined;

export function suiteContext(): SuiteContextFile {
  if (cached) return cached;
  const file = process.env[SUITE_CONTEXT_ENV];
  if (!file) throw new Error(`hidden suites run only under the grader (${SUITE_CONTEXT_ENV} is not set)`);
  cached = readSuiteContext(file);
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

/** The submission host client of this suite file (one per file; closed by closeSubmission). */
export function submission(): SubmissionClient {
  client ??= newSubmissionClient();
  return client;
}

/** A client of its own (its own host), for work that runs beside the file's shared one. */
export function newSubmissionClient(): SubmissionClient {
  const ctx = suiteContext();
  return new SubmissionClient({
    projectRoot: ctx.projectRoot,
    labDir: ctx.labDir,
    scratchDir: ctx.scratchDir,
    heapMb: ctx.config.limits.hostHeapMb,
    backend: ctx.backend,
    isolation: ctx.isolation,
  });
}

/** Records what the file's host reported and stops it (registered by graded.ts after each file). */
export function closeSubmission(): void {
  if (!client) return;
  recordHostInfo(client);
  client.close();
  client = undefined;
}

/** Appends what this file's host reported, for the run's provenance and the start-time benchmark. */
export function recordHostInfo(c: SubmissionClient): void {
  if (!c.backend) return;
  const ctx = suiteContext();
  fs.appendFileSync(
    ctx.hostInfoPath,
    `${JSON.stringify({ backend: c.backend, device: c.device, gpu: c.gpu, adapter: c.adapter, isolation: c.isolation, startTimesMs: c.startTimes })}\n`,
  );
}
