/** Hidden suite: ngram.ts (parameter count, shapes, logits and gradients on given weights). */
import { graded } from './support/graded';
import { golden, shapesOf, wire, wireWeights } from './support/golden';
import { expectGradients, expectTensors, probabilitiesHint, tolerances } from './support/checks';
import { formatShape } from '../format';
// The provided helper (the same file in stencil and solution): grading never loads solution code.
import { seededRandom } from '../../stencil/src/random';
import type { NgramConfig } from '../lab';

/** The reference formula, restated here from the lab's API: V*E + (n-1)*E*V + V. */
function paramCount(cfg: NgramConfig): number {
  return cfg.vocabSz * cfg.embeddingSz + (cfg.n - 1) * cfg.embeddingSz * cfg.vocabSz + cfg.vocabSz;
}

graded('ngram.paramCount', async (t) => {
  const random = seededRandom(7);
  const configs = [
    { vocabSz: 4962, embeddingSz: 64, n: 3 },
    ...Array.from({ length: 5 }, () => ({
      vocabSz: 2 + Math.floor(random() * 5000),
      embeddingSz: 1 + Math.floor(random() * 128),
      n: 2 + Math.floor(random() * 4),
    })),
  ];
  for (const cfg of configs) {
    const found = await t.call('ngram.paramCount', { cfg });
    if (found !== paramCount(cfg))
      t.fail(
        `ngramParamCount(V=${cfg.vocabSz}, E=${cfg.embeddingSz}, n=${cfg.n}) returned ${found}, expected ${paramCount(cfg)}: embedding V*E + W (n-1)*E*V + b V`,
      );
  }
});

graded('ngram.shapes', async (t) => {
  const cfg = { vocabSz: 37, embeddingSz: 6, n: 4 };
  const shapes = await t.call('ngram.weightShapes', { cfg, seed: 3 });
  const expected: Record<string, number[]> = { embedding: [37, 6], W: [18, 37], b: [37] };
  t.details.shapes = Object.entries(expected).map(([name, e]) => ({ name: `weights.${name}`, expected: e, found: shapes[name] ?? null }));
  for (const [name, e] of Object.entries(expected)) {
    if (!(name in shapes)) t.fail(`NgramLM.weights has no ${name} (expected embedding, W and b)`);
    if (shapes[name].join(',') !== e.join(','))
      t.fail(`weights.${name} has shape ${formatShape(shapes[name])} for V=37, E=6, n=4; expected ${formatShape(e)}`);
  }
  const total = Object.values(shapes).reduce((sum, s) => sum + s.reduce((a, b) => a * b, 1), 0);
  t.details.values = { parameters: total, expected: paramCount(cfg) };
  if (total !== paramCount(cfg))
    t.fail(
      `the model has ${total} parameters in its weights, expected ${paramCount(cfg)}: extra or missing weights (${Object.keys(shapes).join(', ')})`,
    );
});

graded('ngram.forward', async (t) => {
  const g = golden();
  const logits = await t.call('ngram.forward', {
    cfg: g.inputs.ngram.cfg,
    weights: wireWeights(g.inputs.ngram.weights),
    inputs: wire(g.inputs.ngram.inputs),
  });
  expectTensors(
    t,
    { logits },
    { logits: g.outputs.ngram.logits },
    tolerances().forward,
    'NgramLM.call on given weights differs from the equation logits = [e_1, ..., e_{n-1}] W + b',
    () => probabilitiesHint(logits),
  );
});

graded('ngram.gradients', async (t) => {
  const g = golden();
  const { grads } = await t.call('ngram.gradients', {
    cfg: g.inputs.ngram.cfg,
    weights: wireWeights(g.inputs.ngram.weights),
    inputs: wire(g.inputs.ngram.inputs),
    labels: wire(g.inputs.ngram.labels),
  });
  t.details.values = Object.fromEntries(Object.entries(shapesOf(g.outputs.ngram.grads)).map(([k, s]) => [`${k} shape`, formatShape(s)]));
  expectGradients(t, grads, g.outputs.ngram.grads, 'gradients of the cross-entropy through NgramLM.call');
});
