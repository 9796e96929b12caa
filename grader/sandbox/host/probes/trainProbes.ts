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
import { probeCrossEntropy } from '../probeLoss';
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
 * Host-side perplexity over examples shaped by the submission: exp(token-averaged cross-entropy),
 * plus the two usual wrong averages, from the same batches.
 */
function hostPerplexity(call: (x: tf.Tensor2D) => tf.Tensor, data: { inputs: tf.Tensor; labels: tf.Tensor }, batchSz: number) {
  const n = data.inputs.shape[0];
  const batchNll: number[] = [];
  let nll = 0;
  let tokens = 0;
  for (let start = 0; start < n; start += batchSz) {
    const size = Math.min(batchSz, n - start);
    const batchTokens = (data.labels.size / n) * size;
    const mean = tf.tidy(
      () => probeCrossEntropy(call(tf.slice(data.inputs, start, size) as tf.Tensor2D), tf.slice(data.labels, start, size)).dataSync()[0],
    );
    batchNll.push(mean);
    nll += mean * batchTokens;
    tokens += batchTokens;
  }
  const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    perplexity: Math.exp(nll / tokens),
    tokens,
    meanOfBatchNll: Math.exp(average(batchNll)),
    meanOfBatchPerplexities: average(batchNll.map(Math.exp)),
  };
}

/** The logits of either model kind, checked. */
function logitsCaller(model: unknown, isRnn: boolean): (x: tf.Tensor2D) => tf.Tensor {
  return (x) => {
    const out = (model as { call(x: tf.Tensor2D): unknown }).call(x);
    const logits = isRnn ? (out as { logits?: unknown })?.logits : out;
    if (!(logits instanceof tf.Tensor))
      throw new ProbeError('bad-result', `call returned ${describeValue(out)} where logits were expected`);
    return logits;
  };
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
    'train.evaluatePerplexity': ({ model: kind, cfg, weights, inputs, labels, batchSz }) => {
      const Model = kind === 'rnn' ? lab.export('rnn', 'RnnLM') : lab.export('ngram', 'NgramLM');
      const model = new Model(cfg as never, 0);
      try {
        assignWeights(model.weights, weights, kind === 'rnn' ? 'RnnLM' : 'NgramLM');
        const x = fromWire(inputs);
        const y = fromWire(labels);
        try {
          const found = numberOf(lab.export('train', 'evaluatePerplexity')(model, { inputs: x, labels: y }, batchSz), 'evaluatePerplexity');
          const host = hostPerplexity(logitsCaller(model, kind === 'rnn'), { inputs: x, labels: y }, batchSz);
          return {
            found,
            tokenWeighted: host.perplexity,
            meanOfBatchNll: host.meanOfBatchNll,
            meanOfBatchPerplexities: host.meanOfBatchPerplexities,
          };
        } finally {
          tf.dispose([x, y]);
        }
      } finally {
        model.dispose?.();
      }
    },
    'train.run': (args) => trainRun(lab, census, args),
    'train.generate': (args) => generateSample(lab, args),
  };
  return probes;
}
