/**
 * Progress output of long work, for the commands and for training alike: plain progress lines
 * (grading: "compiling", "running 61 tests") and a one-line progress bar (steps, loss, tokens/s,
 * ETA). On a terminal the bar redraws one line; elsewhere (CI logs, pipes) it prints a plain line
 * every 10% so logs stay short. Progress goes to stderr, so stdout keeps only results.
 */
import { formatDuration } from './format';

/** Where one line of progress goes. */
export type ProgressSink = (line: string) => void;

/** A sink that writes each line to `stream` (stderr by default). */
export function progressLines(stream: Pick<NodeJS.WriteStream, 'write'> = process.stderr): ProgressSink {
  return (line) => {
    stream.write(`${line}\n`);
  };
}

export interface ProgressStats {
  step: number;
  total: number;
  loss: number;
  tokensPerSecond: number;
  etaSeconds: number;
}

/** Renders the bar's text (pure, for tests). */
export function renderProgress(label: string, stats: ProgressStats, width = 24): string {
  const fraction = stats.total > 0 ? Math.min(1, stats.step / stats.total) : 0;
  const filled = Math.round(fraction * width);
  const bar = '='.repeat(filled) + ' '.repeat(width - filled);
  return (
    `${label} [${bar}] ${stats.step}/${stats.total} steps` +
    `  loss ${stats.loss.toFixed(3)}  ${Math.round(stats.tokensPerSecond).toLocaleString('en-US')} tok/s  ETA ${formatDuration(stats.etaSeconds)}`
  );
}

export class ProgressBar {
  private readonly startedAt = Date.now();
  private lastPrintedDecile = -1;
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly totalSteps: number,
    private readonly tokensPerStep: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  /** Records that `step` (0-based) finished with `loss`. */
  update(step: number, loss: number): void {
    const done = step + 1;
    const elapsed = (Date.now() - this.startedAt) / 1000;
    const stats: ProgressStats = {
      step: done,
      total: this.totalSteps,
      loss,
      tokensPerSecond: elapsed > 0 ? (done * this.tokensPerStep) / elapsed : 0,
      etaSeconds: done > 0 ? (elapsed / done) * (this.totalSteps - done) : Infinity,
    };
    if (this.stream.isTTY) {
      const now = Date.now();
      if (now - this.lastDraw < 100 && done < this.totalSteps) return;
      this.lastDraw = now;
      this.stream.write(`\r${renderProgress(this.label, stats)}\x1b[K`);
    } else {
      const decile = Math.floor((10 * done) / this.totalSteps);
      if (decile > this.lastPrintedDecile) {
        this.lastPrintedDecile = decile;
        this.stream.write(`${renderProgress(this.label, stats)}\n`);
      }
    }
  }

  /** Ends the bar's line on a terminal. */
  finish(): void {
    if (this.stream.isTTY) this.stream.write('\n');
  }
}
