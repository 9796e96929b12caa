/**
 * results.json for when grading could not run at all (bad upload, missing config, a crash of the
 * grader itself): score 0 and one visible test that says why, so Gradescope never shows "The
 * autograder failed to execute correctly" without a reason.
 */
import type { RunEnvironment } from '../../results/types';
import { markdownText } from '../sanitize';
import type { GradescopeResults } from './gradescopeSchema';
import { TEST_OUTPUT_LIMIT, TOP_OUTPUT_LIMIT } from './toGradescope';

export const FAILURE_TEST_NAME = 'Autograder error';

export function failureResults(message: string, environment: Partial<RunEnvironment> = {}): GradescopeResults {
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
    // JSON round trip: only plain data, and no `undefined` values the schema would not see.
    extra_data: { ...(JSON.parse(JSON.stringify(environment)) as Record<string, unknown>), error: true },
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
