/** Checks shared by the model suites: outputs and gradients against the reference. */
import type { GradedContext } from './graded';
import type { Tolerance } from '../../config/assignmentConfig';
import type { StoredTensor, StoredWeights } from '../../goldens/goldenTypes';
import type { TensorComparison } from '../../results/types';
import type { WireTensor } from '../../sandbox/protocol';
import { compareTensor, describeMismatches } from './compare';
import { suiteContext } from './suiteContext';

export function tolerances(): { forward: Tolerance; gradient: Tolerance } {
  return suiteContext().config.tolerances;
}

/** Compares named outputs with the reference; records the comparisons; fails listing each mismatch (and `hint`, if any). */
export function expectTensors(
  t: GradedContext,
  found: Record<string, WireTensor>,
  expected: Record<string, StoredTensor>,
  tol: Tolerance,
  intro: string,
  hint?: (comparisons: TensorComparison[]) => string | undefined,
): void {
  const comparisons = Object.entries(expected).map(([name, e]) => compareTensor(name, found[name], e, tol));
  t.details.comparisons = [...(t.details.comparisons ?? []), ...comparisons];
  const lines = describeMismatches(comparisons, Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, v.shape])));
  if (lines.length === 0) return;
  const extra = hint?.(comparisons);
  t.fail(`${intro}:\n${lines.map((l) => `- ${l}`).join('\n')}${extra ? `\n${extra}` : ''}`);
}

/** A hint when logits look like probabilities: every row non-negative and summing to 1. */
export function probabilitiesHint(logits: WireTensor): string | undefined {
  const V = logits.shape[logits.shape.length - 1];
  for (let row = 0; row < logits.data.length / V; row++) {
    let sum = 0;
    for (let v = 0; v < V; v++) {
      const x = logits.data[row * V + v];
      if (x < 0) return undefined;
      sum += x;
    }
    if (Math.abs(sum - 1) > 1e-3) return undefined;
  }
  return 'Every row of your output sums to 1: the model returns probabilities. Return the raw scores (logits); the loss applies the softmax.';
}

/** Gradients of the loss for every weight; a weight the loss never reaches fails with the usual cause. */
export function expectGradients(t: GradedContext, grads: Record<string, WireTensor | null>, expected: StoredWeights, intro: string): void {
  const missing = Object.keys(expected).filter((name) => grads[name] === null || grads[name] === undefined);
  if (missing.length > 0) {
    const unused = `Is ${missing.join(' / ')} used in the forward pass at all?`;
    const cut =
      'The forward pass must use the variables through TensorFlow.js operations only: dataSync/arraySync/tf.tensor(values) in the middle cut the gradient.';
    // Only biases missing usually means a bias was left out; other weights missing usually means a cut.
    const hint = missing.every((name) => /^b/.test(name)) ? `${unused} (a bias that is never added gets no gradient)` : `${cut} ${unused}`;
    t.fail(`${intro}: no gradient reaches ${missing.join(', ')}. ${hint}`);
  }
  expectTensors(t, grads as Record<string, WireTensor>, expected, tolerances().gradient, intro);
}
