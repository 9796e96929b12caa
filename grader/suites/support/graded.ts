/**
 * `graded(id, fn)`: a hidden test bound to a rubric entry. Its outcome (status, student-facing
 * message, evidence) is recorded by the trusted side in the outcomes file; the submission's
 * process never writes results.
 */
import * as fs from 'fs';
import type { TestDetails, TestOutcome, TestStatus } from '../../results/types';
import type { ProbeApi, ProbeName } from '../../sandbox/probeApi';
import { ProbeCallError } from '../../sandbox/client/submissionClient';
import { closeSubmission, submission, suiteContext, testConfig } from './suiteContext';

// Every suite file imports this module: stop its submission host after the file's tests.
afterAll(closeSubmission);

/** A wrong answer: `message` says what was expected, what was found and where. */
export class GradeFailure extends Error {
  constructor(
    message: string,
    readonly fraction?: number,
  ) {
    super(message);
    this.name = 'GradeFailure';
  }
}

export interface GradedContext {
  /** Calls the submission with this test's time limit. */
  call<K extends ProbeName>(probe: K, args: ProbeApi[K]['args']): Promise<ProbeApi[K]['result']>;
  /** Evidence shown in reports (comparisons, shapes, training curves). */
  details: TestDetails;
  /** Fails the test with a message for the student. */
  fail(message: string, fraction?: number): never;
}

function statusOf(err: unknown): { status: TestStatus; message: string } {
  if (err instanceof GradeFailure) return { status: 'failed', message: err.message };
  if (err instanceof ProbeCallError) {
    if (err.kind === 'timeout')
      return { status: 'timeout', message: `Your code ${err.message}. Look for an endless loop or far too much work.` };
    if (err.kind === 'no-gradient') return { status: 'failed', message: err.message };
    if (err.kind === 'crash') return { status: 'error', message: `Your code crashed the process: ${err.message}` };
    return { status: 'error', message: err.message };
  }
  return {
    status: 'error',
    message: `internal grader error (not your fault; please tell the course staff): ${(err as Error)?.message ?? String(err)}`,
  };
}

function record(outcome: TestOutcome): void {
  fs.appendFileSync(suiteContext().outcomesPath, `${JSON.stringify(outcome)}\n`);
}

/** Registers the test `id` of the assignment config, if this run selected it. */
export function graded(id: string, fn: (t: GradedContext) => Promise<string | void>): void {
  const ctx = suiteContext();
  if (!ctx.testIds.includes(id)) return;
  const cfg = testConfig(id);
  const timeoutMs = cfg.timeoutSeconds * 1000;
  test(
    `${id}: ${cfg.name}`,
    async () => {
      const started = performance.now();
      const details: TestDetails = {};
      const t: GradedContext = {
        call: (probe, args) => submission().call(probe, args, timeoutMs),
        details,
        fail: (message, fraction) => {
          throw new GradeFailure(message, fraction);
        },
      };
      let outcome: TestOutcome;
      let error: unknown;
      try {
        const message = await fn(t);
        outcome = { id, status: 'passed', message: message || 'passed', details, durationMs: 0 };
      } catch (err) {
        error = err;
        const { status, message } = statusOf(err);
        const fraction = err instanceof GradeFailure ? err.fraction : undefined;
        outcome = { id, status, message, details, durationMs: 0, ...(fraction !== undefined ? { fraction } : {}) };
      }
      outcome.durationMs = Math.round(performance.now() - started);
      if (Object.keys(details).length === 0) delete outcome.details;
      record(outcome);
      if (error !== undefined) throw error;
      // Each probe call has the test's limit (and a host start its own); Jest's limit is only a backstop.
    },
    timeoutMs * 3 + 60_000,
  );
}
