/** Hidden suite: loss.ts and evaluatePerplexity (golden vector, sequence loss, token-weighted perplexity). */
import { graded } from './support/graded';
import { golden, wire, wireWeights } from './support/golden';

function close(found: number, expected: number, rtol: number): boolean {
  return Math.abs(found - expected) <= rtol * Math.abs(expected);
}

graded('loss.perplexityGolden', async (t) => {
  const l = golden().inputs.loss;
  const found = await t.call('loss.perplexityFromProbs', { probs: l.probs, labels: l.probLabels });
  if (!close(found, 2.4446151121745054, 1e-9)) t.fail(`perplexityFromProbs on the golden vector returned ${found}, expected 2.4446151121745054 (exp of the mean of -log p[label])`);
  const one = await t.call('loss.perplexity', { meanNll: 0 });
  if (!close(one, 1, 1e-12)) t.fail(`perplexity(0) returned ${one}, expected 1 = exp(0)`);
});

graded('loss.sequenceLoss', async (t) => {
  const g = golden();
  const found = await t.call('loss.sequenceLoss', { logits: wire(g.inputs.loss.logits), labels: wire(g.inputs.loss.labels) });
  const expected = g.outputs.loss.sequenceLoss;
  t.details.values = { found };
  if (!close(found, expected, 1e-4)) {
    const hint = found < expected ? ' (is softmax applied twice, or probabilities passed where logits are expected?)' : '';
    t.fail(`sequenceLoss on logits of shape [2, 3, ${g.inputs.rnn.cfg.vocabSz}] is off by ${Math.abs(found - expected).toExponential(2)}: it must be the mean over all tokens of -log softmax(logits)[label]${hint}`);
  }
});

graded('loss.evaluatePerplexity', async (t) => {
  const g = golden();
  const ev = g.inputs.evaluate;
  const found = await t.call('train.evaluatePerplexity', { model: 'rnn', cfg: g.inputs.rnn.cfg, weights: wireWeights(g.inputs.rnn.weights), inputs: wire(ev.inputs), labels: wire(ev.labels), batchSz: ev.batchSz });
  const expected = g.outputs.evaluate.rnnPerplexity;
  if (!close(found, expected, 1e-4)) {
    t.fail(`evaluatePerplexity over ${ev.inputs.shape[0]} windows in batches of ${ev.batchSz} is off by ${(Math.abs(found - expected) / expected * 100).toFixed(2)}%: it must be exp of the NLL averaged over every token (a smaller last batch must weigh less; do not average per-batch perplexities)`);
  }
});
