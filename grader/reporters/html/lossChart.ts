/**
 * The training loss curve as an inline SVG chart: axes with round ticks, the loss per step as a
 * polyline (broken where the loss was NaN or infinite), and the pass bar as a dashed horizontal
 * line where it falls near the curve. Pure; the markup holds only numbers and our own labels
 * (escaped anyway), so it is safe to put into the page as it is.
 */
import { formatError } from '../../format';
import { escapeHtml } from '../shared/sanitize';
import { formatTick, niceTicks } from '../shared/format';

export interface LossChartOptions {
  /** Size of the viewBox; the chart scales to its container's width. */
  width?: number;
  height?: number;
  /** Training steps the losses span (the x axis); default: one loss per step. */
  steps?: number;
  /** A loss level to draw as a dashed line, e.g. ln(perplexity bar); drawn only where meaningful. */
  threshold?: number;
  thresholdLabel?: string;
  /** A second, lower level (e.g. ln of the implausible perplexity), drawn the same way in another colour. */
  floor?: number;
  floorLabel?: string;
  /** Accessible title of the chart. */
  title?: string;
  /** Longest polyline; longer curves are thinned, keeping each bucket's lowest and highest loss. */
  maxPoints?: number;
}

const MARGIN = { left: 52, right: 14, top: 14, bottom: 42 } as const;

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function attr(s: string): string {
  return escapeHtml(s).replace(/"/g, '&quot;');
}

/** Indices of `values` to plot: all of them, or per bucket the lowest and highest (in step order). */
export function thinIndices(values: readonly number[], maxPoints: number): number[] {
  const n = values.length;
  if (n <= maxPoints) return values.map((_, i) => i);
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const out: number[] = [];
  for (let b = 0; b < buckets; b += 1) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i += 1) {
      if (!Number.isFinite(values[i])) {
        // keep a gap visible: a non-finite loss breaks the line
        out.push(i);
        continue;
      }
      if (lo < 0 || values[i] < values[lo]) lo = i;
      if (hi < 0 || values[i] > values[hi]) hi = i;
    }
    for (const i of lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)]) if (i >= 0) out.push(i);
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Whether a threshold at `t` belongs on a chart of values spanning [lo, hi] (not so far off that it squashes the curve). */
export function thresholdIsMeaningful(t: number | undefined, lo: number, hi: number): t is number {
  if (t === undefined || !Number.isFinite(t)) return false;
  const span = hi - lo || Math.abs(hi) || 1;
  return t >= lo - span && t <= hi + span;
}

export function lossChartSvg(losses: readonly number[], opts: LossChartOptions = {}): string {
  const width = opts.width ?? 400;
  const height = opts.height ?? 230;
  const title = opts.title ?? 'Training loss per step';
  const open = `<svg class="loss-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${attr(title)}" font-family="sans-serif" font-size="13">`;
  const finite = losses.filter((x) => Number.isFinite(x));
  if (finite.length === 0) {
    return `${open}<title>${escapeHtml(title)}</title><text class="no-data" x="${width / 2}" y="${height / 2}" text-anchor="middle" fill="#555">No finite loss values were reported</text></svg>`;
  }
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  const levels = [
    { value: opts.threshold, label: opts.thresholdLabel, cls: 'threshold', colour: '#b42318' },
    { value: opts.floor, label: opts.floorLabel, cls: 'floor', colour: '#9a6700' },
  ].filter((l): l is { value: number; label: string | undefined; cls: string; colour: string } => thresholdIsMeaningful(l.value, lo, hi));
  for (const l of levels) {
    lo = Math.min(lo, l.value);
    hi = Math.max(hi, l.value);
  }
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.1 || 1;
    lo -= pad;
    hi += pad;
  }
  const yTicks = niceTicks(lo, hi, 5, true);
  const yLo = Math.min(lo, yTicks[0]);
  const yHi = Math.max(hi, yTicks[yTicks.length - 1]);
  const steps = opts.steps !== undefined && opts.steps > 0 ? opts.steps : losses.length;
  const xTicks = niceTicks(0, steps, 5);

  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const x = (step: number) => round1(MARGIN.left + (step / steps) * plotW);
  const y = (v: number) => round1(MARGIN.top + (1 - (v - yLo) / (yHi - yLo)) * plotH);
  const bottom = MARGIN.top + plotH;
  const right = MARGIN.left + plotW;

  const parts: string[] = [open, `<title>${escapeHtml(title)}</title>`];
  parts.push('<g class="grid" stroke="#e3e6ea" stroke-width="1">');
  for (const t of yTicks) parts.push(`<line x1="${MARGIN.left}" x2="${right}" y1="${y(t)}" y2="${y(t)}"/>`);
  parts.push('</g>');
  parts.push(
    `<g class="axis" stroke="#444" stroke-width="1"><line class="x-axis" x1="${MARGIN.left}" x2="${right}" y1="${bottom}" y2="${bottom}"/>` +
      `<line class="y-axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${bottom}"/></g>`,
  );
  parts.push('<g class="tick" fill="#444">');
  for (const t of yTicks) parts.push(`<text x="${MARGIN.left - 6}" y="${y(t) + 4}" text-anchor="end">${formatTick(t)}</text>`);
  for (const t of xTicks) parts.push(`<text x="${x(t)}" y="${bottom + 17}" text-anchor="middle">${formatTick(t)}</text>`);
  parts.push('</g>');
  parts.push(
    `<text class="axis-title" x="${MARGIN.left + plotW / 2}" y="${height - 6}" text-anchor="middle" fill="#444">training step</text>`,
  );
  parts.push(
    `<text class="axis-title" transform="rotate(-90)" x="${-(MARGIN.top + plotH / 2)}" y="13" text-anchor="middle" fill="#444">loss</text>`,
  );

  // One polyline per run of finite values; a lone point is a dot.
  const segments: string[][] = [[]];
  for (const i of thinIndices(losses, opts.maxPoints ?? 400)) {
    const v = losses[i];
    if (Number.isFinite(v)) segments[segments.length - 1].push(`${x(((i + 1) * steps) / losses.length)},${y(v)}`);
    else if (segments[segments.length - 1].length > 0) segments.push([]);
  }
  for (const seg of segments.filter((s) => s.length > 0)) {
    if (seg.length === 1) {
      const [cx, cy] = seg[0].split(',');
      parts.push(`<circle class="loss-point" cx="${cx}" cy="${cy}" r="3" fill="#1f6feb"/>`);
    } else {
      parts.push(
        `<polyline class="loss-line" fill="none" stroke="#1f6feb" stroke-width="2" stroke-linejoin="round" points="${seg.join(' ')}"/>`,
      );
    }
  }
  for (const l of levels) {
    const at = y(l.value);
    // The label sits above its line, or below it when the line is at the top of the plot.
    const labelY = at - 5 < MARGIN.top + 10 ? at + 15 : at - 5;
    parts.push(
      `<line class="${l.cls}" x1="${MARGIN.left}" x2="${right}" y1="${at}" y2="${at}" stroke="${l.colour}" stroke-width="1.5" stroke-dasharray="6 4"/>` +
        `<text class="${l.cls}-label" x="${right - 4}" y="${labelY}" text-anchor="end" fill="${l.colour}">${escapeHtml(l.label ?? formatError(l.value))}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
