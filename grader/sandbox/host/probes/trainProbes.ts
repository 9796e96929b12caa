/**
 * Probes of loss.ts, train.ts and generate.ts: losses, perplexity, a budgeted training run that
 * returns its weights (the trusted side scores them), and generation from given weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { GenerateArgs, ProbeApi, TrainRunArgs, TrainRunResult, Weights } from '../../probeApi';
import type { TensorCensus } from '../tensorCensus';
import type { LabLoader } from '../labLoader';
import { ProbeError } from '../labLoader';
import { fromWire } from '../wire';
import { assignWeights, describeValue, numberOf, wireOf } from './common';

type Api<K extends keyof ProbeApi> = (args: ProbeApi[K]['args']) => ProbeApi[K]['result'] | Promise<ProbeApi[K]['result']>;
type TrainProbe =
  'loss.perplexityFromProbs' | 'loss.sequenceLoss' | 'loss.perplexity' | 'train.evaluatePerplexity' | 'train.run' | 'train.generate';

type Examples = { inputs: tf.Tensor2D; labels: tf.Tensor };

function checkExamples(value: unknown, what: string): Examples {
  const v = value as Partial<Examples> | undefined;
  if (!(v?.inputs instanceof tf.Tensor) || !(v.labels instanceof tf.Tensor))
    throw new ProbeError('bad-result', `${what} returned ${describeValue(value)}, expected { inputs, labels } tensors`);
  return v as Examples;
}

/**
 * The grader's forward pass, put in place of the model's `call`: logits [B, W, V] looked up from
 * `table` [V, V] by each input token, and a zero final state [B, H]. The trusted side recomputes
 * the perplexity of this model itself, so the submission's evaluatePerplexity is judged on its averaging alone.
 */
function replaceForward(model: object, table: tf.Tensor2D, hiddenSz: number): void {
  const call = (inputs: tf.Tensor2D) => ({
    logits: tf.gather(table, inputs) as unknown as tf.Tensor3D,
    finalState: tf.zeros([inputs.shape[0], hiddenSz]),
  });
  try {
    Object.defineProperty(model, 'call', { value: call, configurable: true, writable: true });
  } catch (err) {
    throw new ProbeError(
      'threw',
      `the grader could not stand in for RnnLM.call (an RnnLM must allow its call to be replaced): ${(err as Error).message}`,
    );
  }
}

/** Every tensor of the model's `weights` object, on the wire (the trusted side checks names and shapes). */
function trainedWeights(model: unknown, className: string): Weights {
  const weights = (model as { weights?: unknown })?.weights;
  if (typeof weights !== 'object' || weights === null)
    throw new ProbeError(
      'bad-result',
      `${className}.weights is ${describeValue(weights)} after training, expected an object of tf.Variables`,
    );
  return Object.fromEntries(Object.entries(weights).map(([name, w]) => [name, wireOf(w, `${className}.weights.${name}`)]));
}

async function trainRun(lab: LabLoader, census: TensorCensus, args: TrainRunArgs): Promise<TrainRunResult> {
  const isRnn = args.model === 'rnn';
  const make = isRnn ? lab.export('data', 'makeWindows') : lab.export('data', 'makeNgramExamples');
  const train = checkExamples(make(args.trainIds, args.context), isRnn ? 'makeWindows' : 'makeNgramExamples');
  const used = Math.min(train.inputs.shape[0], args.steps * args.batchSz);
  const data = { inputs: tf.slice(train.inputs, 0, used) as tf.Tensor2D, labels: tf.slice(train.labels, 0, used) };
  tf.dispose([train.inputs, train.labels]);

  const Model = isRnn ? lab.export('rnn', 'RnnLM') : lab.export('ngram', 'NgramLM');
  const model = new Model(args.cfg as never, args.seed);
  const tensorsPerStep: number[] = [];
  let censusTampered: string | undefined;
  const count = (): number => {
    const seen = census.read();
    if ('tampered' in seen) censusTampered ??= seen.tampered;
    return 'buffers' in seen ? seen.buffers : NaN;
  };
  const started = performance.now();
  const trainCfg = { batchSz: args.batchSz, epochs: 1, learningRate: args.learningRate, seed: args.seed };
  const onBatch = () => tensorsPerStep.push(count());
  const result = isRnn
    ? await lab.export('train', 'trainRnn')(model as never, data as never, trainCfg, onBatch)
    : await lab.export('train', 'trainNgram')(model as never, data as never, trainCfg, onBatch);
  const seconds = (performance.now() - started) / 1000;
  const tensorsAfterTraining = count();
  if (!Array.isArray(result?.losses))
    throw new ProbeError(
      'bad-result',
      `${isRnn ? 'trainRnn' : 'trainNgram'} returned ${describeValue(result)}, expected { losses: number[] }`,
    );
  const weights = trainedWeights(model, isRnn ? 'RnnLM' : 'NgramLM');
  tf.dispose([data.inputs, data.labels]);
  (model as { dispose?: () => void }).dispose?.();
  return {
    weights,
    losses: result.losses.map(Number),
    tensorsPerStep,
    tensorsAfterTraining,
    seconds,
    ...(censusTampered ? { censusTampered } : {}),
  };
}

/** The submission's generate on an RnnLM that holds the trained weights. */
function generateSample(lab: LabLoader, args: GenerateArgs): string[] {
  const model = new (lab.export('rnn', 'RnnLM'))(args.cfg, args.seed);
  try {
    assignWeights(model.weights, args.weights, 'RnnLM');
    const vocab = { words: args.words, index: new Map(args.words.map((w, i) => [w, i])) };
    const sample: unknown = lab.export('generate', 'generate')(model, vocab, [], args.length, { seed: args.seed });
    if (!Array.isArray(sample))
      throw new ProbeError('bad-result', `generate returned ${describeValue(sample)}, expected an array of words`);
    return sample.map((w) => String(w));
  } finally {
    model.dispose?.();
  }
}

export function trainProbes(lab: LabLoader, census: TensorCensus) {
  const probes: { [K in TrainProbe]: Api<K> } = {
    'loss.perplexityFromProbs': ({ probs, labels }) =>
      numberOf(lab.export('loss', 'perplexityFromProbs')(probs, labels), 'perplexityFromProbs'),
    'loss.perplexity': ({ meanNll }) => numberOf(lab.export('loss', 'perplexity')(meanNll), 'perplexity'),
    'loss.sequenceLoss': ({ logits, labels }) =>
      tf.tidy(() => {
        const loss = lab.export('loss', 'sequenceLoss')(fromWire(logits), fromWire(labels));
        if (!(loss instanceof tf.Tensor) || loss.size !== 1)
          throw new ProbeError('bad-result', `sequenceLoss returned ${describeValue(loss)}, expected a scalar tf.Tensor`);
        return loss.dataSync()[0];
      }),
    'train.evaluatePerplexity': ({ cfg, logitsTable, inputs, labels, batchSz }) => {
      const model = new (lab.export('rnn', 'RnnLM'))(cfg, 0);
      const [table, x, y] = [fromWire(logitsTable) as tf.Tensor2D, fromWire(inputs), fromWire(labels)];
      try {
        replaceForward(model, table, cfg.hiddenSz);
        return numberOf(lab.export('train', 'evaluatePerplexity')(model, { inputs: x, labels: y }, batchSz), 'evaluatePerplexity');
      } finally {
        tf.dispose([table, x, y]);
        model.dispose?.();
      }
    },
    'train.run': (args) => trainRun(lab, census, args),
    'train.generate': (args) => generateSample(lab, args),
  };
  return probes;
}
