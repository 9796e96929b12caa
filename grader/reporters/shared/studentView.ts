/**
 * What a student sees of a run: the one policy behind every student-facing output (the terminal
 * summary, report.html and report.md of `check`, and results.json in its student view). Pure.
 *  - A test is shown only when it is `visible` (Gradescope hides the others from students too), and
 *    the total only when every test is.
 *  - A test that stopped on a `TODO(task)` of the stencil has not been started: it reads "not
 *    started", in a neutral colour, with the task's hint, not as an error.
 *  - "Fix this first": of each question, the earliest shown test that did not pass, in the order of
 *    the config, which is the lecture's.
 */
import type { GradingRun, ScoredTest } from '../../results/types';
import { STATUS_WORD } from './format';

/** The word for a test whose TODO was never started. */
export const NOT_STARTED_WORD = 'Not started';

/** A stencil TODO as the host reports it: "Error: TODO(task): hint (near file.ts line 12)". */
const TODO_MESSAGE = /^(?:[A-Za-z]*Error: )?TODO\(([^)\n]+)\)(?::[ \t]*([^\n]*?))?(?: \(near [^()\n]+\))?\s*$/;

export interface NotStarted {
  /** The task named in the TODO, e.g. "buildVocab" or "RnnLM.constructor". */
  task: string;
  /** What the stencil says to do ("" when its TODO gives no hint). */
  hint: string;
}

/** Whether students may see this test at all. */
export function shownToStudent(t: Pick<ScoredTest, 'visibility'>): boolean {
  return t.visibility === 'visible';
}

/** Whether the total of the run may be shown to students (every test is shown). */
export function totalShownToStudent(run: Pick<GradingRun, 'tests'>): boolean {
  return run.tests.every(shownToStudent);
}

/** The TODO a test stopped on, when that is all it found: the student has not started the task. */
export function notStarted(t: Pick<ScoredTest, 'status' | 'message'>): NotStarted | null {
  if (t.status !== 'error') return null;
  const m = TODO_MESSAGE.exec(t.message.trim());
  return m ? { task: m[1].trim(), hint: (m[2] ?? '').trim() } : null;
}

/** The status word a student reads: "Not started" for an untouched TODO, else the usual word. */
export function studentStatusWord(t: Pick<ScoredTest, 'status' | 'message'>): string {
  return notStarted(t) ? NOT_STARTED_WORD : STATUS_WORD[t.status];
}

/** The message a student reads: the task and its hint for an untouched TODO, else the test's message. */
export function studentMessage(t: Pick<ScoredTest, 'status' | 'message'>): string {
  const todo = notStarted(t);
  if (!todo) return t.message;
  return todo.hint ? `${todo.task} is not started yet. Hint: ${todo.hint}` : `${todo.task} is not started yet.`;
}

/** Of each question, the earliest shown test that did not pass, in config (lecture) order. */
export function fixFirst(tests: readonly ScoredTest[]): ScoredTest[] {
  const first = new Map<string, ScoredTest>();
  for (const t of tests) if (shownToStudent(t) && t.status !== 'passed' && !first.has(t.question)) first.set(t.question, t);
  return [...first.values()];
}

/** What every report format is told about its reader. */
export interface ReportOptions {
  /**
   * Show what students may see (grader/reporters/shared/studentView.ts): tests that are not `visible` are
   * left out, and so is the total while any is; untouched TODOs read "not started"; a "fix this
   * first" list heads the page; training charts are open.
   */
  studentView?: boolean;
}
