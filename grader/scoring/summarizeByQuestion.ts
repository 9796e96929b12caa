/** Per-question totals of scored tests, in the order the questions first appear. Pure. */
import type { ScoredTest } from '../results/types';
import { roundScore } from './scoreRun';

export interface QuestionSummary {
  id: string;
  title: string;
  score: number;
  maxScore: number;
  /** Tests with status `passed`. */
  passed: number;
  total: number;
}

export function summarizeByQuestion(tests: readonly ScoredTest[]): QuestionSummary[] {
  const byId = new Map<string, QuestionSummary>();
  for (const t of tests) {
    let q = byId.get(t.question);
    if (!q) {
      q = { id: t.question, title: t.questionTitle, score: 0, maxScore: 0, passed: 0, total: 0 };
      byId.set(t.question, q);
    }
    q.score = roundScore(q.score + t.score);
    q.maxScore = roundScore(q.maxScore + t.maxScore);
    q.total += 1;
    if (t.status === 'passed') q.passed += 1;
  }
  return [...byId.values()];
}
