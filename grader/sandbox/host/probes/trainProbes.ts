/** Probes of loss.ts and train.ts (and generate.ts): losses, perplexity, and a budgeted training run. */
import * as tf from '@tensorflow/tfjs';
import type { ProbeApi, TrainRunArgs, TrainRunResult } from '../../probeApi';
import type { LabLoader } from '../labLoader';
import { ProbeError, describeError } from '../labLoader';
import { fromWire } from '../wire';
import { probeCrossEntropy } from '../probeLoss';
import { assignWeights, describeValue, numberOf } from './common';

type Api<K extends keyof ProbeApi> = (args: ProbeApi[K]['args']) => ProbeApi[K]['result'] | Promise<ProbeApi[K]['result']>;
type TrainProbe = 'loss.perplexityFromProbs' | 'loss.sequenceLoss' | 'loss.perplexity' | 'train.evaluatePerplexity' | 'train.run';

type Examples = { inputs: tf.Tensor2D; labels: tf.Tensor };

function checkExamples(value: unknown, what: string): Examples {
  const v = value as Partial<Examples> | undefined;
  if (!(v?.inputs instanceof tf.Tensor) || !(v.labels instanceof tf.Tensor)) throw new ProbeError('bad-result', `${what} returned ${describeValue(value)}, expected { inputs, labels } tensors`);
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
    const mean = tf.tidy(() => probeCrossEntropy(call(tf.slice(data.inputs, start, size) as tf.Tensor2D), tf.slice(data.labels, start, size)).dataSync()[0]);
    batchNll.push(mean);
    nll += mean * batchTokens;
    tokens += batchTokens;
  }
  const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { perplexity: Math.exp(nll / tokens), tokens, meanOfBatchNll: Math.exp(average(batchNll)), meanOfBatchPerplexities: average(batchNll.map(Math.exp)) };
}

/** The logits of either model kind, checked. */
function logitsCaller(model: unknown, isRnn: boolean): (x: tf.Tensor2D) => tf.Tensor {
  return (x) => {
    const out = (model as { call(x: tf.Tensor2D): unknown }).call(x);
    const logits = isRnn ? (out as { logits?: unknown })?.logits : out;
    if (!(logits instanceof tf.Tensor)) throw new ProbeError('bad-result', `call returned ${describeValue(out)} where logits were expected`);
    return logits;
  };
}

async function trainRun(lab: LabLoader, args: TrainRunArgs): Promise<TrainRunResult> {
  const isRnn = args.model === 'rnn';
  const make = isRnn ? lab.export('data', 'makeWindows') : lab.export('data', 'makeNgramExamples');
  const train = checkExamples(make(args.trainIds, args.context), isRnn ? 'makeWindows' : 'makeNgramExamples');
  const held = checkExamples(make(args.evalIds, args.context), isRnn ? 'makeWindows' : 'makeNgramExamples');
  const used = Math.min(train.inputs.shape[0], args.steps * args.batchSz);
  const data = { inputs: tf.slice(train.inputs, 0, used) as tf.Tensor2D, labels: tf.slice(train.labels, 0, used) };
  tf.dispose([train.inputs, train.labels]);

  const Model = isRnn ? lab.export('rnn', 'RnnLM') : lab.export('ngram', 'NgramLM');
  const model = new Model(args.cfg as never, args.seed);
  const tensorsPerStep: number[] = [];
  const started = performance.now();
  const trainCfg = { batchSz: args.batchSz, epochs: 1, learningRate: args.learningRate, seed: args.seed };
  const onBatch = () => tensorsPerStep.push(tf.memory().numTensors);
  const result = isRnn
    ? await lab.export('train', 'trainRnn')(model as never, data as never, trainCfg, onBatch)
    : await lab.export('train', 'trainNgram')(model as never, data as never, trainCfg, onBatch);
  const seconds = (performance.now() - started) / 1000;
  if (!Array.isArray(result?.losses)) throw new ProbeError('bad-result', `${isRnn ? 'trainRnn' : 'trainNgram'} returned ${describeValue(result)}, expected { losses: number[] }`);

  const { perplexity, tokens } = hostPerplexity(logitsCaller(model, isRnn), held, 256);
  let sample: string[] | undefined;
  let sampleError: TrainRunResult['sampleError'];
  if (isRnn && args.sample) {
    // A broken or missing generate.ts is the generate test's business, not the training tests'.
    try {
      const vocab = { words: args.sample.words, index: new Map(args.sample.words.map((w, i) => [w, i])) };
      sample = [...lab.export('generate', 'generate')(model as never, vocab, [], args.sample.length, { seed: args.seed })];
    } catch (err) {
      sampleError = err instanceof ProbeError ? { kind: err.kind, message: err.message } : { kind: 'threw', message: describeError(err, lab.labDir) };
    }
  }
  tf.dispose([data.inputs, data.labels, held.inputs, held.labels]);
  (model as { dispose?: () => void }).dispose?.();
  return { losses: result.losses.map(Number), tensorsPerStep, perplexity, evalTokens: tokens, seconds, sample, sampleError };
}

export function trainProbes(lab: LabLoader) {
  const probes: { [K in TrainProbe]: Api<K> } = {
    'loss.perplexityFromProbs': ({ probs, labels }) => numberOf(lab.export('loss', 'perplexityFromProbs')(probs, labels), 'perplexityFromProbs'),
    'loss.perplexity': ({ meanNll }) => numberOf(lab.export('loss', 'perplexity')(meanNll), 'perplexity'),
    'loss.sequenceLoss': ({ logits, labels }) =>
      tf.tidy(() => {
        const loss = lab.export('loss', 'sequenceLoss')(fromWire(logits), fromWire(labels));
        if (!(loss instanceof tf.Tensor) || loss.size !== 1) throw new ProbeError('bad-result', `sequenceLoss returned ${describeValue(loss)}, expected a scalar tf.Tensor`);
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
          return { found, tokenWeighted: host.perplexity, meanOfBatchNll: host.meanOfBatchNll, meanOfBatchPerplexities: host.meanOfBatchPerplexities };
        } finally {
          tf.dispose([x, y]);
        }
      } finally {
        model.dispose?.();
      }
    },
    'train.run': (args) => trainRun(lab, args),
  };
  return probes;
}
