import { formatPercent, formatTick, junitSeconds, niceTicks, percentOf, shortHash } from './format';

describe('percentages', () => {
  it('rounds down to a whole percent, so a near miss never reads 100%', () => {
    expect(percentOf(16.6, 30)).toBe(55);
    expect(percentOf(29.9, 30)).toBe(99);
    expect(percentOf(30, 30)).toBe(100);
    expect(percentOf(0.3, 0.3)).toBe(100);
    expect(formatPercent(16.6, 30)).toBe('55%');
  });

  it('has nothing to show when there is nothing to earn', () => {
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(NaN, 10)).toBe(0);
    expect(formatPercent(0, 0)).toBe('–');
  });
});

describe('durations', () => {
  it('gives JUnit seconds with millisecond precision', () => {
    expect(junitSeconds(12)).toBe('0.012');
    expect(junitSeconds(41000)).toBe('41.000');
    expect(junitSeconds(NaN)).toBe('0.000');
  });
});

describe('hashes and indices', () => {
  it('shortens a sha256 to 12 hex digits', () => {
    expect(shortHash('a'.repeat(64))).toBe('a'.repeat(12));
    expect(shortHash('abc')).toBe('abc');
  });
});

describe('chart ticks', () => {
  it('picks round steps inside the range', () => {
    expect(niceTicks(0, 200, 5)).toEqual([0, 50, 100, 150, 200]);
    expect(niceTicks(0, 150, 5)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(1.42, 7.62, 5)).toEqual([2, 4, 6]);
    expect(niceTicks(0.1, 0.4, 4)).toEqual([0.1, 0.2, 0.3, 0.4]);
  });

  it('reaches past the data outward, so the curve never touches the frame', () => {
    expect(niceTicks(1.42, 7.62, 5, true)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(5.5, 8.52, 5, true)).toEqual([5, 6, 7, 8, 9]);
  });

  it('copes with a flat or reversed range and non-finite input', () => {
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceTicks(8, 2, 4)).toEqual(niceTicks(2, 8, 4));
    expect(niceTicks(NaN, 1)).toEqual([]);
  });

  it('labels ticks without float noise', () => {
    expect(formatTick(0.30000000000000004)).toBe('0.3');
    expect(formatTick(0)).toBe('0');
    expect(formatTick(150)).toBe('150');
    expect(formatTick(250000)).toBe('2.5e+5');
  });
});
