/** The batch's progress: plain lines where output is not a terminal, a redrawn status line on one. */
import type { BatchEntry } from '../types';
import { BatchProgress, entryLine, progressLine } from './progress';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, s: { isTTY, write: (t: string) => written.push(t) > 0 } as unknown as NodeJS.WriteStream };
}

const entry = (key: string, status: BatchEntry['status'], score: number | null, reason = ''): BatchEntry =>
  ({ key, id: key, status, score, maxScore: 61, reason, seconds: 24.84 }) as BatchEntry;

describe('progress', () => {
  it('says done (failed, reused), remaining, running and the ETA', () => {
    expect(progressLine({ total: 40, done: 12, failed: 2, reused: 5, running: 2 }, 185)).toBe(
      '12/40 done (2 failed, 5 reused) · 28 remaining · 2 running · ETA 3 min 05 s',
    );
    expect(progressLine({ total: 3, done: 0, failed: 0, reused: 0, running: 1 }, null)).toBe('0/3 done · 3 remaining · 1 running · ETA ?');
    expect(entryLine(entry('alice', 'graded', 57))).toBe('alice: 57/61 graded (24.8 s)');
    expect(entryLine(entry('bob.zip', 'grader_fault', null, 'killed'))).toBe('bob.zip: grader_fault: killed (24.8 s)');
  });

  it('prints one plain line per finished submission when not on a terminal, with no escape codes', () => {
    const { written, s } = stream(false);
    const p = new BatchProgress(2, 1, s);
    p.reused(0);
    p.startedOne();
    p.finished(entry('alice', 'graded', 61));
    p.startedOne();
    p.finished(entry('bob', 'crash', 40, 'rnn.cell: Your code crashed the process'));
    p.end();
    expect(written).toEqual([
      expect.stringMatching(/^alice: 61\/61 graded \(24\.8 s\) \| 1\/2 done · 1 remaining · 0 running · ETA [\d.]+ m?s\n$/),
      expect.stringMatching(
        /^bob: 40\/61 crash: rnn\.cell: Your code crashed the process \(24\.8 s\) \| 2\/2 done \(1 failed\) · 0 remaining · 0 running · ETA 0 ms\n$/,
      ),
    ]);
  });

  it('on a terminal, redraws the status line in place under the finished lines', () => {
    const { written, s } = stream(true);
    const p = new BatchProgress(1, 2, s);
    p.startedOne();
    p.finished(entry('alice', 'graded', 61));
    p.end();
    expect(written[0]).toBe('\r\x1b[K0/1 done · 1 remaining · 1 running · ETA ? (jobs 2)');
    expect(written[1]).toMatch(/^\r\x1b\[Kalice: 61\/61 graded .*\n$/);
    expect(written[written.length - 1]).toBe('\r\x1b[K');
  });
});
