/**
 * Test helpers for reporters (excluded from the build): a realistic GradingRun of the sample
 * assignment, scored by the real scoring function, that every reporter's tests can share; a
 * failing run with every kind of evidence; a real-length training curve.
 */
import type { GradingRun, RunEnvironment, TestOutcome } from '../../results/types';
import { scoreRun } from '../../scoring/scoreRun';
import { sampleConfig } from '../../scoring/testing';

export function sampleEnvironment(): RunEnvironment {
  return {
    backend: 'wasm',
    device: 'cpu (2 cores)',
    isolation: {
      processBoundary: true,
      permissionModel: true,
      unprivilegedUser: false,
      noNetwork: false,
      heapLimitMb: 512,
      scrubbedEnv: true,
      notes: ['not root: ran as the invoking user', 'network not isolated'],
    },
    versions: { rnnLab: '0.1.0', node: 'v20.20.0', tfjs: '4.22.0' },
    seed: 1470,
    hashes: { suites: 'a'.repeat(64), config: 'b'.repeat(64) },
  };
}

/** One outcome of every kind: passes, a gradient mismatch with partial credit, a timeout, an error, a test that never ran. */
export function sampleOutcomes(): TestOutcome[] {
  return [
    { id: 'data.vocab', status: 'passed', message: '', durationMs: 12 },
    { id: 'data.windows', status: 'passed', message: 'labels are inputs shifted by one token', durationMs: 30 },
    {
      id: 'rnn.forward',
      status: 'failed',
      message: 'logits differ from the reference\nchecked with the given weights, batch 2, window 5',
      durationMs: 210,
      details: {
        shapes: [{ name: 'logits', expected: [2, 5, 50], found: [2, 5, 50] }],
        comparisons: [
          {
            name: 'logits',
            shape: [2, 5, 50],
            maxAbsError: 0.0312,
            maxRelError: 0.87,
            tolerance: 'atol 1e-5 + rtol 1e-4 * |expected|',
            ok: false,
            firstBadIndex: 50,
          },
        ],
      },
    },
    {
      id: 'rnn.bptt',
      status: 'failed',
      message: '3 of 5 gradients match the reference; W_r and b_r do not',
      fraction: 0.6,
      durationMs: 480,
      details: {
        comparisons: [
          { name: 'E', shape: [50, 8], maxAbsError: 2.1e-7, maxRelError: 3e-6, tolerance: 'atol 1e-5 + rtol 1e-3 * |expected|', ok: true },
          {
            name: 'W_r',
            shape: [24, 16],
            maxAbsError: 0.041,
            maxRelError: 1.2,
            tolerance: 'atol 1e-5 + rtol 1e-3 * |expected|',
            ok: false,
            firstBadIndex: 3,
          },
          {
            name: 'b_r',
            shape: [16],
            maxAbsError: 0.0105,
            maxRelError: 0.5,
            tolerance: 'atol 1e-5 + rtol 1e-3 * |expected|',
            ok: false,
            firstBadIndex: 0,
          },
          { name: 'W_o', shape: [16, 50], maxAbsError: 0, maxRelError: 0, tolerance: 'atol 1e-5 + rtol 1e-3 * |expected|', ok: true },
          { name: 'b_o', shape: [50], maxAbsError: 1e-8, maxRelError: 1e-7, tolerance: 'atol 1e-5 + rtol 1e-3 * |expected|', ok: true },
        ],
      },
    },
    { id: 'rnn.causal', status: 'timeout', message: 'timed out after 10 s (the submission host was killed)', durationMs: 10000 },
    {
      id: 'train.rnn',
      status: 'passed',
      message: 'held-out perplexity 287.31 is at or below the threshold',
      durationMs: 41000,
      details: {
        training: {
          losses: [8.52, 6.9, 6.1, 5.66],
          perplexity: 287.31,
          threshold: 400,
          implausibleBelow: 20,
          steps: 200,
          seconds: 40.8,
          sample: 'the jury said <unk> .',
        },
      },
    },
    // train.leak has no outcome: the run ended before it started.
  ];
}

/** A graded run of the sample assignment: 2 + 3 + 0 + 3.6 + 0 + 8 + 0 = 16.6 of 30. */
export function sampleRun(overrides: Partial<GradingRun> = {}): GradingRun {
  const scored = scoreRun(sampleOutcomes(), sampleConfig());
  return {
    submission: 'student-42',
    mode: 'grade',
    startedAt: '2025-03-01T12:00:00.000Z',
    executionSeconds: 52.437,
    tests: scored.tests,
    score: scored.score,
    maxScore: scored.maxScore,
    messages: ['solution.ts: 1 file ignored (not part of the handout)'],
    environment: sampleEnvironment(),
    rnnPerplexity: 287.3149,
    ...overrides,
  };
}

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
        message:
          'after 200 steps, the held-out perplexity is 612.4, above the bar of 400 (uniform guessing would be 5000). Check the model, the loss and the optimizer step.',
        details: {
          training: {
            losses,
            perplexity: 612.4,
            threshold: 400,
            implausibleBelow: 20,
            steps: 200,
            seconds: 40.8,
            sample: 'the the jury said <unk> . of the',
          },
        },
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
    messages: [
      'solution.ts: 1 file ignored (not part of the handout)',
      "loss.ts did not compile; the tests that need it fail:\nloss.ts(12,5): error TS1005: ')' expected.",
    ],
  });
}
