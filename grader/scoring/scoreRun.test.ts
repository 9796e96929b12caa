import type { TestOutcome, TestStatus } from '../results/types';
import { clampFraction, roundScore, scoreRun } from './scoreRun';
import { summarizeByQuestion } from './summarizeByQuestion';
import { sampleConfig, testConfig } from './testing';

const ALL_IDS = ['data.vocab', 'data.windows', 'rnn.forward', 'rnn.bptt', 'rnn.causal', 'train.rnn', 'train.leak'];

function outcome(id: string, status: TestStatus, extra: Partial<TestOutcome> = {}): TestOutcome {
  return { id, status, message: `${id} ${status}`, durationMs: 5, ...extra };
}

describe('scoreRun', () => {
  it('gives full marks when every test passes, in config order with numbers and rubric fields', () => {
    const outcomes = [...ALL_IDS].reverse().map((id) => outcome(id, 'passed'));
    const r = scoreRun(outcomes, sampleConfig());
    expect(r.score).toBe(30);
    expect(r.maxScore).toBe(30);
    expect(r.warnings).toEqual([]);
    expect(r.tests.map((t) => t.id)).toEqual(ALL_IDS);
    expect(r.tests.map((t) => t.number)).toEqual(['1.1', '1.2', '2.1', '2.2', '2.3', '3.1', '3.2']);
    const causal = r.tests[4];
    expect(causal).toMatchObject({
      question: 'rnn',
      questionTitle: 'RNN language model',
      name: 'causality',
      visibility: 'hidden',
      tags: ['rnn'],
      score: 4,
      maxScore: 4,
      message: 'rnn.causal passed',
    });
  });

  it('scores failed, error and timeout tests 0 without shrinking the maximum', () => {
    const statuses: TestStatus[] = ['failed', 'error', 'timeout', 'passed', 'failed', 'passed', 'error'];
    const r = scoreRun(
      ALL_IDS.map((id, i) => outcome(id, statuses[i])),
      sampleConfig(),
    );
    expect(r.tests.map((t) => t.score)).toEqual([0, 0, 0, 6, 0, 8, 0]);
    expect(r.score).toBe(14);
    expect(r.maxScore).toBe(30);
  });

  it('awards partial credit only where configured, clamped to [0, 1], NaN as 0', () => {
    const cfg = sampleConfig();
    const bptt = (fraction: number, status: TestStatus = 'failed') =>
      scoreRun([outcome('rnn.bptt', status, { fraction })], cfg).tests.find((t) => t.id === 'rnn.bptt')!.score;
    expect(bptt(0.5)).toBe(3);
    expect(bptt(0.5, 'passed')).toBe(3); // the fraction decides, even for a pass
    expect(bptt(1.7)).toBe(6);
    expect(bptt(-2)).toBe(0);
    expect(bptt(Number.NaN)).toBe(0);
    expect(bptt(0.5, 'error')).toBe(0);
    expect(bptt(0.5, 'timeout')).toBe(0);
    // rnn.forward has no partial credit: a fraction on a failed test earns nothing, a pass earns all
    const fwd = (status: TestStatus) =>
      scoreRun([outcome('rnn.forward', status, { fraction: 0.5 })], cfg).tests.find((t) => t.id === 'rnn.forward')!.score;
    expect(fwd('failed')).toBe(0);
    expect(fwd('passed')).toBe(5);
  });

  it('lists tests without an outcome as not_run with score 0 and "did not run"', () => {
    const r = scoreRun([outcome('data.vocab', 'passed')], sampleConfig());
    expect(r.tests).toHaveLength(7);
    expect(r.maxScore).toBe(30);
    expect(r.score).toBe(2);
    for (const t of r.tests.slice(1)) {
      expect(t).toMatchObject({ status: 'not_run', score: 0, message: 'did not run' });
    }
    expect(r.tests[6]).toMatchObject({ id: 'train.leak', number: '3.2', maxScore: 2 });
  });

  it('ignores outcomes with unknown ids and keeps the first of duplicates, with warnings', () => {
    const r = scoreRun(
      [outcome('rnn.forward', 'failed'), outcome('rnn.forward', 'passed'), outcome('rnn.secret', 'passed')],
      sampleConfig(),
    );
    expect(r.score).toBe(0);
    expect(r.tests.find((t) => t.id === 'rnn.forward')!.status).toBe('failed');
    expect(r.tests.some((t) => t.id === 'rnn.secret')).toBe(false);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings.join('\n')).toMatch(/duplicate outcome for test "rnn\.forward"/);
    expect(r.warnings.join('\n')).toMatch(/unknown test "rnn\.secret"/);
  });

  it('rounds scores and totals to 4 decimals', () => {
    const cfg = sampleConfig();
    cfg.questions = [
      {
        id: 'q',
        title: 'Q',
        tests: [testConfig('q.a', 0.1, { partialCredit: true }), testConfig('q.b', 0.2), testConfig('q.c', 1, { partialCredit: true })],
      },
    ];
    const r = scoreRun([outcome('q.a', 'passed'), outcome('q.b', 'passed'), outcome('q.c', 'failed', { fraction: 1 / 3 })], cfg);
    expect(r.tests[2].score).toBe(0.3333);
    expect(r.score).toBe(0.6333);
    expect(r.maxScore).toBe(1.3);
    expect(roundScore(0.1 + 0.2)).toBe(0.3);
    expect(clampFraction(Number.POSITIVE_INFINITY)).toBe(1);
  });

  it('does not mutate its inputs', () => {
    const cfg = sampleConfig();
    const outcomes = [outcome('data.vocab', 'passed')];
    const before = JSON.stringify({ cfg, outcomes });
    const r = scoreRun(outcomes, cfg);
    r.tests[0].tags.push('changed');
    expect(JSON.stringify({ cfg, outcomes })).toBe(before);
  });
});

describe('summarizeByQuestion', () => {
  it('totals each question in order', () => {
    const r = scoreRun(
      [outcome('data.vocab', 'passed'), outcome('rnn.bptt', 'failed', { fraction: 0.25 }), outcome('rnn.forward', 'passed')],
      sampleConfig(),
    );
    expect(summarizeByQuestion(r.tests)).toEqual([
      { id: 'data', title: 'Data pipeline', score: 2, maxScore: 5, passed: 1, total: 2 },
      { id: 'rnn', title: 'RNN language model', score: 6.5, maxScore: 15, passed: 1, total: 3 },
      { id: 'train', title: 'Training', score: 0, maxScore: 10, passed: 0, total: 2 },
    ]);
  });
});
