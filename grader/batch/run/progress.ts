/**
 * The batch's progress: done / failed / remaining and an ETA from the pace so far. On a terminal one
 * status line is redrawn, with a line above it per finished submission; elsewhere (logs, Slurm,
 * pipes) only the plain lines are printed.
 */
import { formatDuration } from '../../format';
import type { BatchEntry } from '../types';

export interface ProgressCounts {
  total: number;
  done: number;
  failed: number;
  /** Results kept from an earlier run (counted in done). */
  reused: number;
  running: number;
}

/** "12/40 done (2 failed, 5 reused) · 26 remaining · 2 running · ETA 3 min 05 s". Pure. */
export function progressLine(c: ProgressCounts, etaSeconds: number | null): string {
  const extra = [c.failed > 0 ? `${c.failed} failed` : '', c.reused > 0 ? `${c.reused} reused` : ''].filter(Boolean).join(', ');
  const remaining = c.total - c.done;
  return `${c.done}/${c.total} done${extra ? ` (${extra})` : ''} · ${remaining} remaining · ${c.running} running · ETA ${etaSeconds === null ? '?' : formatDuration(etaSeconds)}`;
}

/** "alice: 57/61 graded in 24.8 s" or "bob.zip: rejected: <reason>". Pure. */
export function entryLine(e: BatchEntry): string {
  const score = e.score === null ? '' : ` ${e.score}/${e.maxScore}`;
  const why = e.status === 'graded' ? '' : `: ${e.reason}`;
  return `${e.key}:${score} ${e.status}${why} (${e.seconds.toFixed(1)} s)`;
}

export class BatchProgress {
  private readonly started = Date.now();
  private gradedNow = 0;
  readonly counts: ProgressCounts;

  constructor(
    total: number,
    private readonly jobs: number,
    private readonly stream: NodeJS.WriteStream = process.stdout,
  ) {
    this.counts = { total, done: 0, failed: 0, reused: 0, running: 0 };
  }

  /** Seconds left at the pace of the submissions graded in this run; null before the first. */
  eta(): number | null {
    if (this.gradedNow === 0) return null;
    const perSubmission = (Date.now() - this.started) / 1000 / this.gradedNow;
    return perSubmission * (this.counts.total - this.counts.done);
  }

  reused(n: number): void {
    this.counts.reused += n;
    this.counts.done += n;
    if (n > 0) this.print(`${n} already graded with this config and suites: kept (--force regrades them)`);
  }

  startedOne(): void {
    this.counts.running++;
    this.redraw();
  }

  finished(e: BatchEntry): void {
    this.counts.running--;
    this.counts.done++;
    this.gradedNow++;
    if (e.status !== 'graded') this.counts.failed++;
    this.print(`${entryLine(e)} | ${progressLine(this.counts, this.eta())}`);
  }

  private print(line: string): void {
    if (this.stream.isTTY) this.stream.write(`\r\x1b[K${line}\n`);
    else this.stream.write(`${line}\n`);
    this.redraw();
  }

  private redraw(): void {
    if (this.stream.isTTY) this.stream.write(`\r\x1b[K${progressLine(this.counts, this.eta())} (jobs ${this.jobs})`);
  }

  /** Ends the status line on a terminal. */
  end(): void {
    if (this.stream.isTTY) this.stream.write('\r\x1b[K');
  }
}
