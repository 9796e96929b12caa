/** Probes of ngram.ts, rnn.ts and kerasRnn.ts: parameter counts, shapes, forward passes, gradients. */
import * as tf from '@tensorflow/tfjs';
import type { ProbeApi } from '../../probeApi';
import type { LabLoader } from '../labLoader';
import { ProbeError } from '../labLoader';
import { fromWire } from '../wire';
import { probeCrossEntropy } from '../probeLoss';
import { assignWeights, describeValue, gradientsOf, numberOf, wireOf } from './common';

type Api<K extends keyof ProbeApi> = (args: ProbeApi[K]['args']) => ProbeApi[K]['result'];
type ModelProbe =
  | 'ngram.paramCount'
  | 'ngram.weightShapes'
  | 'ngram.forward'
  | 'ngram.gradients'
  | 'rnn.cell'
  | 'rnn.paramCount'
  | 'rnn.weightShapes'
  | 'rnn.forward'
  | 'rnn.gradients'
  | 'keras.simpleRnn'
  | 'keras.forward';

/** Runs `fn` with every tensor it makes freed afterwards (models included, via dispose). */
function scoped<T>(fn: (keep: (m: { dispose?: () => void }) => void) => T): T {
  const models: { dispose?: () => void }[] = [];
  try {
    return tf.tidy(() => fn((m) => models.push(m)) as unknown as tf.TensorContainer) as unknown as T;
  } finally {
    for (const m of models) if (typeof m.dispose === 'function') m.dispose();
  }
}

function rnnOutput(value: unknown): { logits: unknown; finalState: unknown } {
  if (typeof value !== 'object' || value === null || !('logits' in value))
    throw new ProbeError('bad-result', `RnnLM.call returned ${describeValue(value)}, expected { logits, finalState }`);
  return value as { logits: unknown; finalState: unknown };
}

function shapesOf(weights: unknown): Record<string, number[]> {
  if (typeof weights !== 'object' || weights === null)
    throw new ProbeError('bad-result', `weights is ${describeValue(weights)}, expected an object of tf.Variables`);
  return Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, v instanceof tf.Tensor ? [...v.shape] : []]));
}

export function modelProbes(lab: LabLoader) {
  const probes: { [K in ModelProbe]: Api<K> } = {
    'ngram.paramCount': ({ cfg }) => numberOf(lab.export('ngram', 'ngramParamCount')(cfg), 'ngramParamCount'),
    'ngram.weightShapes': ({ cfg, seed }) =>
      scoped((keep) => {
        const model = new (lab.export('ngram', 'NgramLM'))(cfg, seed);
        keep(model);
        return shapesOf(model.weights);
      }),
    'ngram.forward': ({ cfg, weights, inputs }) =>
      scoped((keep) => {
        const model = new (lab.export('ngram', 'NgramLM'))(cfg, 0);
        keep(model);
        assignWeights(model.weights, weights, 'NgramLM');
        return wireOf(model.call(fromWire(inputs) as tf.Tensor2D), 'NgramLM.call');
      }),
    'ngram.gradients': ({ cfg, weights, inputs, labels }) =>
      scoped((keep) => {
        const model = new (lab.export('ngram', 'NgramLM'))(cfg, 0);
        keep(model);
        const vars = assignWeights(model.weights, weights, 'NgramLM');
        const x = fromWire(inputs) as tf.Tensor2D;
        const y = fromWire(labels);
        return gradientsOf(vars, () => probeCrossEntropy(model.call(x), y));
      }),
    'rnn.cell': ({ e, sPrev, Wr, br }) =>
      scoped(() =>
        wireOf(
          lab.export('rnn', 'rnnCell')(
            fromWire(e) as tf.Tensor2D,
            fromWire(sPrev) as tf.Tensor2D,
            fromWire(Wr) as tf.Tensor2D,
            fromWire(br) as tf.Tensor1D,
          ),
          'rnnCell',
        ),
      ),
    'rnn.paramCount': ({ cfg }) => numberOf(lab.export('rnn', 'rnnParamCount')(cfg), 'rnnParamCount'),
    'rnn.weightShapes': ({ cfg, seed }) =>
      scoped((keep) => {
        const model = new (lab.export('rnn', 'RnnLM'))(cfg, seed);
        keep(model);
        return shapesOf(model.weights);
      }),
    'rnn.forward': ({ cfg, weights, inputs, initialState }) =>
      scoped((keep) => {
        const model = new (lab.export('rnn', 'RnnLM'))(cfg, 0);
        keep(model);
        assignWeights(model.weights, weights, 'RnnLM');
        const out = rnnOutput(
          model.call(fromWire(inputs) as tf.Tensor2D, initialState ? (fromWire(initialState) as tf.Tensor2D) : undefined),
        );
        return { logits: wireOf(out.logits, 'RnnLM.call(...).logits'), finalState: wireOf(out.finalState, 'RnnLM.call(...).finalState') };
      }),
    'rnn.gradients': ({ cfg, weights, inputs, labels }) =>
      scoped((keep) => {
        const model = new (lab.export('rnn', 'RnnLM'))(cfg, 0);
        keep(model);
        const vars = assignWeights(model.weights, weights, 'RnnLM');
        const x = fromWire(inputs) as tf.Tensor2D;
        const y = fromWire(labels);
        return gradientsOf(vars, () => {
          const logits = rnnOutput(model.call(x)).logits;
          if (!(logits instanceof tf.Tensor))
            throw new ProbeError('bad-result', `RnnLM.call(...).logits is ${describeValue(logits)}, expected a tf.Tensor`);
          return probeCrossEntropy(logits, y);
        });
      }),
    'keras.simpleRnn': ({ units, returnSequences, input }) =>
      scoped(() => {
        const layer = lab.export('kerasRnn', 'simpleRnnLayer')(units, returnSequences);
        if (!(layer instanceof tf.layers.Layer))
          throw new ProbeError('bad-result', `simpleRnnLayer returned ${describeValue(layer)}, expected a tf.layers.Layer`);
        const output = layer.apply(fromWire(input));
        if (!(output instanceof tf.Tensor))
          throw new ProbeError('bad-result', `the layer's apply returned ${describeValue(output)}, expected one tf.Tensor`);
        const result = { shape: [...output.shape], params: layer.countParams() };
        layer.dispose();
        return result;
      }),
    'keras.forward': ({ cfg, weights, inputs }) =>
      scoped(() => {
        const model: unknown = lab.export('kerasRnn', 'buildKerasRnnLM')(cfg, 0);
        if (!(model instanceof tf.LayersModel))
          throw new ProbeError('bad-result', `buildKerasRnnLM returned ${describeValue(model)}, expected a tf.Sequential`);
        const E = cfg.embeddingSz;
        const Wr = fromWire(weights.Wr);
        // The lecture's W_r [E+H, H] is the layer's kernel [E, H] stacked over its recurrent kernel [H, H].
        const keras = [
          fromWire(weights.embedding),
          tf.slice(Wr, [0, 0], [E, -1]),
          tf.slice(Wr, [E, 0], [-1, -1]),
          fromWire(weights.br),
          fromWire(weights.Wo),
          fromWire(weights.bo),
        ];
        const weightShapes = model.getWeights().map((w) => [...w.shape]);
        const expected = keras.map((w) => w.shape.join(','));
        if (weightShapes.length !== keras.length || weightShapes.some((s, i) => s.join(',') !== expected[i])) {
          model.dispose();
          throw new ProbeError(
            'bad-result',
            `the model's weights are [${weightShapes.map((s) => `[${s.join(', ')}]`).join(', ')}], expected embedding, simpleRNN kernel, recurrent kernel, bias, dense kernel, dense bias: [${expected.map((s) => `[${s.replace(/,/g, ', ')}]`).join(', ')}]`,
          );
        }
        model.setWeights(keras);
        const logits = wireOf(model.predict(fromWire(inputs)), 'model.predict');
        model.dispose();
        return { logits, weightShapes };
      }),
  };
  return probes;
}
