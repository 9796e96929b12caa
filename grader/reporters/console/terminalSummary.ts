/**
 * The terminal summary printed after grading or checking: per question a heading with its score,
 * one line per test, the total and the backend. Pure; ANSI colours only when asked for. Text that
 * came from the run is cleaned first, so a submission cannot move the cursor or recolour the
 * terminal.
 */
import type { GradingRun, ScoredTest, TestStatus } from '../../results/types';
import { summarizeByQuestion } from '../../scoring/summarizeByQuestion';
import { firstLine, formatPoints } from '../format';
import { cleanText } from '../sanitize';

export interface TerminalOptions {
  color: boolean;
  /** Leave out the messages of tests that are not visible to students (e.g. when stdout is shown to them). */
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

function testLine(t: ScoredTest, paint: ReturnType<typeof painter>, studentView: boolean): string {
  const points = `${formatPoints(t.score)}/${formatPoints(t.maxScore)}`;
  const showMessage = !studentView || t.visibility === 'visible';
  const message = showMessage ? excerpt(t.message) : '';
  const line = `  ${paint(MARK_STYLE[t.status], MARK[t.status])} ${t.number.padEnd(5)} ${points.padStart(7)}  ${cleanText(t.name)}`;
  return message ? `${line} ${paint('dim', `— ${message}`)}` : line;
}

export function formatTerminalSummary(run: GradingRun, opts: TerminalOptions): string {
  const paint = painter(opts.color);
  const lines: string[] = [];
  const questions = summarizeByQuestion(run.tests);
  for (const q of questions) {
    lines.push(paint('bold', `${cleanText(q.title)}  ${formatPoints(q.score)}/${formatPoints(q.maxScore)}`));
    for (const t of run.tests.filter((x) => x.question === q.id)) lines.push(testLine(t, paint, opts.studentView ?? false));
  }
  for (const m of run.messages) lines.push(paint('yellow', `note: ${firstLine(cleanText(m))}`));

  const passed = run.tests.filter((t) => t.status === 'passed').length;
  const total = run.tests.length;
  lines.push('');
  lines.push(paint('bold', `Total: ${formatPoints(run.score)}/${formatPoints(run.maxScore)} points`));
  const env = run.environment;
  lines.push(cleanText(`backend ${env.backend}, device ${env.device}`));
  if (run.mode === 'check') {
    lines.push(paint(passed === total ? 'green' : 'yellow', `public checks: ${passed}/${total} passed (hidden tests were not run)`));
  } else {
    lines.push(paint(passed === total ? 'green' : 'yellow', `${passed}/${total} tests passed`));
  }
  return lines.join('\n');
}
