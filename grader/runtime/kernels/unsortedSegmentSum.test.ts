import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../backend';
import { registerKernelFixes, removeKernelFixes, replacedKernel } from './registerKernelFixes';
import { backendDataIds, expectAllClose, onBackend, read, seededInts, seededTensor, seededValues, type Snapshot } from './testing';

/**
 * Plain-JS reference written the slow, obvious way (one pass over x per segment, as the original
 * cpu kernel does), independent of the scatter-add under test. x: flat [N * tail], ids: [N].
 */
function referenceSegmentSum(x: number[], ids: number[], numSegments: number, rest: number[], dtype: string): Snapshot {
  const tail = rest.reduce((a, b) => a * b, 1);
  const values: number[] = [];
  for (let s = 0; s < numSegments; s++) {
    for (let t = 0; t < tail; t++) {
      let sum = 0;
      for (let n = 0; n < ids.length; n++) if (ids[n] === s) sum += x[n * tail + t];
      values.push(dtype === 'float32' ? Math.fround(sum) : sum);
    }
  }
  return { shape: [numSegments, ...rest], dtype, values };
}

interface Case {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  ids: number[];
  numSegments: number;
}

const N = 40;
const CASES: Case[] = [
  { name: 'x [N, D], repeated ids', shape: [N, 7], dtype: 'float32', ids: seededInts(N, 1, 0, 6), numSegments: 6 },
  { name: 'rank-3 x [N, 4, 3]', shape: [N, 4, 3], dtype: 'float32', ids: seededInts(N, 2, 0, 9), numSegments: 9 },
  { name: 'rank-1 x [N]', shape: [N], dtype: 'float32', ids: seededInts(N, 3, 0, 5), numSegments: 5 },
  {
    name: 'ids out of range (negative and >= numSegments) are dropped',
    shape: [N, 5],
    dtype: 'float32',
    ids: seededInts(N, 4, -3, 8),
    numSegments: 5,
  },
  { name: 'numSegments larger than the largest id', shape: [N, 3], dtype: 'float32', ids: seededInts(N, 5, 0, 4), numSegments: 11 },
  { name: 'int32 x', shape: [N, 6], dtype: 'int32', ids: seededInts(N, 6, -1, 7), numSegments: 7 },
];

function inputsOf(c: Case): number[] {
  const size = c.shape.reduce((a, b) => a * b, 1);
  // Rounded to float32 here, so the reference sums exactly the values the tensor holds.
  return c.dtype === 'int32' ? seededInts(size, 100, -1000, 1000) : seededValues(size, 100).map(Math.fround);
}

function segmentSumOnActiveBackend(c: Case): Snapshot {
  return read(() => {
    const x = tf.tensor(inputsOf(c), c.shape, c.dtype);
    return tf.unsortedSegmentSum(x, tf.tensor1d(c.ids, 'int32'), c.numSegments);
  });
}

beforeAll(async () => {
  await initRuntime('wasm');
});

describe('UnsortedSegmentSum scatter-add kernels', () => {
  it('is missing on wasm without the fix (tfjs#8082), and present with it', () => {
    removeKernelFixes('wasm');
    try {
      expect(() => segmentSumOnActiveBackend(CASES[0])).toThrow(/UnsortedSegmentSum.*not registered/);
    } finally {
      registerKernelFixes('wasm');
    }
    expect(replacedKernel('UnsortedSegmentSum', 'wasm')).toBeNull(); // added, not replaced
    expect(() => segmentSumOnActiveBackend(CASES[0])).not.toThrow();
  });

  describe.each(['wasm', 'cpu'])('patched %s backend', (backendName) => {
    beforeAll(() => {
      registerKernelFixes(backendName as 'wasm' | 'cpu');
    });

    it.each(CASES)('$name matches the plain-JS reference', async (c) => {
      expect(replacedKernel('UnsortedSegmentSum', backendName)).not.toBeUndefined();
      const got = await onBackend(backendName, () => segmentSumOnActiveBackend(c));
      const want = referenceSegmentSum(inputsOf(c), c.ids, c.numSegments, c.shape.slice(1), c.dtype);
      // Both sides add the same float32 inputs in float64 in the same order and round once, so the
      // results are identical; int32 sums of small integers are exact.
      expect(got.dtype).toBe(c.dtype);
      expect(got).toEqual(want);
    });

    it('matches the unpatched cpu kernel on random inputs', async () => {
      const c: Case = { name: 'random', shape: [64, 8], dtype: 'float32', ids: seededInts(64, 7, -2, 21), numSegments: 20 };
      removeKernelFixes('cpu');
      let unpatched: Snapshot;
      try {
        unpatched = await onBackend('cpu', () => segmentSumOnActiveBackend(c));
      } finally {
        registerKernelFixes('cpu');
      }
      const got = await onBackend(backendName, () => segmentSumOnActiveBackend(c));
      // Same float64 accumulation in the same order as the old kernel's Sum: bit-identical.
      expect(got).toEqual(unpatched);
    });

    it('rejects segmentIds that do not match the leading dimensions of x', async () => {
      await onBackend(backendName, () => {
        tf.tidy(() => {
          const x = tf.zeros([4, 3]);
          expect(() => tf.unsortedSegmentSum(x, tf.tensor1d([0, 1, 2], 'int32'), 3)).toThrow(/must be a leading part of x shape \[4,3\]/);
        });
      });
    });

    it('leaves no tensor or backend buffer behind', async () => {
      await onBackend(backendName, () => {
        const x = seededTensor([N, 7], 8);
        const ids = tf.tensor1d(CASES[0].ids, 'int32');
        const tensors = tf.memory().numTensors;
        const buffers = backendDataIds();
        tf.tidy(() => tf.unsortedSegmentSum(x, ids, 6).sum().dataSync());
        expect(tf.memory().numTensors).toBe(tensors);
        expect(backendDataIds()).toBe(buffers);
        tf.dispose([x, ids]);
      });
    });
  });
});

describe('gradient of tf.gather (embedding lookup) on wasm matches the unpatched cpu backend', () => {
  const V = 12;
  const D = 5;
  const GATHER_CASES: { name: string; indices: number[]; indexShape: number[]; axis: number }[] = [
    { name: '1-D indices with repeats', indices: [3, 1, 3, 3, 0, 11, 1], indexShape: [7], axis: 0 },
    { name: '2-D indices [batch, time] with repeats', indices: seededInts(4 * 6, 9, 0, V), indexShape: [4, 6], axis: 0 },
    { name: 'gather along axis 1', indices: [4, 0, 4, 2], indexShape: [4], axis: 1 },
  ];

  /** d/dE sum(gather(E, indices) * W) for a seeded W, so every gathered row gets a distinct upstream gradient. */
  function embeddingGrad(indices: number[], indexShape: number[], axis: number): Snapshot {
    return read(() => {
      const table = seededTensor(axis === 0 ? [V, D] : [D, V], 10);
      const ids = tf.tensor(indices, indexShape, 'int32');
      const outShape = axis === 0 ? [...indexShape, D] : [D, ...indexShape];
      const weights = seededTensor(outShape, 11);
      return tf.grad((e: tf.Tensor) => tf.gather(e, ids, axis).mul(weights).sum())(table);
    });
  }

  it.each(GATHER_CASES)('$name', async ({ indices, indexShape, axis }) => {
    removeKernelFixes('cpu');
    let reference: Snapshot;
    try {
      reference = await onBackend('cpu', () => embeddingGrad(indices, indexShape, axis));
    } finally {
      registerKernelFixes('cpu');
    }
    const wasm = await onBackend('wasm', () => embeddingGrad(indices, indexShape, axis));
    const cpuPatched = await onBackend('cpu', () => embeddingGrad(indices, indexShape, axis));
    // The upstream gradient is W itself (d sum(g*W)/dg = W, exact); every side sums the same
    // float32 values of W in float64 in index order and rounds once, so the results should be
    // bit-identical. The slack (a few float32 ulps, ~6e-8 each) only absorbs a different
    // summation order should a later tfjs change it.
    expectAllClose(wasm, reference, 1e-6, 1e-7);
    expectAllClose(cpuPatched, reference, 1e-6, 1e-7);
    // A repeated index accumulates: the gradient is not just a copy of one row.
    expect(reference.values.some((v) => v !== 0)).toBe(true);
  });

  it('leaves no tensor or backend buffer behind on wasm', async () => {
    await onBackend('wasm', () => {
      const tensors = tf.memory().numTensors;
      const buffers = backendDataIds();
      embeddingGrad(GATHER_CASES[1].indices, GATHER_CASES[1].indexShape, 0);
      expect(tf.memory().numTensors).toBe(tensors);
      expect(backendDataIds()).toBe(buffers);
    });
  });
});
