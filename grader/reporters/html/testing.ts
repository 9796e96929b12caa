/**
 * Test helpers for the report formats (excluded from the build): a failing run with every kind of
 * evidence, built from the sample assignment's outcomes and the real scoring function.
 */
import type { GradingRun, TestOutcome } from '../../results/types';
import { scoreRun } from '../../scoring/scoreRun';
import { sampleConfig } from '../../scoring/testing';
import { sampleRun, sampleOutcomes } from '../testing';

/**
 * `n` losses of a run that learns: from ln(vocab) ≈ 8.5 down towards `end`, with deterministic
 * batch-to-batch noise, as a real 200-step training run reports them.
 */
export function trainingCurve(n = 200, start = 8.52, end = 5.55): number[] {
  let seed = 12345;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31 - 0.5;
  };
  return Array.from({ length: n }, (_, i) => {
    const progress = 1 - Math.exp((-4 * i) / n);
    return Number((start + (end - start) * progress + noise() * 0.35 * (1 - progress / 2)).toFixed(4));
  });
}

/** sampleRun() with a shape failure, a real-length training curve that misses the bar, and a compile note. */
export function failingRun(patch: (outcomes: TestOutcome[]) => void = () => undefined): GradingRun {
  const outcomes = sampleOutcomes().map((o): TestOutcome => {
    if (o.id === 'data.windows') {
      return {
        ...o,
        status: 'failed',
        message: 'labels have the wrong shape: makeWindows must return [numWindows, windowSz] for both inputs and labels',
        details: {
          shapes: [
            { name: 'inputs', expected: [2, 5], found: [2, 5] },
            { name: 'labels', expected: [2, 5], found: [2, 4] },
            { name: 'mask', expected: [2, 5], found: null },
          ],
        },
      };
    }
    if (o.id === 'train.rnn') {
      const losses = trainingCurve(200, 8.52, 6.4);
      return {
        ...o,
        status: 'failed',
        message: 'after 200 steps, the held-out perplexity is 612.4, above the bar of 400 (uniform guessing would be 5000). Check the model, the loss and the optimizer step.',
        details: { training: { losses, perplexity: 612.4, threshold: 400, implausibleBelow: 20, steps: 200, seconds: 40.8, sample: 'the the jury said <unk> . of the' } },
      };
    }
    return o;
  });
  patch(outcomes);
  const scored = scoreRun(outcomes, sampleConfig());
  return sampleRun({
    tests: scored.tests,
    score: scored.score,
    maxScore: scored.maxScore,
    rnnPerplexity: 612.4,
    messages: ['solution.ts: 1 file ignored (not part of the handout)', "loss.ts did not compile; the tests that need it fail:\nloss.ts(12,5): error TS1005: ')' expected."],
  });
}
