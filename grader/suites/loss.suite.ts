/** Hidden suite: loss.ts and evaluatePerplexity (golden vector, sequence loss, token-weighted perplexity). */
import { graded } from './support/graded';
import { logitsTable, tablePerplexities } from '../judge/tablePerplexity';
import { golden, wire } from './support/golden';

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
  const V = g.inputs.rnn.cfg.vocabSz;
  // The host swaps the model's forward pass for a table lookup, so only the averaging is tested,
  // and the right answer is computed here rather than by the submission's process.
  const table = logitsTable(V);
  const found = await t.call('train.evaluatePerplexity', {
    cfg: g.inputs.rnn.cfg,
    logitsTable: { shape: [V, V], dtype: 'float32', data: table },
    inputs: wire(ev.inputs),
    labels: wire(ev.labels),
    batchSz: ev.batchSz,
  });
  const windows = ev.inputs.shape[0];
  const expected = tablePerplexities(table, V, ev.inputs.values, ev.labels.values, windows, ev.batchSz);
  t.details.values = { 'evaluatePerplexity returned': found, 'exp of the token-averaged NLL': expected.tokenWeighted };
  if (close(found, expected.tokenWeighted, 1e-4)) return;
  const batches = `${windows} windows in batches of ${ev.batchSz}`;
  if (close(found, expected.meanOfBatchNll, 1e-4) || close(found, expected.meanOfBatchPerplexities, 1e-4)) {
    t.fail(
      `evaluatePerplexity over ${batches} averages per batch: every batch counts the same, so the smaller last batch weighs too much. Weight each batch's mean loss by its number of tokens (or sum the losses and divide by the token count), then take exp once.`,
    );
  }
  t.fail(
    `evaluatePerplexity over ${batches} returned ${found.toFixed(4)}, but exp of the token-averaged cross-entropy of the model's logits on the same windows is ${expected.tokenWeighted.toFixed(4)} (the test gives the model a forward pass of its own, so your RnnLM does not matter here). Check the loss it uses (if sequenceLoss fails its test, fix that first), that it takes the logits from model.call(inputs).logits, and that every token counts once.`,
  );
});
