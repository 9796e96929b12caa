/**
 * The Markdown that results.json and report.md share (Gradescope's `md` output format): the run's
 * summary, and one test's feedback: the status word for anything but a pass, the message, and the
 * evidence (tensor comparisons as a table, shapes, training numbers). Everything that came from
 * the run is cleaned and escaped; only the table syntax and emphasis are ours.
 */
import type { GradingRun, ScoredTest, TestDetails } from '../../results/types';
import { formatError, formatShape } from '../../format';
import { formatPoints, STATUS_WORD } from './format';
import { cleanText, escapeMarkdown } from './sanitize';
import { fixFirst, shownToStudent, studentMessage, studentStatusWord, totalShownToStudent } from './studentView';

/** Untrusted text, escaped for a Markdown paragraph or table cell. */
function md(s: string): string {
  return escapeMarkdown(cleanText(s));
}

function cell(s: string): string {
  // Inside a table a line break would end the row.
  return md(s.replace(/\s*\n\s*/g, ' '));
}

function comparisonsTable(details: TestDetails): string[] {
  const rows = details.comparisons ?? [];
  if (rows.length === 0) return [];
  return [
    '| weight | shape | max abs err | max rel err | tolerance | ok |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (c) =>
        `| ${cell(c.name)} | ${cell(formatShape(c.shape))} | ${formatError(c.maxAbsError)} | ${formatError(c.maxRelError)} | ` +
        `${cell(c.tolerance)} | ${c.ok ? 'yes' : `no${c.firstBadIndex === undefined ? '' : ` (first at index ${c.firstBadIndex})`}`} |`,
    ),
  ];
}

function shapesTable(details: TestDetails): string[] {
  const rows = details.shapes ?? [];
  if (rows.length === 0) return [];
  return [
    '| tensor | expected shape | found shape |',
    '|---|---|---|',
    ...rows.map((s) => `| ${cell(s.name)} | ${cell(formatShape(s.expected))} | ${cell(formatShape(s.found))} |`),
  ];
}

function trainingLines(details: TestDetails): string[] {
  const t = details.training;
  if (!t) return [];
  const first = t.losses[0];
  const last = t.losses[t.losses.length - 1];
  const lines = [
    t.indicative
      ? `- indicative held-out perplexity: ${formatError(t.perplexity)} (a preview, not the graded bar: the graded test trains ${t.indicative.gradedSteps} steps and needs ${formatError(t.threshold)} or less)`
      : `- held-out perplexity: ${formatError(t.perplexity)} (pass at or below ${formatError(t.threshold)})`,
    `- ${t.steps} steps in ${formatError(t.seconds)} s` +
      (first !== undefined && last !== undefined ? `, loss ${formatError(first)} → ${formatError(last)}` : ''),
  ];
  if (t.sample !== undefined) lines.push(`- sample: ${cell(t.sample)}`);
  return lines;
}

function valueLines(details: TestDetails): string[] {
  return Object.entries(details.values ?? {}).map(([k, v]) => `- ${cell(k)}: ${cell(String(v))}`);
}

/**
 * Markdown blocks (separated by blank lines) for one test; `withDetails` false gives the message
 * only; `student` words it as students read it (an untouched TODO is "not started", with its hint).
 */
export function testMarkdown(test: ScoredTest, withDetails: boolean, student = false): string {
  const blocks: string[] = [];
  const message = (student ? studentMessage(test) : test.message).trim();
  const word = student ? studentStatusWord(test) : STATUS_WORD[test.status];
  if (test.status !== 'passed') {
    blocks.push(message ? `**${word}:** ${md(message)}` : `**${word}**`);
  } else if (message) {
    blocks.push(md(message));
  }
  if (withDetails && test.details) {
    for (const part of [comparisonsTable, shapesTable, trainingLines, valueLines]) {
      const lines = part(test.details);
      if (lines.length > 0) blocks.push(lines.join('\n'));
    }
  }
  return blocks.join('\n\n');
}

/** The student view's "fix this first" list: the earliest test of each question that did not pass. */
function fixFirstMarkdown(run: GradingRun): string | null {
  const tests = fixFirst(run.tests);
  if (tests.length === 0) return null;
  const lines = tests.map(
    (t) =>
      `- ${escapeMarkdown(cleanText(`${t.number} ${t.name}`))} (${escapeMarkdown(cleanText(t.questionTitle))}): ${studentStatusWord(t).toLowerCase()}`,
  );
  return ["**Fix this first** (the first check of each question that does not pass yet, in the lecture's order):", '', ...lines].join('\n');
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
    escapeMarkdown(cleanText(`Graded on backend ${env.backend}, device ${env.device}, in ${formatPoints(run.executionSeconds)} s.`)),
  );
  const first = student ? fixFirstMarkdown(run) : null;
  if (first) blocks.push(first);
  if (run.messages.length > 0) {
    // Each note keeps its lines (hard breaks inside its list item): a compiler message's code frame stays readable.
    blocks.push(run.messages.map((m) => `- ${escapeMarkdown(cleanText(m).trim())}`).join('\n'));
  }
  return blocks.join('\n\n');
}
