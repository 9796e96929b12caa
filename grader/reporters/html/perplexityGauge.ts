/**
 * Held-out perplexity against the pass bar, as an inline SVG gauge on a log scale: the implausible
 * zone (labels leaking into the inputs), the pass zone up to the bar, the fail zone beyond, and a
 * marker at the submission's perplexity. Pure; the markup holds only numbers.
 */
import { formatError } from '../../format';

export interface GaugeInput {
  perplexity: number;
  threshold: number;
  implausibleBelow: number;
}

const WIDTH = 360;
const HEIGHT = 74;
const PAD = 24;
const BAR_Y = 34;
const BAR_H = 14;

/** The log-scale domain [lo, hi] the gauge shows: every boundary and the value, with room around them. */
export function gaugeDomain(g: GaugeInput): [number, number] {
  const known = [g.implausibleBelow, g.threshold, g.perplexity].filter((v) => Number.isFinite(v) && v > 0);
  if (known.length === 0) return [1, 10];
  return [Math.min(...known) / 2, Math.max(...known) * 2];
}

export function perplexityGaugeSvg(g: GaugeInput): string {
  const [lo, hi] = gaugeDomain(g);
  const span = Math.log(hi) - Math.log(lo);
  const x = (v: number) => {
    const clamped = Math.min(hi, Math.max(lo, v));
    return Math.round((PAD + ((Math.log(clamped) - Math.log(lo)) / span) * (WIDTH - 2 * PAD)) * 10) / 10;
  };
  const left = PAD;
  const right = WIDTH - PAD;
  const parts = [
    `<svg class="perplexity-gauge" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="held-out perplexity against the pass bar" font-family="sans-serif" font-size="13">`,
    '<title>Held-out perplexity against the pass bar (log scale)</title>',
  ];
  const implausible = Number.isFinite(g.implausibleBelow) && g.implausibleBelow > 0 ? x(g.implausibleBelow) : left;
  const bar = Number.isFinite(g.threshold) && g.threshold > 0 ? x(g.threshold) : right;
  parts.push(
    `<rect class="zone-implausible" x="${left}" y="${BAR_Y}" width="${Math.max(0, implausible - left)}" height="${BAR_H}" fill="#f5c451"/>`,
    `<rect class="zone-pass" x="${implausible}" y="${BAR_Y}" width="${Math.max(0, bar - implausible)}" height="${BAR_H}" fill="#7cc08d"/>`,
    `<rect class="zone-fail" x="${bar}" y="${BAR_Y}" width="${Math.max(0, right - bar)}" height="${BAR_H}" fill="#e58b84"/>`,
  );
  for (const [v, at] of [
    [g.implausibleBelow, implausible],
    [g.threshold, bar],
  ] as const) {
    if (!Number.isFinite(v) || v <= 0) continue;
    parts.push(
      `<line x1="${at}" x2="${at}" y1="${BAR_Y}" y2="${BAR_Y + BAR_H + 4}" stroke="#333"/>` +
        `<text class="bound" x="${at}" y="${BAR_Y + BAR_H + 18}" text-anchor="middle" fill="#333">${formatError(v)}</text>`,
    );
  }
  if (Number.isFinite(g.perplexity) && g.perplexity > 0) {
    const at = x(g.perplexity);
    const anchor = at < left + 30 ? 'start' : at > right - 30 ? 'end' : 'middle';
    parts.push(
      `<g class="marker" fill="#1b1f24" stroke="#1b1f24"><path d="M${at} ${BAR_Y - 1} l-6 -8 h12 z"/>` +
        `<line x1="${at}" x2="${at}" y1="${BAR_Y - 1}" y2="${BAR_Y + BAR_H + 1}" stroke-width="2"/></g>` +
        `<text class="value" x="${at}" y="${BAR_Y - 13}" text-anchor="${anchor}" font-weight="bold" fill="#1b1f24">${formatError(g.perplexity)}</text>`,
    );
  } else {
    parts.push(
      `<text class="value" x="${WIDTH / 2}" y="${BAR_Y - 12}" text-anchor="middle" fill="#b42318">perplexity: ${String(g.perplexity)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
