/** The calibration table as text: per model the reference's spread, the count baselines and the proposed bars. */
import type { Calibration, Model } from './calibrate';
import { MAX_WORST_TO_UNIGRAM } from './proposeBars';

const NAMES: Record<Model, string> = { ngram: 'n-gram', rnn: 'RNN' };
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const f1 = (x: number) => x.toFixed(1);

/** @param current the bars in the config now, shown beside the proposal */
export function formatCalibration(c: Calibration, current: Record<Model, { threshold: number; implausibleBelow: number }>): string[] {
  const lines: string[] = [];
  const runs = c.reference.length;
  lines.push(`held-out perplexity of the reference over ${runs} runs (init schemes x seeds), beside counting alone on the same tokens:`);
  lines.push('model    mean     min     max   unigram  bigram  worst/unigram  loss first->last tenth  bar  floor');
  for (const m of ['ngram', 'rnn'] as const) {
    const s = c.spread[m];
    const b = c.baselines[m];
    const p = c.proposed[m];
    const first = c.reference.reduce((a, r) => a + r.lossTrend[m].first, 0) / runs;
    const last = c.reference.reduce((a, r) => a + r.lossTrend[m].last, 0) / runs;
    lines.push(
      `${NAMES[m].padEnd(6)} ${f1(s.mean).padStart(6)} ${f1(s.min).padStart(7)} ${f1(s.max).padStart(7)} ${f1(b.unigram).padStart(9)} ${f1(b.bigram).padStart(7)} ${s.max / b.unigram < 1 ? (s.max / b.unigram).toFixed(2).padStart(14) : '>= 1'.padStart(14)} ${`${first.toFixed(2)} -> ${last.toFixed(2)}`.padStart(23)} ${String(p.threshold).padStart(4)} ${String(p.implausibleBelow).padStart(6)}`,
    );
  }
  for (const m of ['ngram', 'rnn'] as const) {
    const p = c.proposed[m];
    const now = current[m];
    lines.push(
      `${NAMES[m]}: bar ${p.threshold} is ${pct(p.marginOverWorst)} above the worst correct run and ${pct(p.marginUnderUnigram)} below the unigram figure; floor ${p.implausibleBelow} (a quarter of the best run); config has ${now.threshold} / ${now.implausibleBelow}`,
    );
    if (!p.budgetOk)
      lines.push(
        `${NAMES[m]}: BUDGET TOO SMALL: the worst correct run reached ${p.worstToUnigram.toFixed(2)} of the unigram figure (at most ${MAX_WORST_TO_UNIGRAM} needed); give the model more steps`,
      );
  }
  if (c.contrast.length > 0) {
    lines.push('submissions that should not pass on perplexity alone (reported, not calibrated on):');
    for (const r of c.contrast) {
      const verdict = (m: Model) => (r.perplexity[m] <= c.proposed[m].threshold ? 'passes' : 'fails');
      lines.push(
        `  ${r.source.padEnd(24)} seed ${r.seed}: n-gram ${f1(r.perplexity.ngram)} (${verdict('ngram')}), RNN ${f1(r.perplexity.rnn)} (${verdict('rnn')})`,
      );
    }
  }
  return lines;
}
