/**
 * GradingRun -> Gradescope results.json. Pure. Outputs are Markdown (`md`), built only from
 * cleaned and escaped text and capped in length; names and tags are plain text (`text`).
 */
import type { GradingRun, ScoredTest, Visibility } from '../../results/types';
import { capLength, cleanText } from '../shared/sanitize';
import type { GradescopeLeaderboardEntry, GradescopeResults, GradescopeTest } from './gradescopeSchema';
import { TEST_OUTPUT_LIMIT, TOP_OUTPUT_LIMIT } from '../shared/limits';
import { summaryMarkdown, testMarkdown } from '../shared/markdown';
import { shownToStudent } from '../shared/studentView';

export type { GradescopeResults, GradescopeTest, GradescopeLeaderboardEntry } from './gradescopeSchema';

export const LEADERBOARD_COLUMN = 'RNN held-out perplexity';

export interface GradescopeOptions {
  /** When students may see the autograder's captured stdout. */
  stdoutVisibility: Visibility;
  /**
   * Word the outputs as students read them (grader/reporters/shared/studentView.ts, the policy of every
   * student-facing report): untouched TODOs read "not started", and a test students may not see
   * keeps its entry (Gradescope needs it for the score) but no output.
   */
  studentView?: boolean;
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

function toTest(test: ScoredTest, student: boolean): GradescopeTest {
  const output = student && !shownToStudent(test) ? '' : testMarkdown(test, true, student);
  return {
    score: test.score,
    max_score: test.maxScore,
    status: test.status === 'passed' ? 'passed' : 'failed',
    name: cleanText(test.name),
    number: test.number,
    output: capLength(output, TEST_OUTPUT_LIMIT),
    output_format: 'md',
    tags: test.tags.map(cleanText),
    visibility: test.visibility,
    extra_data: { id: test.id, status: test.status, durationMs: test.durationMs },
  };
}

export function toGradescopeResults(run: GradingRun, opts: GradescopeOptions): GradescopeResults {
  const env = run.environment;
  const results: GradescopeResults = {
    score: run.score,
    execution_time: Number.isFinite(run.executionSeconds) && run.executionSeconds > 0 ? round(run.executionSeconds, 2) : 0,
    output: capLength(summaryMarkdown(run, opts.studentView ?? false), TOP_OUTPUT_LIMIT),
    output_format: 'md',
    test_output_format: 'md',
    test_name_format: 'text',
    visibility: 'visible',
    stdout_visibility: opts.stdoutVisibility,
    extra_data: {
      backend: env.backend,
      device: env.device,
      gpu: env.gpu ?? false,
      adapter: env.adapter ?? null,
      isolation: env.isolation,
      versions: env.versions,
      seed: env.seed,
      hashes: env.hashes,
      mode: run.mode,
    },
    tests: run.tests.map((t) => toTest(t, opts.studentView ?? false)),
  };
  if (typeof run.rnnPerplexity === 'number' && Number.isFinite(run.rnnPerplexity)) {
    const entry: GradescopeLeaderboardEntry = { name: LEADERBOARD_COLUMN, value: round(run.rnnPerplexity, 2), order: 'asc' };
    results.leaderboard = [entry];
  }
  return results;
}
