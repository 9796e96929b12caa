/**
 * results.json for when grading could not run at all (bad upload, missing config, a crash of the
 * grader itself): score 0 and one visible test that says why, so Gradescope never shows "The
 * autograder failed to execute correctly" without a reason.
 */
import type { RunEnvironment } from '../../results/types';
import { markdownText } from '../shared/sanitize';
import type { GradescopeResults } from './gradescopeSchema';
import { TEST_OUTPUT_LIMIT, TOP_OUTPUT_LIMIT } from '../shared/limits';

export const FAILURE_TEST_NAME = 'Autograder error';

/** `versions`: the grader's (grading/provenance.ts), when it got far enough to know them. */
export function failureResults(message: string, versions?: RunEnvironment['versions']): GradescopeResults {
  const text = message.trim() || 'grading could not run';
  return {
    score: 0,
    execution_time: 0,
    output: `**The autograder could not grade this submission.**\n\n${markdownText(text, TOP_OUTPUT_LIMIT - 100)}`,
    output_format: 'md',
    test_output_format: 'md',
    test_name_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    extra_data: { ...(versions ? { versions: { ...versions } } : {}), error: true },
    tests: [
      {
        score: 0,
        max_score: 0,
        status: 'failed',
        name: FAILURE_TEST_NAME,
        number: '0',
        output: markdownText(text, TEST_OUTPUT_LIMIT),
        output_format: 'md',
        tags: [],
        visibility: 'visible',
      },
    ],
  };
}
