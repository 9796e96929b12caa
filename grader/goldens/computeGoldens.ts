/** Runs the reference solution on the golden inputs (on the current backend). */
import * as tf from '@tensorflow/tfjs';
import { buildVocab, encode, makeNgramExamples, makeWindows } from '../../solution/src/data';
import { NgramLM } from '../../solution/src/ngram';
import { RnnLM, rnnCell } from '../../solution/src/rnn';
import { perplexityFromProbs, sequenceLoss } from '../../solution/src/loss';
import { evaluatePerplexity } from '../../solution/src/train';
import type { GoldenInputs, GoldenOutputs, StoredTensor, StoredWeights } from './goldenTypes';

export function toTensor(s: StoredTensor): tf.Tensor {
  return tf.tensor(s.values, s.shape, s.dtype);
}

export function stored(t: tf.Tensor): StoredTensor {
  return { shape: [...t.shape], dtype: t.dtype === 'int32' ? 'int32' : 'float32', values: Array.from(t.dataSync()) };
}

function setWeights(weights: Record<string, tf.Variable>, values: StoredWeights): void {
  for (const [name, value] of Object.entries(values)) weights[name].assign(toTensor(value));
}

function gradients(weights: Record<string, tf.Variable>, loss: () => tf.Scalar): { loss: number; grads: StoredWeights } {
  const names = Object.keys(weights);
  const { value, grads } = tf.variableGrads(
    loss,
    names.map((n) => weights[n]),
  );
  const out = { loss: value.dataSync()[0], grads: Object.fromEntries(names.map((n) => [n, stored(grads[weights[n].name])])) };
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

export function computeGoldens(inputs: GoldenInputs): GoldenOutputs {
  return tf.tidy(() => {
    const d = inputs.data;
    const vocab = buildVocab(d.tokens, d.minCount);
    const ngramEx = makeNgramExamples(Int32Array.from(d.ids), d.n);
    const windows = makeWindows(Int32Array.from(d.ids), d.windowSz);

    const ngram = new NgramLM(inputs.ngram.cfg);
    setWeights({ ...ngram.weights }, inputs.ngram.weights);
    const ngramX = toTensor(inputs.ngram.inputs) as tf.Tensor2D;
    const ngramY = toTensor(inputs.ngram.labels);
    const ngramGrads = gradients({ ...ngram.weights }, () => sequenceLoss(ngram.call(ngramX), ngramY));

    const r = inputs.rnn;
    const rnn = new RnnLM(r.cfg);
    setWeights({ ...rnn.weights }, r.weights);
    const x = toTensor(r.inputs) as tf.Tensor2D;
    const y = toTensor(r.labels);
    const plain = rnn.call(x);
    const fromState = rnn.call(x, toTensor(r.initialState) as tf.Tensor2D);
    const rnnGrads = gradients({ ...rnn.weights }, () => sequenceLoss(rnn.call(x).logits, y));
    const cell = rnnCell(
      toTensor(r.cell.e) as tf.Tensor2D,
      toTensor(r.cell.sPrev) as tf.Tensor2D,
      toTensor(r.cell.Wr) as tf.Tensor2D,
      toTensor(r.cell.br) as tf.Tensor1D,
    );

    const ev = inputs.evaluate;
    const rnnPerplexity = evaluatePerplexity(rnn, { inputs: toTensor(ev.inputs), labels: toTensor(ev.labels) }, ev.batchSz);
    const outputs: GoldenOutputs = {
      data: {
        vocab: [...vocab.words],
        encoded: Array.from(encode(d.encodeTokens, vocab)),
        ngram: { inputs: stored(ngramEx.inputs), labels: stored(ngramEx.labels) },
        windows: { inputs: stored(windows.inputs), labels: stored(windows.labels) },
      },
      ngram: { logits: stored(ngram.call(ngramX)), loss: ngramGrads.loss, grads: ngramGrads.grads },
      rnn: {
        logits: stored(plain.logits),
        finalState: stored(plain.finalState),
        logitsFromState: stored(fromState.logits),
        finalStateFromState: stored(fromState.finalState),
        loss: rnnGrads.loss,
        grads: rnnGrads.grads,
        cell: stored(cell),
      },
      loss: {
        sequenceLoss: sequenceLoss(toTensor(inputs.loss.logits), toTensor(inputs.loss.labels)).dataSync()[0],
        perplexityFromProbs: perplexityFromProbs(inputs.loss.probs, inputs.loss.probLabels),
      },
      evaluate: { rnnPerplexity },
    };
    ngram.dispose();
    rnn.dispose();
    return outputs as unknown as tf.TensorContainer;
  }) as unknown as GoldenOutputs;
}
