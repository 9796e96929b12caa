/**
 * The committed golden file still matches the live reference solution (CI guard): same inputs as
 * the generator makes, and every output within float32 tolerance on this backend.
 */
import { makeGoldenInputs } from './goldenInputs';
import { computeGoldens } from './computeGoldens';
import { readGoldens } from './goldenFile';
import type { StoredTensor } from './goldenTypes';

// Outputs are float32 from a handful of products and sums; backends differ in summation order by
// a few ulps. 1e-5 absolute + 1e-4 relative is far below any real change of the solution.
function expectClose(found: number, expected: number, what: string): void {
  const ok = Math.abs(found - expected) <= 1e-5 + 1e-4 * Math.abs(expected);
  expect({ what, found, ok }).toEqual({ what, found, ok: true });
}

function walk(found: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number') return expectClose(found as number, expected, where);
  if (typeof expected === 'string') return void expect(found).toBe(expected);
  if (Array.isArray(expected)) {
    expect({ where, length: (found as unknown[]).length }).toEqual({ where, length: expected.length });
    expected.forEach((e, i) => walk((found as unknown[])[i], e, `${where}[${i}]`));
    return;
  }
  for (const [key, value] of Object.entries(expected as Record<string, unknown>))
    walk((found as Record<string, unknown>)[key], value, `${where}.${key}`);
}

describe('golden file', () => {
  const golden = readGoldens();

  it('was made from the inputs the generator makes today', () => {
    expect(golden.inputs).toEqual(JSON.parse(JSON.stringify(makeGoldenInputs())));
  });

  it('matches the live solution within float32 tolerance', () => {
    walk(computeGoldens(golden.inputs), golden.outputs, 'outputs');
  });

  it('holds shapes consistent with its configs', () => {
    const t: StoredTensor = golden.outputs.rnn.logits;
    const { vocabSz, hiddenSz } = golden.inputs.rnn.cfg;
    expect(t.shape).toEqual([...golden.inputs.rnn.inputs.shape, vocabSz]);
    expect(golden.outputs.rnn.finalState.shape).toEqual([golden.inputs.rnn.inputs.shape[0], hiddenSz]);
  });
});
