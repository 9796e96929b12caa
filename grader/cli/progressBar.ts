/**
 * A one-line progress bar for long work: steps, loss, tokens/s and ETA. On a terminal it redraws
 * one line; elsewhere (CI logs, pipes) it prints a plain line every 10% so logs stay short.
 */

export interface ProgressStats {
  step: number;
  total: number;
  loss: number;
  tokensPerSecond: number;
  etaSeconds: number;
}

/** "1h02m", "3m05s", "42s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
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
