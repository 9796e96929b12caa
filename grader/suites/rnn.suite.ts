/** Hidden suite: rnn.ts (the cell, parameter count, shapes, state handling, logits, BPTT, causality). */
import { graded } from './support/graded';
import { golden, wire, wireWeights } from './support/golden';
import { expectGradients, expectTensors, probabilitiesHint, tolerances } from './support/checks';
import { compareTensor } from './support/compare';
import { formatShape } from '../format';
import type { TensorComparison } from '../results/types';
// The provided helper (the same file in stencil and solution): grading never loads solution code.
import { seededRandom } from '../../stencil/src/random';
import type { WireTensor } from '../sandbox/protocol';
import type { RnnConfig } from '../lab';

/** The reference formula: V*E + (E+H)*H + H + H*V + V. */
function paramCount(cfg: RnnConfig): number {
  const { vocabSz: V, embeddingSz: E, hiddenSz: H } = cfg;
  return V * E + (E + H) * H + H + H * V + V;
}

const forwardArgs = () => {
  const r = golden().inputs.rnn;
  return { cfg: r.cfg, weights: wireWeights(r.weights), inputs: wire(r.inputs) };
};

graded('rnn.cell', async (t) => {
  const c = golden().inputs.rnn.cell;
  const s = await t.call('rnn.cell', { e: wire(c.e), sPrev: wire(c.sPrev), Wr: wire(c.Wr), br: wire(c.br) });
  expectTensors(
    t,
    { s_t: s },
    { s_t: golden().outputs.rnn.cell },
    tolerances().forward,
    'rnnCell differs from s_t = tanh([e_t, s_{t-1}] W_r + b_r) (embedding first, then the previous state)',
  );
});

graded('rnn.paramCount', async (t) => {
  const random = seededRandom(11);
  const configs = [
    { vocabSz: 4962, embeddingSz: 64, hiddenSz: 128 },
    ...Array.from({ length: 5 }, () => ({
      vocabSz: 2 + Math.floor(random() * 5000),
      embeddingSz: 1 + Math.floor(random() * 128),
      hiddenSz: 1 + Math.floor(random() * 256),
    })),
  ];
  for (const cfg of configs) {
    const found = await t.call('rnn.paramCount', { cfg });
    if (found !== paramCount(cfg))
      t.fail(
        `rnnParamCount(V=${cfg.vocabSz}, E=${cfg.embeddingSz}, H=${cfg.hiddenSz}) returned ${found}, expected ${paramCount(cfg)}: V*E + (E+H)*H + H + H*V + V`,
      );
  }
});

graded('rnn.shapes', async (t) => {
  const cfg = { vocabSz: 29, embeddingSz: 5, hiddenSz: 7 };
  const shapes = await t.call('rnn.weightShapes', { cfg, seed: 1 });
  const expected: Record<string, number[]> = { embedding: [29, 5], Wr: [12, 7], br: [7], Wo: [7, 29], bo: [29] };
  t.details.shapes = Object.entries(expected).map(([name, e]) => ({ name: `weights.${name}`, expected: e, found: shapes[name] ?? null }));
  for (const [name, e] of Object.entries(expected)) {
    if (!(name in shapes)) t.fail(`RnnLM.weights has no ${name} (expected embedding, Wr, br, Wo, bo)`);
    if (shapes[name].join(',') !== e.join(','))
      t.fail(`weights.${name} has shape ${formatShape(shapes[name])} for V=29, E=5, H=7; expected ${formatShape(e)}`);
  }
  const total = Object.values(shapes).reduce((sum, s) => sum + s.reduce((a, b) => a * b, 1), 0);
  if (total !== paramCount(cfg))
    t.fail(`the model has ${total} parameters, expected ${paramCount(cfg)}: extra or missing weights (${Object.keys(shapes).join(', ')})`);
  const g = golden();
  const out = await t.call('rnn.forward', forwardArgs());
  const [B, W] = g.inputs.rnn.inputs.shape;
  const { vocabSz: V, hiddenSz: H } = g.inputs.rnn.cfg;
  t.details.shapes.push(
    { name: 'logits', expected: [B, W, V], found: out.logits.shape },
    { name: 'finalState', expected: [B, H], found: out.finalState.shape },
  );
  if (out.logits.shape.join(',') !== [B, W, V].join(','))
    t.fail(
      `call(inputs [${B}, ${W}]) returned logits of shape ${formatShape(out.logits.shape)}, expected [${B}, ${W}, ${V}] (one distribution per position)`,
    );
  if (out.finalState.shape.join(',') !== [B, H].join(','))
    t.fail(`call returned finalState of shape ${formatShape(out.finalState.shape)}, expected [${B}, ${H}]`);
});

graded('rnn.initialState', async (t) => {
  const g = golden();
  const r = g.inputs.rnn;
  const zeros: WireTensor = { shape: r.initialState.shape, dtype: 'float32', data: new Float32Array(r.initialState.values.length) };
  const plain = await t.call('rnn.forward', forwardArgs());
  const fromZeros = await t.call('rnn.forward', { ...forwardArgs(), initialState: zeros });
  const same = compareTensor(
    'logits',
    plain.logits,
    { shape: fromZeros.logits.shape, dtype: 'float32', values: Array.from(fromZeros.logits.data) },
    tolerances().forward,
  );
  if (!same.ok) t.fail('call(inputs) and call(inputs, zeros) differ: without an initial state the RNN must start from s_0 = 0');
  const fromState = await t.call('rnn.forward', { ...forwardArgs(), initialState: wire(r.initialState) });
  expectTensors(
    t,
    { logits: fromState.logits, finalState: fromState.finalState },
    { logits: g.outputs.rnn.logitsFromState, finalState: g.outputs.rnn.finalStateFromState },
    tolerances().forward,
    'call(inputs, initialState) does not start from the given state',
  );
});

graded('rnn.forward', async (t) => {
  const g = golden();
  const out = await t.call('rnn.forward', forwardArgs());
  const [, W] = g.inputs.rnn.inputs.shape;
  const V = g.inputs.rnn.cfg.vocabSz;
  // Which time step goes wrong first says a lot: step 0 right and later ones wrong points at s_{t-1}.
  const timeHint = (comparisons: TensorComparison[]) => {
    const logits = comparisons.find((c) => c.name === 'logits');
    if (logits?.firstBadIndex === undefined || !Number.isFinite(logits.maxAbsError)) return undefined;
    const step = Math.floor(logits.firstBadIndex / V) % W;
    const firstStepOk = Array.from({ length: logits.shape[0] }, (_, b) => b).every((b) => {
      const start = b * W * V;
      return g.outputs.rnn.logits.values
        .slice(start, start + V)
        .every((e, v) => Math.abs(out.logits.data[start + v] - e) <= 1e-5 + 1e-4 * Math.abs(e));
    });
    if (step > 0 && firstStepOk)
      return 'The first time step is right and a later one is not: the previous state s_{t-1} is not used as the lecture says (s_t = tanh([e_t, s_{t-1}] W_r + b_r), with s_0 = 0).';
    return probabilitiesHint(out.logits);
  };
  expectTensors(
    t,
    { logits: out.logits, finalState: out.finalState },
    { logits: g.outputs.rnn.logits, finalState: g.outputs.rnn.finalState },
    tolerances().forward,
    'RnnLM.call on given weights differs from the lecture equations',
    timeHint,
  );
});

graded('rnn.bptt', async (t) => {
  const g = golden();
  const { grads } = await t.call('rnn.gradients', { ...forwardArgs(), labels: wire(g.inputs.rnn.labels) });
  expectGradients(t, grads, g.outputs.rnn.grads, 'backpropagation through time (gradients of the cross-entropy over every position)');
});

graded('rnn.causality', async (t) => {
  const r = golden().inputs.rnn;
  const [B, W] = r.inputs.shape;
  const V = r.cfg.vocabSz;
  const base = await t.call('rnn.forward', forwardArgs());
  for (let cut = 0; cut < W - 1; cut++) {
    // Change every token after position `cut`; logits at positions <= cut must not move.
    const changed = Int32Array.from(r.inputs.values, (id, i) => (i % W > cut ? (id + 1 + cut) % V : id));
    const out = await t.call('rnn.forward', { ...forwardArgs(), inputs: { shape: [B, W], dtype: 'int32', data: changed } });
    for (let b = 0; b < B; b++) {
      for (let pos = 0; pos <= cut; pos++) {
        for (let v = 0; v < V; v++) {
          const i = (b * W + pos) * V + v;
          if (Math.abs(out.logits.data[i] - base.logits.data[i]) > 1e-5 + 1e-4 * Math.abs(base.logits.data[i])) {
            t.fail(
              `changing the tokens after position ${cut} changed the logits at position ${pos} (window ${b}): the output at time t may only depend on tokens up to t`,
            );
          }
        }
      }
    }
  }
});
