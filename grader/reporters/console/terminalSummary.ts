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

/** The lines after the first (where the details of a failure are), indented and capped. */
export const MAX_DETAIL_LINES = 6;
function detailLines(message: string, indent: string): string[] {
  const rest = cleanText(message).replace(/\t/g, ' ').split('\n').slice(1).filter((l) => l.trim() !== '');
  const shown = rest.slice(0, MAX_DETAIL_LINES).map((l) => `${indent}${l.length > MESSAGE_WIDTH ? `${l.slice(0, MESSAGE_WIDTH - 1)}…` : l}`);
  if (rest.length > MAX_DETAIL_LINES) shown.push(`${indent}… ${rest.length - MAX_DETAIL_LINES} more lines in the report`);
  return shown;
}

function testLines(t: ScoredTest, paint: ReturnType<typeof painter>, studentView: boolean): string[] {
  const points = `${formatPoints(t.score)}/${formatPoints(t.maxScore)}`;
  const showMessage = !studentView || t.visibility === 'visible';
  const message = showMessage ? excerpt(t.message) : '';
  const line = `  ${paint(MARK_STYLE[t.status], MARK[t.status])} ${t.number.padEnd(5)} ${points.padStart(7)}  ${cleanText(t.name)}`;
  if (!message) return [line];
  const details = showMessage && t.status !== 'passed' ? detailLines(t.message, '            ') : [];
  return [`${line} ${paint('dim', `— ${message}`)}`, ...details.map((d) => paint('dim', d))];
}

export function formatTerminalSummary(run: GradingRun, opts: TerminalOptions): string {
  const paint = painter(opts.color);
  const lines: string[] = [];
  const questions = summarizeByQuestion(run.tests);
  for (const q of questions) {
    lines.push(paint('bold', `${cleanText(q.title)}  ${formatPoints(q.score)}/${formatPoints(q.maxScore)}`));
    for (const t of run.tests.filter((x) => x.question === q.id)) lines.push(...testLines(t, paint, opts.studentView ?? false));
  }
  for (const m of run.messages) lines.push(paint('yellow', `note: ${firstLine(cleanText(m))}`), ...detailLines(m, '      ').map((d) => paint('yellow', d)));

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
