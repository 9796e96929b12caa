import { trainingCurve } from '../shared/testing';
import { perplexityVerdict, trainingView } from './trainingView';

const bars = { threshold: 400, implausibleBelow: 20 };
const base = { losses: trainingCurve(200, 8.5, 5.6), perplexity: 287, ...bars, steps: 200, seconds: 40.8 };

describe('trainingView', () => {
  it('says where the perplexity landed against the bars', () => {
    expect(perplexityVerdict({ perplexity: 287, ...bars })).toBe('pass');
    expect(perplexityVerdict({ perplexity: 400, ...bars })).toBe('pass');
    expect(perplexityVerdict({ perplexity: 612, ...bars })).toBe('fail');
    expect(perplexityVerdict({ perplexity: 5.4, ...bars })).toBe('implausible');
    expect(perplexityVerdict({ perplexity: NaN, ...bars })).toBe('fail');
    expect(trainingView({ ...base, perplexity: 5.4 }).verdict).toBe('implausibly low (below 20): the labels probably leak into the inputs');
  });

  it('summarises the curve and notes losses that were not numbers', () => {
    const v = trainingView({ ...base, losses: [8.5, NaN, 7, Infinity, 6.1] });
    expect([v.lossFirst, v.lossLast, v.steps, v.time]).toEqual(['8.5', '6.1', '200', '41 s']);
    expect(v.nonFinite).toBe('2 of 5 losses were NaN or infinite (gaps in the curve)');
    expect(trainingView(base).nonFinite).toBeNull();
  });

  it('tells the caption whether the bars are drawn on the chart', () => {
    expect(trainingView(base).levelsDrawn).toBe(true);
    // a loss stuck near 7.4 with a bar at ln(229) = 5.4: too far to draw
    expect(trainingView({ ...base, losses: trainingCurve(150, 7.45, 7.4), threshold: 229, implausibleBelow: 1 }).levelsDrawn).toBe(false);
  });

  it('cleans and caps the generated text', () => {
    expect(trainingView({ ...base, sample: 'a\u0000b\u001b[1mc' }).sample).toBe('a\uFFFDbc');
    expect(trainingView({ ...base, sample: 'w '.repeat(5000) }).sample).toMatch(/characters cut/);
    expect(trainingView(base).sample).toBeNull();
  });
});
