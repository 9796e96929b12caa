/**
 * The class's score histogram as an inline SVG: one bar per bin of points, its count above it, the
 * bin's range below as shares of the maximum score. Pure; the markup holds only numbers the grader
 * computed.
 */
import { formatPoints, niceTicks } from '../../reporters/shared/format';

export interface Bin {
  from: number;
  to: number;
  count: number;
}

const WIDTH = 640;
const HEIGHT = 240;
const M = { top: 22, right: 12, bottom: 42, left: 40 };

export function histogramSvg(bins: readonly Bin[], max: number): string {
  const share = (v: number) => `${max > 0 ? Math.round((v / max) * 100) : 0}%`;
  const plotW = WIDTH - M.left - M.right;
  const plotH = HEIGHT - M.top - M.bottom;
  const top = Math.max(1, ...bins.map((b) => b.count));
  const ticks = niceTicks(0, top, 5, true).filter((t) => Number.isInteger(t));
  const yMax = Math.max(top, ticks[ticks.length - 1] ?? top);
  const y = (v: number) => Math.round((M.top + (1 - v / yMax) * plotH) * 10) / 10;
  const slot = plotW / Math.max(1, bins.length);
  const bottom = M.top + plotH;
  const parts = [
    `<svg class="histogram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="score histogram" font-family="sans-serif" font-size="11">`,
    '<title>Submissions per score range</title>',
    '<g class="grid" stroke="#e3e6ea">',
    ...ticks.map((t) => `<line x1="${M.left}" x2="${WIDTH - M.right}" y1="${y(t)}" y2="${y(t)}"/>`),
    '</g><g class="tick" fill="#444">',
    ...ticks.map((t) => `<text x="${M.left - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`),
    '</g>',
  ];
  bins.forEach((b, i) => {
    const x = Math.round((M.left + i * slot + slot * 0.1) * 10) / 10;
    const w = Math.round(slot * 0.8 * 10) / 10;
    const h = Math.round((bottom - y(b.count)) * 10) / 10;
    const range = `${formatPoints(b.from)}–${formatPoints(b.to)} points`;
    parts.push(
      `<g class="bin" data-count="${b.count}"><rect x="${x}" y="${y(b.count)}" width="${w}" height="${h}" fill="#1f6feb"><title>${range}: ${b.count}</title></rect>` +
        (b.count > 0
          ? `<text class="count" x="${x + w / 2}" y="${y(b.count) - 5}" text-anchor="middle" fill="#1b1f24">${b.count}</text>`
          : '') +
        `<text class="range" x="${x + w / 2}" y="${bottom + 16}" text-anchor="middle" fill="#444">${share(b.from)}–${share(b.to)}</text></g>`,
    );
  });
  parts.push(
    `<line class="x-axis" x1="${M.left}" x2="${WIDTH - M.right}" y1="${bottom}" y2="${bottom}" stroke="#444"/>`,
    `<text class="axis-title" x="${M.left + plotW / 2}" y="${HEIGHT - 6}" text-anchor="middle" fill="#444">share of the maximum score</text>`,
    '</svg>',
  );
  return parts.join('');
}
