/** The gradebook and the summary of a small class: the CSV's columns and cells, histogram edges, item analysis, failures by kind. */
import type { BatchEntry, Rubric } from '../types';
import { gradebookCsv, textCell } from './gradebook';
import { histogram, summarize } from './summarize';

const RUBRIC: Rubric = {
  name: 'lab',
  questions: [
    { id: 'data', title: 'Data', tests: [{ id: 'data.a', name: 'a', points: 4 }] },
    { id: 'rnn', title: 'RNN', tests: [{ id: 'rnn.b', name: 'b', points: 6 }] },
  ],
};
const FP = { config: 'c'.repeat(64), suites: 's'.repeat(64), seed: 0 };

function entry(key: string, a: 'passed' | 'failed', b: 'passed' | 'failed' | 'timeout', extra: Partial<BatchEntry> = {}): BatchEntry {
  const questions = { data: a === 'passed' ? 4 : 0, rnn: b === 'passed' ? 6 : 0 };
  const timeout = b === 'timeout';
  return {
    key,
    id: key,
    source: key,
    students: [],
    status: timeout ? 'timeout' : 'graded',
    kinds: timeout ? ['timeout'] : [],
    reasons: timeout ? { timeout: 'rnn.b: timed out' } : {},
    reason: timeout ? 'rnn.b: timed out' : '',
    score: questions.data + questions.rnn,
    maxScore: 10,
    questions,
    tests: { 'data.a': a, 'rnn.b': b },
    backend: 'wasm',
    seconds: 10,
    fingerprint: FP,
    sourceStamp: 'x',
    gradedAt: '2025-01-01T00:00:00Z',
    ...extra,
  };
}

const CLASS = [
  entry('s1', 'passed', 'passed', { seconds: 30 }),
  entry('s2', 'passed', 'passed'),
  entry('s3', 'passed', 'failed'),
  entry('s4', 'failed', 'timeout', { seconds: 90 }),
  entry('s5', 'failed', 'failed', { students: [{ name: '=HYPERLINK("x")', email: 'e@x', sid: '5' }, { name: 'Bo, "B"' }] }),
  {
    ...entry('s6', 'failed', 'failed'),
    status: 'grader_fault',
    kinds: ['grader_fault'],
    reasons: { grader_fault: 'killed' },
    reason: 'killed',
    score: null,
    questions: {},
    tests: {},
    backend: 'none',
  },
  {
    ...entry('s7', 'failed', 'failed'),
    status: 'rejected',
    kinds: ['rejected'],
    reasons: { rejected: 'not a zip' },
    reason: 'not a zip',
    score: 0,
    questions: {},
    tests: {},
    backend: 'none',
  },
] as BatchEntry[];

describe('gradebookCsv', () => {
  it('one row per entry: who, points per question, total, status, reason, backend, seconds; a grader fault has no points', () => {
    const lines = gradebookCsv([...CLASS].reverse(), RUBRIC)
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe('id,submission,student_id,name,email,data,rnn,total,max,status,reason,backend,seconds');
    expect(lines[1]).toBe('s1,s1,,,,4,6,10,10,graded,,wasm,30.0');
    expect(lines[4]).toBe('s4,s4,,,,0,0,0,10,timeout,rnn.b: timed out,wasm,90.0');
    expect(lines[5]).toBe(`s5,s5,5,"'=HYPERLINK(""x""); Bo, ""B""",e@x,0,0,0,10,graded,,wasm,10.0`);
    expect(lines[6]).toBe('s6,s6,,,,,,,10,grader_fault,killed,none,10.0');
    expect(lines[7]).toBe('s7,s7,,,,0,0,0,10,rejected,not a zip,none,10.0');
  });

  it('text that a spreadsheet would run is quoted; plain text is left alone', () => {
    expect(['=1+1', '+1', '-x', '@SUM', 'Ada', '', '1.5'].map(textCell)).toEqual(["'=1+1", "'+1", "'-x", "'@SUM", 'Ada', '', '1.5']);
  });
});

describe('summarize', () => {
  const s = summarize(CLASS, [], {
    input: '/class',
    shard: null,
    fingerprint: FP,
    rubric: RUBRIC,
    run: { gradedNow: 7, reused: 0, wallSeconds: 100, jobs: 2 },
  });

  it('counts statuses and scores; the grader fault has no score', () => {
    expect(s.counts).toEqual({ submissions: 7, byStatus: { graded: 4, grader_fault: 1, rejected: 1, timeout: 1, crash: 0, compile: 0 } });
    expect(s.scores).toMatchObject({ scored: 6, mean: 4, median: 2, max: 10 });
    expect(s.scores.histogram.map((b) => b.count)).toEqual([3, 0, 0, 0, 1, 0, 0, 0, 0, 2]);
  });

  it('item analysis: pass rate over the submissions whose tests ran, and the upper-lower discrimination', () => {
    // ran: s1..s5 (5). Best 27% = 1 (s1), worst = 1 (s5 or s4, both 0 points)
    expect(s.items.map((i) => [i.id, i.ran, i.passRate, i.discrimination])).toEqual([
      ['data.a', 5, 0.6, 1],
      ['rnn.b', 5, 0.4, 1],
    ]);
    expect(s.items[1].counts).toEqual({ passed: 2, failed: 2, error: 0, timeout: 1, not_run: 0 });
  });

  it('failures by kind, slowest first, backends that ran', () => {
    expect(s.failures.map((f) => [f.kind, f.count, f.submissions.map((x) => `${x.key}: ${x.reason}`)])).toEqual([
      ['grader_fault', 1, ['s6: killed']],
      ['rejected', 1, ['s7: not a zip']],
      ['timeout', 1, ['s4: rnn.b: timed out']],
      ['crash', 0, []],
      ['compile', 0, []],
    ]);
    expect(s.slowest.slice(0, 2).map((x) => x.key)).toEqual(['s4', 's1']);
    expect(s.backends).toEqual([{ backend: 'wasm', count: 5 }]);
  });

  it('histogram bins split [0, max] in ten; the maximum lands in the last', () => {
    expect(histogram([0, 0.99, 1, 9.99, 10], 10).map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(histogram([], 0).every((b) => b.count === 0)).toBe(true);
  });
});
