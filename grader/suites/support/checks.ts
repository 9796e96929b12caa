/** Checks shared by the model suites: outputs and gradients against the reference. */
import type { GradedContext } from './graded';
import type { Tolerance } from '../../config/assignmentConfig';
import type { StoredTensor, StoredWeights } from '../../goldens/goldenTypes';
import type { WireTensor } from '../../sandbox/protocol';
import { compareTensor, describeMismatches } from './compare';
import { suiteContext } from './suiteContext';

export function tolerances(): { forward: Tolerance; gradient: Tolerance } {
  return suiteContext().config.tolerances;
}

/** Compares named outputs with the reference; records the comparisons; fails listing each mismatch. */
export function expectTensors(t: GradedContext, found: Record<string, WireTensor>, expected: Record<string, StoredTensor>, tol: Tolerance, intro: string): void {
  const comparisons = Object.entries(expected).map(([name, e]) => compareTensor(name, found[name], e, tol));
  t.details.comparisons = [...(t.details.comparisons ?? []), ...comparisons];
  const lines = describeMismatches(comparisons, Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, v.shape])));
  if (lines.length > 0) t.fail(`${intro}:\n${lines.map((l) => `- ${l}`).join('\n')}`);
}

/** Gradients of the loss for every weight; a weight the loss never reaches fails with the usual cause. */
export function expectGradients(t: GradedContext, grads: Record<string, WireTensor | null>, expected: StoredWeights, intro: string): void {
  const missing = Object.keys(expected).filter((name) => grads[name] === null || grads[name] === undefined);
  if (missing.length > 0) {
    t.fail(
      `${intro}: no gradient reaches ${missing.join(', ')}. The loss is not connected to ${missing.length === 1 ? 'this weight' : 'these weights'}: ` +
        'the forward pass must use the variables through TensorFlow.js operations only (dataSync/arraySync/tf.tensor(values) in the middle cut the gradient), and use every weight.',
    );
  }
  expectTensors(t, grads as Record<string, WireTensor>, expected, tolerances().gradient, intro);
}
