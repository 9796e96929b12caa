import { proposeBars, spread } from './proposeBars';

describe('proposeBars', () => {
  it('puts the bar between the worst correct run and the unigram figure, with both margins', () => {
    const bars = proposeBars(spread([84, 90, 100]), 144);
    expect(bars.threshold).toBe(120); // floor(sqrt(100 * 144))
    expect(bars.threshold).toBeGreaterThan(100);
    expect(bars.threshold).toBeLessThan(144);
    expect(bars.marginOverWorst).toBeCloseTo(0.2, 10);
    expect(bars.marginUnderUnigram).toBeCloseTo(1 - 120 / 144, 10);
    expect(bars.implausibleBelow).toBe(21);
    expect(bars.budgetOk).toBe(true);
  });

  it('flags a budget whose worst correct run is not 15% below the unigram figure', () => {
    const bars = proposeBars(spread([100, 130]), 144);
    expect(bars.worstToUnigram).toBeCloseTo(130 / 144, 10);
    expect(bars.budgetOk).toBe(false);
  });
});
