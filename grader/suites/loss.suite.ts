/** Hidden suite: loss.ts and evaluatePerplexity (golden vector, sequence loss, token-weighted perplexity). */
import { graded } from './support/graded';
import { golden, wire, wireWeights } from './support/golden';

function close(found: number, expected: number, rtol: number): boolean {
  return Math.abs(found - expected) <= rtol * Math.abs(expected);
}

graded('loss.perplexityGolden', async (t) => {
  const l = golden().inputs.loss;
  const found = await t.call('loss.perplexityFromProbs', { probs: l.probs, labels: l.probLabels });
  if (!close(found, 2.4446151121745054, 1e-9))
    t.fail(`perplexityFromProbs on the golden vector returned ${found}, expected 2.4446151121745054 (exp of the mean of -log p[label])`);
  const one = await t.call('loss.perplexity', { meanNll: 0 });
  if (!close(one, 1, 1e-12)) t.fail(`perplexity(0) returned ${one}, expected 1 = exp(0)`);
});

graded('loss.sequenceLoss', async (t) => {
  const g = golden();
  const found = await t.call('loss.sequenceLoss', { logits: wire(g.inputs.loss.logits), labels: wire(g.inputs.loss.labels) });
  const expected = g.outputs.loss.sequenceLoss;
  if (!close(found, expected, 1e-4)) {
    // No numbers: the logits are hidden, and the error would give the expected value away.
    const hint = found < expected ? ' It is too low: is softmax applied twice, or are probabilities passed where logits are expected?' : '';
    t.fail(
      `sequenceLoss on logits of shape [2, 3, ${g.inputs.rnn.cfg.vocabSz}] differs from the mean over all tokens of -log softmax(logits)[label] (relative error above 1e-4).${hint}`,
    );
  }
});

graded('loss.evaluatePerplexity', async (t) => {
  const g = golden();
  const ev = g.inputs.evaluate;
  // Scored against the submission's own model (with given weights), so only the averaging is tested.
  const r = await t.call('train.evaluatePerplexity', {
    model: 'rnn',
    cfg: g.inputs.rnn.cfg,
    weights: wireWeights(g.inputs.rnn.weights),
    inputs: wire(ev.inputs),
    labels: wire(ev.labels),
    batchSz: ev.batchSz,
  });
  t.details.values = { 'evaluatePerplexity returned': r.found, 'exp of the token-averaged NLL of your model': r.tokenWeighted };
  if (close(r.found, r.tokenWeighted, 1e-4)) return;
  const batches = `${ev.inputs.shape[0]} windows in batches of ${ev.batchSz}`;
  if (close(r.found, r.meanOfBatchNll, 1e-4) || close(r.found, r.meanOfBatchPerplexities, 1e-4)) {
    t.fail(
      `evaluatePerplexity over ${batches} averages per batch: every batch counts the same, so the smaller last batch weighs too much. Weight each batch's mean loss by its number of tokens (or sum the losses and divide by the token count), then take exp once.`,
    );
  }
  t.fail(
    `evaluatePerplexity over ${batches} returned ${r.found.toFixed(4)}, but exp of the token-averaged cross-entropy of your own model on the same windows is ${r.tokenWeighted.toFixed(4)}. Check the loss it uses (if sequenceLoss fails its test, fix that first) and that every token counts once.`,
  );
});
