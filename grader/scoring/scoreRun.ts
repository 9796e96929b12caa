/**
 * Scoring: raw test outcomes + the assignment's rubric -> scored tests and totals. Pure: no I/O, no
 * clock, no mutation of its inputs. Every test in the config is listed exactly once, in config
 * order, whether or not it ran, so the maximum score never depends on how far grading got.
 */
import type { AssignmentConfig, TestConfig } from '../config/assignmentConfig';
import type { ScoredTest, TestOutcome } from '../results/types';

export interface ScoreResult {
  tests: ScoredTest[];
  score: number;
  maxScore: number;
  /** Problems with the outcomes themselves (unknown or duplicate ids); for staff, not students. */
  warnings: string[];
}

/** Message of a test that has no outcome. */
export const NOT_RUN_MESSAGE = 'did not run';

/** Rounds to 4 decimals, so 0.1 + 0.2 reads 0.3 and 1/3 of a point reads 0.3333. */
export function roundScore(x: number): number {
  const r = Math.round(x * 1e4) / 1e4;
  return Object.is(r, -0) ? 0 : r;
}

/** Clamps a partial-credit fraction to [0, 1]; NaN (and anything not a number) counts as 0. */
export function clampFraction(fraction: number): number {
  if (typeof fraction !== 'number' || Number.isNaN(fraction)) return 0;
  return Math.min(1, Math.max(0, fraction));
}

/** Points one outcome earns under its test's rubric entry. */
export function pointsFor(outcome: TestOutcome, test: TestConfig): number {
  const { status, fraction } = outcome;
  if (status !== 'passed' && status !== 'failed') return 0;
  if (test.partialCredit && fraction !== undefined) return roundScore(clampFraction(fraction) * test.points);
  return status === 'passed' ? test.points : 0;
}

export function scoreRun(outcomes: readonly TestOutcome[], config: AssignmentConfig): ScoreResult {
  const warnings: string[] = [];
  const configured = new Set<string>();
  for (const q of config.questions) {
    for (const t of q.tests) {
      if (configured.has(t.id)) warnings.push(`the config lists test "${t.id}" more than once`);
      configured.add(t.id);
    }
  }

  const byId = new Map<string, TestOutcome>();
  for (const o of outcomes) {
    if (!configured.has(o.id)) {
      warnings.push(`outcome for unknown test "${o.id}" ignored: it is not in the assignment config`);
    } else if (byId.has(o.id)) {
      warnings.push(`duplicate outcome for test "${o.id}" ignored: the first one counts`);
    } else {
      byId.set(o.id, o);
    }
  }

  const tests: ScoredTest[] = [];
  config.questions.forEach((q, qi) => {
    q.tests.forEach((t, ti) => {
      const outcome: TestOutcome = byId.get(t.id) ?? { id: t.id, status: 'not_run', message: NOT_RUN_MESSAGE, durationMs: 0 };
      tests.push({
        ...outcome,
        question: q.id,
        questionTitle: q.title,
        name: t.name,
        number: `${qi + 1}.${ti + 1}`,
        score: pointsFor(outcome, t),
        maxScore: t.points,
        visibility: t.visibility,
        tags: [...t.tags],
      });
    });
  });

  return {
    tests,
    score: roundScore(tests.reduce((sum, t) => sum + t.score, 0)),
    maxScore: roundScore(tests.reduce((sum, t) => sum + t.maxScore, 0)),
    warnings,
  };
}
