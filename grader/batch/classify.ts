/**
 * What one grading run means for the gradebook: its points per question and its status. The kinds
 * are read from the run the grader wrote (run.json): staging refused the submission (rejected), a
 * test or the run hit its time limit (timeout), the submission's process died (crash), a file did
 * not compile (compile), a hidden suite broke (grader_fault). The phrases matched here are the
 * grader's own, from grader/suites/support/graded.ts, grader/scoring/compileFeedback.ts and
 * grader/grading/gradeSubmission.ts. Pure.
 */
import { firstLine } from '../reporters/shared/format';
import type { GradingRun } from '../results/types';
import type { BatchEntry, EntryStatus, FailureKind } from './types';

/** Most serious first: the status of a row is the first of its kinds in this order. */
export const KIND_ORDER: readonly FailureKind[] = ['grader_fault', 'rejected', 'timeout', 'crash', 'compile'];

const CRASH = /^Your code crashed the process/;
const GRADER_ERROR = /^internal grader error/;
const COMPILE_NOTE = /^(\S+\.ts) did not compile/;
const NOT_RUN = /^not run: /;

/** The fields of an entry that come from the run itself. */
export type RunVerdict = Pick<
  BatchEntry,
  'status' | 'kinds' | 'reasons' | 'reason' | 'score' | 'maxScore' | 'questions' | 'tests' | 'backend'
>;

export function statusOf(kinds: readonly FailureKind[]): EntryStatus {
  return KIND_ORDER.find((k) => kinds.includes(k)) ?? 'graded';
}

function scores(run: GradingRun): Pick<RunVerdict, 'questions' | 'tests'> {
  const questions: Record<string, number> = {};
  const tests: RunVerdict['tests'] = {};
  for (const t of run.tests) {
    questions[t.question] = Math.round(((questions[t.question] ?? 0) + t.score) * 100) / 100;
    tests[t.id] = t.status;
  }
  return { questions, tests };
}

export function verdictOf(run: GradingRun): RunVerdict {
  const reasons = new Map<FailureKind, string>();
  const note = (kind: FailureKind, why: string) => {
    if (!reasons.has(kind)) reasons.set(kind, why);
  };
  const ran = run.tests.filter((t) => t.status !== 'not_run');
  if (ran.length === 0 && !run.deadlineHit && run.tests.length > 0) note('rejected', firstLine(run.tests[0].message.replace(NOT_RUN, '')));
  if (run.deadlineHit) note('timeout', firstLine(run.messages.find((m) => /time limit/.test(m)) ?? 'grading reached its time limit'));
  for (const t of run.tests) {
    if (t.status === 'timeout') note('timeout', `${t.id}: ${firstLine(t.message)}`);
    if (CRASH.test(t.message)) note('crash', `${t.id}: ${firstLine(t.message)}`);
    if (GRADER_ERROR.test(t.message)) note('grader_fault', `${t.id}: ${firstLine(t.message)}`);
  }
  if (run.messages.some((m) => m.startsWith('internal grader error')))
    note('grader_fault', firstLine(run.messages.find((m) => m.startsWith('internal grader error'))!));
  const uncompiled = run.messages.map((m) => COMPILE_NOTE.exec(m)?.[1]).filter((f): f is string => f !== undefined);
  if (uncompiled.length > 0) note('compile', `${uncompiled.join(', ')} did not compile`);
  const kinds = KIND_ORDER.filter((k) => reasons.has(k));
  const status = statusOf(kinds);
  return {
    status,
    kinds,
    reasons: Object.fromEntries(reasons),
    reason: status === 'graded' ? '' : reasons.get(status)!,
    score: status === 'grader_fault' ? null : run.score,
    maxScore: run.maxScore,
    ...scores(run),
    backend: run.environment.backend,
  };
}

/** A run that left no run.json: the grader failed, the process died, or the batch stopped it. */
export function verdictWithoutRun(kind: 'grader_fault' | 'timeout' | 'rejected', reason: string, maxScore: number): RunVerdict {
  return {
    status: kind,
    kinds: [kind],
    reasons: { [kind]: reason },
    reason,
    score: kind === 'rejected' ? 0 : null,
    maxScore,
    questions: {},
    tests: {},
    backend: 'none',
  };
}
