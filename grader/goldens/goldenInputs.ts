/** Deterministic inputs for the golden file (tiny shapes: V=11, E=4, H=5, n=3, B=3, W=4). */
import { seededRandom } from '../../solution/src/random';
import type { GoldenInputs, StoredTensor } from './goldenTypes';

function tensor(shape: number[], fill: (i: number) => number, dtype: 'float32' | 'int32' = 'float32'): StoredTensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: size }, (_, i) => fill(i));
  return { shape, dtype, values: dtype === 'float32' ? values.map((v) => Math.fround(v)) : values };
}

export function makeGoldenInputs(): GoldenInputs {
  const random = seededRandom(2026);
  const normal = (scale: number) => () => scale * (random() + random() + random() - 1.5) * 2;
  const ids = (V: number) => () => Math.floor(random() * V);
  const V = 11;
  const E = 4;
  const H = 5;
  const B = 3;
  const W = 4;
  const n = 3;
  const tokens = 'the cat sat on the mat <stop> the dog sat on a log <stop> a cat saw the dog <stop>'.split(' ');
  return {
    data: {
      tokens,
      minCount: 2,
      encodeTokens: ['the', 'zebra', 'sat', 'on', 'a', 'mat', '<stop>'],
      ids: Array.from({ length: 14 }, (_, i) => (i * 7 + 3) % V),
      n,
      windowSz: W,
    },
    ngram: {
      cfg: { vocabSz: V, embeddingSz: E, n },
      weights: { embedding: tensor([V, E], normal(0.5)), W: tensor([(n - 1) * E, V], normal(0.5)), b: tensor([V], normal(0.3)) },
      inputs: tensor([B, n - 1], ids(V), 'int32'),
      labels: tensor([B], ids(V), 'int32'),
    },
    rnn: {
      cfg: { vocabSz: V, embeddingSz: E, hiddenSz: H },
      weights: {
        embedding: tensor([V, E], normal(0.5)),
        Wr: tensor([E + H, H], normal(0.6)),
        br: tensor([H], normal(0.3)),
        Wo: tensor([H, V], normal(0.6)),
        bo: tensor([V], normal(0.3)),
      },
      inputs: tensor([B, W], ids(V), 'int32'),
      labels: tensor([B, W], ids(V), 'int32'),
      initialState: tensor([B, H], normal(0.5)),
      cell: {
        e: tensor([B, E], normal(0.5)),
        sPrev: tensor([B, H], normal(0.5)),
        Wr: tensor([E + H, H], normal(0.6)),
        br: tensor([H], normal(0.3)),
      },
    },
    loss: {
      logits: tensor([2, 3, V], normal(1)),
      labels: tensor([2, 3], ids(V), 'int32'),
      probs: [
        [0.1, 0.3, 0.5, 0.1],
        [0.4, 0.3, 0.1, 0.2],
        [0.1, 0.7, 0.1, 0.1],
        [0.3, 0.3, 0.2, 0.2],
      ],
      probLabels: [2, 0, 1, 3],
    },
    // 5 windows with batch size 2: the last batch holds one window, which a per-batch average over-weights.
    evaluate: { inputs: tensor([5, W], ids(V), 'int32'), labels: tensor([5, W], ids(V), 'int32'), batchSz: 2 },
  };
}
