/**
 * Elementwise comparison of a submission's tensor with the reference's, and the student-facing
 * description of a mismatch (which entry, how far off; never the hidden expected values).
 */
import type { TensorComparison } from '../../results/types';
import type { Tolerance } from '../../config/assignmentConfig';
import type { WireTensor } from '../../sandbox/protocol';
import type { StoredTensor } from '../../goldens/goldenTypes';
import { formatError, formatIndex, formatShape } from '../../format';

/** Compares `found` with `expected` under |f - e| <= atol + rtol * |e|. */
export function compareTensor(name: string, found: WireTensor, expected: StoredTensor, tol: Tolerance): TensorComparison {
  const tolerance = `atol ${tol.atol} + rtol ${tol.rtol} * |expected|`;
  if (found.shape.join(',') !== expected.shape.join(',')) {
    return { name, shape: found.shape, maxAbsError: Infinity, maxRelError: Infinity, tolerance, ok: false };
  }
  let maxAbsError = 0;
  let maxRelError = 0;
  let firstBadIndex: number | undefined;
  for (let i = 0; i < expected.values.length; i++) {
    const e = expected.values[i];
    const f = found.data[i];
    const abs = Number.isFinite(f) ? Math.abs(f - e) : Infinity;
    maxAbsError = Math.max(maxAbsError, abs);
    maxRelError = Math.max(maxRelError, abs / Math.max(Math.abs(e), 1e-12));
    if (firstBadIndex === undefined && !(abs <= tol.atol + tol.rtol * Math.abs(e))) firstBadIndex = i;
  }
  return { name, shape: found.shape, maxAbsError, maxRelError, tolerance, ok: firstBadIndex === undefined, firstBadIndex };
}

/** One line per failing comparison: shape mismatch, or where and how far the values are off. */
export function describeMismatches(comparisons: TensorComparison[], expectedShapes: Record<string, readonly number[]>): string[] {
  return comparisons
    .filter((c) => !c.ok)
    .map((c) => {
      const expectedShape = expectedShapes[c.name];
      if (!Number.isFinite(c.maxAbsError) && expectedShape && c.shape.join(',') !== expectedShape.join(',')) {
        return `${c.name}: shape ${formatShape(c.shape)}, expected ${formatShape(expectedShape)}`;
      }
      const where = c.firstBadIndex !== undefined ? ` first at index ${formatIndex(c.firstBadIndex, c.shape)}` : '';
      return `${c.name} ${formatShape(c.shape)}: off by up to ${formatError(c.maxAbsError)} (relative ${formatError(c.maxRelError)})${where}; allowed ${c.tolerance}`;
    });
}
