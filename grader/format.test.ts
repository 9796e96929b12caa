import { formatDuration, formatError, formatIndex, formatShape } from './format';

describe('error magnitudes', () => {
  it.each([
    [0, '0'],
    [3.1e-7, '3.10e-7'],
    [0.0042, '0.0042'],
    [12.5, '12.5'],
    [3, '3'],
    [123456, '1.23e+5'],
    [Infinity, 'Infinity'],
    [NaN, 'NaN'],
  ])('%p reads %p', (x, text) => {
    expect(formatError(x)).toBe(text);
  });
});

describe('shapes and indices', () => {
  it('writes a shape as a list, a scalar as [], and no shape as none', () => {
    expect(formatShape([32, 10, 4])).toBe('[32, 10, 4]');
    expect(formatShape([])).toBe('[]');
    expect(formatShape(null)).toBe('none');
  });

  it('turns a flat index into one index per dimension', () => {
    expect(formatIndex(0, [3, 5])).toBe('[0, 0]');
    expect(formatIndex(5, [2, 3])).toBe('[1, 2]');
    expect(formatIndex(50, [2, 5, 50])).toBe('[0, 1, 0]');
    expect(formatIndex(3, [16])).toBe('[3]');
    expect(formatIndex(6, [2, 3])).toBe('6');
    expect(formatIndex(4, [])).toBe('4');
  });
});

describe('durations', () => {
  it.each([
    [0.012, '12 ms'],
    [0.48, '480 ms'],
    [4.24, '4.2 s'],
    [52.437, '52 s'],
    [185, '3 min 05 s'],
    [3725, '1 h 02 min'],
    [-1, '–'],
    [NaN, '–'],
  ])('%p s reads %p', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});
