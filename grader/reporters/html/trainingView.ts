/**
 * The training part of the report view: the loss chart, the perplexity gauge, where the perplexity
 * landed against the bars, and the generated text. Pure.
 */
import type { TrainingDetails } from '../../results/types';
import { formatDuration, formatError } from '../../format';
import { lossChartSvg } from './lossChart';
import { Markup } from '../shared/markup';
import { perplexityGaugeSvg } from './perplexityGauge';
import { LIMITS, text } from '../shared/limits';

export interface TrainingView {
  chart: Markup;
  /** The perplexity against the pass range; null for a preview, which is held to no bar. */
  gauge: Markup | null;
  /** For a preview: that its perplexity is indicative and what the graded test asks (null otherwise). */
  indicative: string | null;
  perplexity: string;
  threshold: string;
  implausibleBelow: string;
  verdict: string;
  verdictClass: 'pass' | 'fail' | 'implausible';
  steps: string;
  time: string;
  lossFirst: string;
  lossLast: string;
  nonFinite: string | null;
  /** Whether the chart draws the perplexity bars as dashed loss levels (it leaves out those far off the curve). */
  levelsDrawn: boolean;
  sample: string | null;
}

/** Where the perplexity landed: passes, too high, or implausibly low (the labels leak into the inputs). */
export function perplexityVerdict(t: Pick<TrainingDetails, 'perplexity' | 'threshold' | 'implausibleBelow'>): TrainingView['verdictClass'] {
  if (!Number.isFinite(t.perplexity)) return 'fail';
  if (t.perplexity < t.implausibleBelow) return 'implausible';
  return t.perplexity <= t.threshold ? 'pass' : 'fail';
}

const VERDICT_TEXT: Record<TrainingView['verdictClass'], (t: TrainingDetails) => string> = {
  pass: (t) => `at or below the bar of ${formatError(t.threshold)}`,
  fail: (t) => `above the bar of ${formatError(t.threshold)}`,
  implausible: (t) => `implausibly low (below ${formatError(t.implausibleBelow)}): the labels probably leak into the inputs`,
};

export function trainingView(t: TrainingDetails): TrainingView {
  const finite = t.losses.filter((x) => Number.isFinite(x));
  const bad = t.losses.length - finite.length;
  const verdictClass = perplexityVerdict(t);
  const preview = t.indicative;
  const chart = lossChartSvg(t.losses, {
    steps: t.steps > 0 ? t.steps : t.losses.length,
    // A preview is not held to the graded bar, so its chart does not draw it.
    threshold: t.threshold > 0 && !preview ? Math.log(t.threshold) : undefined,
    thresholdLabel: `pass bar: ln(${formatError(t.threshold)}) = ${formatError(Math.log(t.threshold))}`,
    floor: t.implausibleBelow > 0 ? Math.log(t.implausibleBelow) : undefined,
    floorLabel: `implausible: ln(${formatError(t.implausibleBelow)}) = ${formatError(Math.log(t.implausibleBelow))}`,
  });
  return {
    chart: new Markup(chart),
    gauge: preview ? null : new Markup(perplexityGaugeSvg(t)),
    indicative: preview
      ? `Indicative only: a preview after ${t.steps} steps, not the graded bar. The graded test trains ${preview.gradedSteps} steps and needs a held-out perplexity of ${formatError(t.threshold)} or less.`
      : null,
    perplexity: formatError(t.perplexity),
    threshold: formatError(t.threshold),
    implausibleBelow: formatError(t.implausibleBelow),
    verdict: preview ? 'indicative (no bar applies to this preview)' : VERDICT_TEXT[verdictClass](t),
    verdictClass,
    steps: String(t.steps),
    time: formatDuration(t.seconds),
    lossFirst: finite.length > 0 ? formatError(finite[0]) : '–',
    lossLast: finite.length > 0 ? formatError(finite[finite.length - 1]) : '–',
    levelsDrawn: chart.includes('stroke-dasharray'),
    nonFinite: bad > 0 ? `${bad} of ${t.losses.length} losses were NaN or infinite (gaps in the curve)` : null,
    sample: t.sample === undefined ? null : text(t.sample, LIMITS.sample),
  };
}
