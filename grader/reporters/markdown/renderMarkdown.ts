/**
 * The Markdown report (report.md): for CI step summaries, in basic Markdown (what Gradescope's `md`
 * mode renders too). The summary and each test's body are Gradescope's own (summaryMarkdown,
 * testMarkdown), so the two never disagree; reports/templates/report.md.hbs lays them out with a
 * heading per question and a line per test. Every value is escaped Markdown before it reaches the
 * template, which is compiled without HTML escaping.
 */
import type { GradingRun, ScoredTest, TestStatus } from '../../results/types';
import { summarizeByQuestion } from '../../scoring/summarizeByQuestion';
import { formatPoints, shortHash, STATUS_WORD } from '../shared/format';
import { summaryMarkdown, testMarkdown } from '../shared/markdown';
import { TEST_OUTPUT_LIMIT } from '../shared/limits';
import { capLength, cleanText, escapeMarkdown } from '../shared/sanitize';
import { type CompiledTemplate, compileTemplate } from '../shared/template';
import type { ReportOptions } from '../shared/studentView';
import { notStarted, shownToStudent } from '../shared/studentView';

const MARK: Record<TestStatus, string> = { passed: '✅', failed: '❌', error: '⚠️', timeout: '⏱️', not_run: '➖' };

interface MarkdownView {
  title: string;
  summary: string;
  overview: string[];
  questions: { heading: string; later: string | null; tests: { heading: string; body: string | null }[] }[];
  footer: string;
}

/** Untrusted text on one line, escaped. */
function inline(s: string): string {
  return escapeMarkdown(cleanText(s).replace(/\s*\n\s*/g, ' '));
}

function points(score: number, max: number): string {
  return `${formatPoints(score)} / ${formatPoints(max)}`;
}

/** The body under a test's line: why it did not pass and the evidence; for a pass, only training numbers. */
function testBody(t: ScoredTest, student: boolean): string | null {
  if (t.status === 'passed' && !t.details?.training) return null;
  return capLength(testMarkdown(t, true, student), TEST_OUTPUT_LIMIT) || null;
}

/** "(failed)" after a test that did not pass; "(not started)" for an untouched TODO in the student view. */
function statusNote(t: ScoredTest, student: boolean): string {
  if (t.status === 'passed') return '';
  return student && notStarted(t) ? ' (not started)' : ` (${STATUS_WORD[t.status].toLowerCase()})`;
}

export function markdownView(run: GradingRun, opts: ReportOptions = {}): MarkdownView {
  const student = opts.studentView ?? false;
  const shown = (t: ScoredTest) => !student || shownToStudent(t);
  const questions = summarizeByQuestion(run.tests).map((q) => {
    const all = run.tests.filter((t) => t.question === q.id);
    const tests = all.filter(shown);
    const hidden = all.length - tests.length;
    return {
      title: inline(q.title),
      score: points(
        tests.reduce((s, t) => s + t.score, 0),
        tests.reduce((s, t) => s + t.maxScore, 0),
      ),
      allPassed: tests.every((t) => t.status === 'passed'),
      tests,
      later: hidden > 0 ? `${hidden} more ${hidden === 1 ? 'test is' : 'tests are'} shown later.` : null,
    };
  });
  const env = run.environment;
  return {
    title:
      student && run.mode === 'check'
        ? `Your public checks: ${inline(run.submission)}`
        : `${run.mode === 'check' ? 'Public checks' : 'Grading report'}: ${inline(run.submission)}`,
    // Staff see the total even while some tests are hidden from students.
    summary: student
      ? summaryMarkdown(run, true)
      : summaryMarkdown({ ...run, tests: run.tests.map((t) => ({ ...t, visibility: 'visible' as const })) }),
    overview: questions.map((q) => `${q.allPassed ? '✅' : '❌'} ${q.title}: **${q.score}**`),
    questions: questions.map((q) => ({
      heading: `${q.title} (${q.score})`,
      later: q.later,
      tests: q.tests.map((t) => ({
        heading: `${student && notStarted(t) ? '⚪' : MARK[t.status]} **${inline(t.number)} ${inline(t.name)}**: ${points(t.score, t.maxScore)}${statusNote(t, student)}`,
        body: testBody(t, student),
      })),
    })),
    footer: inline(
      `rnn-lab ${env.versions.rnnLab}, Node ${env.versions.node}, TensorFlow.js ${env.versions.tfjs}; suites ${shortHash(env.hashes.suites)}, config ${shortHash(env.hashes.config)}; seed ${env.seed}; started ${run.startedAt}`,
    ),
  };
}

let template: CompiledTemplate<MarkdownView> | undefined;

export function renderMarkdown(run: GradingRun, opts: ReportOptions = {}): string {
  template ??= compileTemplate<MarkdownView>('report.md.hbs', { noEscape: true });
  // Blank lines collapse to one, so a missing block never leaves a gap.
  return `${template
    .render(markdownView(run, opts))
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
