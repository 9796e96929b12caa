/**
 * The terminal summary printed after grading or checking: per question a heading with its score,
 * one line per test, the total and the backend. Pure; ANSI colours only when asked for. Text that
 * came from the run is cleaned first, so a submission cannot move the cursor or recolour the
 * terminal.
 */
import type { GradingRun, ScoredTest, TestStatus } from '../../results/types';
import { summarizeByQuestion } from '../../scoring/summarizeByQuestion';
import { firstLine, formatPoints } from '../shared/format';
import { cleanText } from '../shared/sanitize';
import { fixFirst, notStarted, shownToStudent, studentMessage, studentStatusWord } from '../shared/studentView';

export interface TerminalOptions {
  color: boolean;
  /**
   * What students may see (grader/reporters/shared/studentView.ts): tests that are not visible are left
   * out, untouched TODOs read "not started", and a "fix this first" list comes first.
   */
  studentView?: boolean;
}

/** Longest message excerpt on a test's line. */
export const MESSAGE_WIDTH = 160;

const MARK: Record<TestStatus, string> = { passed: '✓', failed: '✗', timeout: '⏱', error: '!', not_run: '-' };

const SGR = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', magenta: '35' } as const;
type Style = keyof typeof SGR;

const MARK_STYLE: Record<TestStatus, Style> = { passed: 'green', failed: 'red', timeout: 'yellow', error: 'magenta', not_run: 'dim' };

function painter(color: boolean): (style: Style, s: string) => string {
  return color ? (style, s) => `\u001b[${SGR[style]}m${s}\u001b[0m` : (_style, s) => s;
}

function excerpt(message: string): string {
  const line = firstLine(cleanText(message)).replace(/\t/g, ' ');
  return line.length > MESSAGE_WIDTH ? `${line.slice(0, MESSAGE_WIDTH - 1)}…` : line;
}

/** The lines after the first (where the details of a failure are), indented and capped. */
export const MAX_DETAIL_LINES = 6;
function detailLines(message: string, indent: string): string[] {
  const rest = cleanText(message)
    .replace(/\t/g, ' ')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '');
  const shown = rest
    .slice(0, MAX_DETAIL_LINES)
    .map((l) => `${indent}${l.length > MESSAGE_WIDTH ? `${l.slice(0, MESSAGE_WIDTH - 1)}…` : l}`);
  if (rest.length > MAX_DETAIL_LINES) shown.push(`${indent}… ${rest.length - MAX_DETAIL_LINES} more lines in the report`);
  return shown;
}

function testLines(t: ScoredTest, paint: ReturnType<typeof painter>, studentView: boolean): string[] {
  const points = `${formatPoints(t.score)}/${formatPoints(t.maxScore)}`;
  const todo = studentView && notStarted(t) !== null;
  const text = studentView ? studentMessage(t) : t.message;
  const message = excerpt(text);
  const mark = todo ? paint('dim', '○') : paint(MARK_STYLE[t.status], MARK[t.status]);
  const line = `  ${mark} ${t.number.padEnd(5)} ${points.padStart(7)}  ${cleanText(t.name)}`;
  if (!message) return [line];
  const details = t.status !== 'passed' ? detailLines(text, '            ') : [];
  return [`${line} ${paint('dim', `— ${message}`)}`, ...details.map((d) => paint('dim', d))];
}

/** The student view's first lines: the heading and the earliest failing check of each question. */
function fixFirstLines(run: GradingRun, paint: ReturnType<typeof painter>): string[] {
  const lines = [paint('bold', run.mode === 'check' ? 'Your public checks' : 'Your results')];
  const first = fixFirst(run.tests);
  if (first.length > 0) {
    lines.push('Fix this first (the first check of each question that does not pass yet):');
    for (const t of first) lines.push(`  ${t.number.padEnd(5)} ${cleanText(t.name)}: ${studentStatusWord(t).toLowerCase()}`);
  }
  lines.push('');
  return lines;
}

export function formatTerminalSummary(run: GradingRun, opts: TerminalOptions): string {
  const paint = painter(opts.color);
  const student = opts.studentView ?? false;
  const lines: string[] = student ? fixFirstLines(run, paint) : [];
  const shown = run.tests.filter((t) => !student || shownToStudent(t));
  for (const q of summarizeByQuestion(shown)) {
    lines.push(paint('bold', `${cleanText(q.title)}  ${formatPoints(q.score)}/${formatPoints(q.maxScore)}`));
    for (const t of shown.filter((x) => x.question === q.id)) lines.push(...testLines(t, paint, student));
  }
  const later = run.tests.length - shown.length;
  if (later > 0) lines.push(paint('dim', `${later} more ${later === 1 ? 'test is' : 'tests are'} shown later.`));
  for (const m of run.messages)
    lines.push(paint('yellow', `note: ${firstLine(cleanText(m))}`), ...detailLines(m, '      ').map((d) => paint('yellow', d)));

  const passed = shown.filter((t) => t.status === 'passed').length;
  const total = shown.length;
  lines.push('');
  const score = shown.reduce((sum, t) => sum + t.score, 0);
  const max = shown.reduce((sum, t) => sum + t.maxScore, 0);
  lines.push(
    paint(
      'bold',
      later > 0
        ? `Visible tests: ${formatPoints(score)}/${formatPoints(max)} points`
        : `Total: ${formatPoints(run.score)}/${formatPoints(run.maxScore)} points`,
    ),
  );
  const env = run.environment;
  lines.push(cleanText(`backend ${env.backend}, device ${env.device}`));
  if (run.mode === 'check') {
    lines.push(paint(passed === total ? 'green' : 'yellow', `${passed}/${total} public checks passed (the hidden tests were not run)`));
  } else {
    lines.push(paint(passed === total ? 'green' : 'yellow', `${passed}/${total} tests passed`));
  }
  return lines.join('\n');
}
