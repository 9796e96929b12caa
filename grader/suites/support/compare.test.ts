import { compareTensor, describeMismatches } from './compare';
import { formatIndex } from '../../format';
import type { WireTensor } from '../../sandbox/protocol';

const found = (values: number[], shape: number[]): WireTensor => ({ shape, dtype: 'float32', data: Float32Array.from(values) });
const expected = (values: number[], shape: number[]) => ({ shape, dtype: 'float32' as const, values });
const tol = { atol: 1e-6, rtol: 1e-3 };

describe('tensor comparison for hidden tests', () => {
  it('accepts float32 rounding within atol + rtol * |expected|', () => {
    const c = compareTensor('Wr', found([1.0000005, -2.001], [2]), expected([1, -2], [2]), tol);
    expect(c.ok).toBe(true);
    expect(c.maxAbsError).toBeCloseTo(0.001, 6);
  });

  it('finds the first entry outside the tolerance and says where, without the expected values', () => {
    const c = compareTensor('Wr', found([1, 2, 3, 4.5, 5, 9], [2, 3]), expected([1, 2, 3, 4, 5, 6], [2, 3]), tol);
    expect(c.ok).toBe(false);
    expect(c.firstBadIndex).toBe(3);
    const [line] = describeMismatches([c], { Wr: [2, 3] });
    expect(line).toBe('Wr [2, 3]: off by up to 3 (relative 0.5) first at index [1, 0]; allowed atol 0.000001 + rtol 0.001 * |expected|');
    expect(line).not.toMatch(/\b6\b|\b4\b/);
  });

  it('reports a shape mismatch as such', () => {
    const c = compareTensor('logits', found([1, 2], [1, 2]), expected([1, 2], [2, 1]), tol);
    expect(c.ok).toBe(false);
    expect(describeMismatches([c], { logits: [2, 1] })).toEqual(['logits: shape [1, 2], expected [2, 1]']);
  });

  it('treats NaN as a mismatch', () => {
    expect(compareTensor('b', found([NaN], [1]), expected([0], [1]), tol).ok).toBe(false);
  });

  it('turns flat indices into coordinates', () => {
    expect(formatIndex(7, [2, 2, 3])).toBe('[1, 0, 1]');
  });
});
