/**
 * GradingRun -> Gradescope results.json. Pure. Outputs are Markdown (`md`), built only from
 * cleaned and escaped text and capped in length; names and tags are plain text (`text`).
 */
import type { GradingRun, ScoredTest, Visibility } from '../../results/types';
import { formatPoints } from '../format';
import { capLength, cleanText, escapeMarkdown } from '../sanitize';
import type { GradescopeLeaderboardEntry, GradescopeResults, GradescopeTest } from './gradescopeSchema';
import { testMarkdown } from './testMarkdown';
import { fixFirst, shownToStudent, studentStatusWord, totalShownToStudent } from '../studentView';

export type { GradescopeResults, GradescopeTest, GradescopeLeaderboardEntry } from './gradescopeSchema';

/** Longest `output` of one test, and of the whole submission (Gradescope's own cap is 100,000). */
export const TEST_OUTPUT_LIMIT = 10_000;
export const TOP_OUTPUT_LIMIT = 20_000;

export const LEADERBOARD_COLUMN = 'RNN held-out perplexity';

export interface GradescopeOptions {
  /** When students may see the autograder's captured stdout. */
  stdoutVisibility: Visibility;
  /**
   * Word the outputs as students read them (grader/reporters/studentView.ts, the policy of every
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

/** The student view's "fix this first" list: the earliest test of each question that did not pass. */
function fixFirstMarkdown(run: GradingRun): string | null {
  const tests = fixFirst(run.tests);
  if (tests.length === 0) return null;
  const lines = tests.map((t) => `- ${escapeMarkdown(cleanText(`${t.number} ${t.name}`))} (${escapeMarkdown(cleanText(t.questionTitle))}): ${studentStatusWord(t).toLowerCase()}`);
  return ['**Fix this first** (the first check of each question that does not pass yet, in the lecture\'s order):', '', ...lines].join('\n');
}

/**
 * The summary students see above the tests. The total is shown only when every test is visible:
 * Gradescope hides the total from students while any test is hidden, and so must we. `student`
 * adds the "fix this first" list.
 */
export function summaryMarkdown(run: GradingRun, student = false): string {
  const blocks: string[] = [];
  const visible = run.tests.filter(shownToStudent);
  if (totalShownToStudent(run)) {
    blocks.push(`**Score: ${formatPoints(run.score)} / ${formatPoints(run.maxScore)}**`);
  } else {
    const score = visible.reduce((s, t) => s + t.score, 0);
    const max = visible.reduce((s, t) => s + t.maxScore, 0);
    blocks.push(`**Visible tests: ${formatPoints(score)} / ${formatPoints(max)}** (other tests are shown later)`);
  }
  if (run.mode === 'check') blocks.push('Public checks only: hidden tests were not run.');
  const env = run.environment;
  blocks.push(
    escapeMarkdown(
      cleanText(`Graded on backend ${env.backend}, device ${env.device}, in ${formatPoints(run.executionSeconds)} s.`),
    ),
  );
  const first = student ? fixFirstMarkdown(run) : null;
  if (first) blocks.push(first);
  if (run.messages.length > 0) {
    // Each note keeps its lines (hard breaks inside its list item): a compiler message's code frame stays readable.
    blocks.push(run.messages.map((m) => `- ${escapeMarkdown(cleanText(m).trim())}`).join('\n'));
  }
  return blocks.join('\n\n');
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
