/** A grading run's status in the gradebook, from what the grader wrote (real scoring of the sample assignment, the grader's own messages). */
import type { TestOutcome } from '../results/types';
import { sampleRun } from '../reporters/shared/testing';
import { scoreRun } from '../scoring/scoreRun';
import { sampleConfig } from '../scoring/testing';
import { statusOf, verdictOf, verdictWithoutRun } from './classify';

const IDS = ['data.vocab', 'data.windows', 'rnn.forward', 'rnn.bptt', 'rnn.causal', 'train.rnn', 'train.leak'];

/** A run of the sample assignment in which every test passed except those in `patch`. */
function runWith(patch: Record<string, Partial<TestOutcome>>, extra: Parameters<typeof sampleRun>[0] = {}) {
  const outcomes = IDS.map((id): TestOutcome => ({ id, status: 'passed', message: 'passed', durationMs: 5, ...patch[id] }));
  const scored = scoreRun(outcomes, sampleConfig());
  return sampleRun({ tests: scored.tests, score: scored.score, maxScore: scored.maxScore, messages: [], ...extra });
}

describe('verdictOf', () => {
  it('a run whose tests all ran is graded, with points per question and every test status', () => {
    const v = verdictOf(runWith({ 'rnn.forward': { status: 'failed', message: 'logits differ' } }));
    expect(v).toMatchObject({ status: 'graded', kinds: [], reason: '', score: 25, maxScore: 30, backend: 'wasm' });
    expect(v.questions).toEqual({ data: 5, rnn: 10, train: 10 });
    expect(v.tests['rnn.forward']).toBe('failed');
  });

  it('finds every kind in one run; the most serious is the status, each keeps its reason', () => {
    const v = verdictOf(
      runWith(
        {
          'rnn.causal': {
            status: 'timeout',
            message: 'Your code timed out after 10 s in rnnCell in rnn.ts. Look for an endless loop or far too much work.',
          },
          'rnn.bptt': { status: 'error', message: "Your code crashed the process: the submission's process ended (exit code 1)\nmore" },
          'train.rnn': { status: 'error', message: 'loss.ts did not compile: loss.ts:3:1 error TS1005' },
        },
        { messages: ["loss.ts did not compile; the tests that need it fail:\nloss.ts:3:1 error TS1005: ')' expected."] },
      ),
    );
    expect(v.kinds).toEqual(['timeout', 'crash', 'compile']);
    expect(v.status).toBe('timeout');
    expect(v.reason).toBe(
      'rnn.causal: Your code timed out after 10 s in rnnCell in rnn.ts. Look for an endless loop or far too much work.',
    );
    expect(v.reasons).toEqual({
      timeout: v.reason,
      crash: "rnn.bptt: Your code crashed the process: the submission's process ended (exit code 1)",
      compile: 'loss.ts did not compile',
    });
  });

  it("a submission staging refused is rejected with staging's reason; a run cut at its deadline is a timeout, not a rejection", () => {
    const notRun = Object.fromEntries(
      IDS.map((id) => [
        id,
        { status: 'not_run' as const, message: 'not run: The submission "a.zip" is named .zip but is not a zip file\nmore' },
      ]),
    );
    expect(verdictOf(runWith(notRun))).toMatchObject({
      status: 'rejected',
      reason: 'The submission "a.zip" is named .zip but is not a zip file',
      score: 0,
    });
    const cut = verdictOf(
      runWith(notRun, {
        deadlineHit: true,
        messages: ['Grading stopped at its time limit of 480 s; the tests that had not finished score 0.'],
      }),
    );
    expect(cut).toMatchObject({
      status: 'timeout',
      kinds: ['timeout'],
      reason: 'Grading stopped at its time limit of 480 s; the tests that had not finished score 0.',
    });
  });

  it("a hidden suite that broke is a grader fault: no score that could pass for the student's", () => {
    const v = verdictOf(
      runWith({ 'data.vocab': { status: 'error', message: 'internal grader error (not your fault; please tell the course staff): boom' } }),
    );
    expect(v).toMatchObject({ status: 'grader_fault', score: null });
  });
});

describe('statusOf and verdictWithoutRun', () => {
  it('orders kinds grader_fault, rejected, timeout, crash, compile', () => {
    expect(statusOf([])).toBe('graded');
    expect(statusOf(['compile', 'crash'])).toBe('crash');
    expect(statusOf(['compile', 'rejected', 'grader_fault'])).toBe('grader_fault');
  });

  it('a run that left no run.json has no points unless it was rejected', () => {
    expect(verdictWithoutRun('grader_fault', 'the grading process was killed by SIGKILL', 47)).toMatchObject({
      status: 'grader_fault',
      score: null,
      maxScore: 47,
      backend: 'none',
    });
    expect(verdictWithoutRun('rejected', 'a link to nothing', 47)).toMatchObject({ score: 0 });
  });
});
