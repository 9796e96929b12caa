/**
 * What the compile step means for the student (issue 8): notes for the run, and the outcome of the
 * grader's own type-check test when `typeErrors` is "fail". Pure.
 *  - A file replaced by a throwing stub (syntax error, unresolved import) costs the tests that
 *    load it; its note says so and gives the compiler's messages.
 *  - A file with type errors ran as written. Under "report" its note shows the errors and that
 *    they cost nothing. Under "fail" the type-check test fails and its message shows them, so
 *    they cost that test's points and nothing else.
 */
import { TYPE_CHECK_TEST_ID, type TypeErrorPolicy } from '../config/assignmentConfig';
import type { TestOutcome } from '../results/types';
import type { CompileResult } from '../intake/compile/compileSubmission';

export interface CompileFeedback {
  /** Notes for GradingRun.messages. */
  messages: string[];
  /** The type-check test's outcome, when it is graded; else empty. */
  outcomes: TestOutcome[];
}

export const TYPE_CHECK_PASSED = "every file compiles under the lab's strict TypeScript settings without an error";

/**
 * @param files  per-file compile results
 * @param policy the config's typeErrors
 * @param graded whether this run grades TYPE_CHECK_TEST_ID (it may be left out of `check`)
 */
export function compileFeedback(files: CompileResult['files'], policy: TypeErrorPolicy, graded: boolean): CompileFeedback {
  const entries = Object.entries(files);
  const stubbed = entries.filter(([, r]) => !r.emitted);
  const typed = entries.filter(([, r]) => r.emitted && !r.ok);
  const messages = stubbed.map(([file, r]) => `${file} did not compile; the tests that need it fail:\n${r.diagnostics}`);
  const asTest = policy === 'fail' && graded;
  if (!asTest) {
    const cost =
      policy === 'fail' ? `they cost the points of the type-check test (${TYPE_CHECK_TEST_ID}) when it is graded` : 'they cost no points';
    messages.push(...typed.map(([file, r]) => `${file} has type errors; it ran as written and ${cost}:\n${r.diagnostics}`));
    return { messages, outcomes: [] };
  }
  if (stubbed.length === 0 && typed.length === 0)
    return { messages, outcomes: [{ id: TYPE_CHECK_TEST_ID, status: 'passed', message: TYPE_CHECK_PASSED, durationMs: 0 }] };
  const names = [...typed, ...stubbed].map(([file]) => file).join(', ');
  const lines = [`errors in ${names} (a file with only type errors ran as written: this test alone costs their points)`];
  for (const [, r] of typed) lines.push(r.diagnostics);
  for (const [file] of stubbed) lines.push(`${file} did not compile (its errors are in the notes on the submission)`);
  return { messages, outcomes: [{ id: TYPE_CHECK_TEST_ID, status: 'failed', message: lines.join('\n'), durationMs: 0 }] };
}
