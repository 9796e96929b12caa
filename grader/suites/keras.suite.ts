/** Hidden suite: kerasRnn.ts (the SimpleRNN quiz shapes, equivalence with RnnLM). */
import { graded } from './support/graded';
import { golden, wire, wireWeights } from './support/golden';
import { expectTensors, tolerances } from './support/checks';
import { formatShape } from '../format';

graded('keras.quizShapes', async (t) => {
  const input = { shape: [32, 10, 8], dtype: 'float32' as const, data: Float32Array.from({ length: 32 * 10 * 8 }, (_, i) => Math.sin(i)) };
  const last = await t.call('keras.simpleRnn', { units: 4, returnSequences: false, input });
  const all = await t.call('keras.simpleRnn', { units: 4, returnSequences: true, input });
  t.details.shapes = [
    { name: 'returnSequences: false', expected: [32, 4], found: last.shape },
    { name: 'returnSequences: true', expected: [32, 10, 4], found: all.shape },
  ];
  if (last.shape.join(',') !== '32,4')
    t.fail(`simpleRNN(4) on [32, 10, 8] gave ${formatShape(last.shape)}, expected [32, 4] (the last state)`);
  if (all.shape.join(',') !== '32,10,4')
    t.fail(`simpleRNN(4, returnSequences) on [32, 10, 8] gave ${formatShape(all.shape)}, expected [32, 10, 4] (every state)`);
  if (last.params !== 52)
    t.fail(`the layer has ${last.params} parameters, expected (8 + 4) * 4 + 4 = 52: kernel, recurrent kernel and bias`);
});

graded('keras.equivalence', async (t) => {
  const g = golden();
  const r = g.inputs.rnn;
  const out = await t.call('keras.forward', { cfg: r.cfg, weights: wireWeights(r.weights), inputs: wire(r.inputs) });
  expectTensors(
    t,
    { logits: out.logits },
    { logits: g.outputs.rnn.logits },
    tolerances().forward,
    'buildKerasRnnLM with kernel and recurrent kernel stacked into W_r does not match RnnLM',
  );
});
