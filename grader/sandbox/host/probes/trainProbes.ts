/** Probes of loss.ts and train.ts (and generate.ts): losses, perplexity, and a budgeted training run. */
import * as tf from '@tensorflow/tfjs';
import type { ProbeApi, TrainRunArgs, TrainRunResult } from '../../probeApi';
import type { LabLoader } from '../labLoader';
import { ProbeError } from '../labLoader';
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

/** Host-side perplexity over examples shaped by the submission: exp(token-averaged cross-entropy). */
function hostPerplexity(call: (x: tf.Tensor2D) => tf.Tensor, data: Examples, batchSz: number): { perplexity: number; tokens: number } {
  const n = data.inputs.shape[0];
  let nll = 0;
  let tokens = 0;
  for (let start = 0; start < n; start += batchSz) {
    const size = Math.min(batchSz, n - start);
    const batchTokens = (data.labels.size / n) * size;
    nll += tf.tidy(() => probeCrossEntropy(call(tf.slice(data.inputs, start, size)), tf.slice(data.labels, start, size)).dataSync()[0]) * batchTokens;
    tokens += batchTokens;
  }
  return { perplexity: Math.exp(nll / tokens), tokens };
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

  const call = (x: tf.Tensor2D): tf.Tensor => {
    const out = (model as { call(x: tf.Tensor2D): unknown }).call(x);
    const logits = isRnn ? (out as { logits?: unknown })?.logits : out;
    if (!(logits instanceof tf.Tensor)) throw new ProbeError('bad-result', `call returned ${describeValue(out)} where logits were expected`);
    return logits;
  };
  const { perplexity, tokens } = hostPerplexity(call, held, 256);
  let sample: string[] | undefined;
  if (isRnn && args.sample) {
    const vocab = { words: args.sample.words, index: new Map(args.sample.words.map((w, i) => [w, i])) };
    sample = [...lab.export('generate', 'generate')(model as never, vocab, [], args.sample.length, { seed: args.seed })];
  }
  tf.dispose([data.inputs, data.labels, held.inputs, held.labels]);
  (model as { dispose?: () => void }).dispose?.();
  return { losses: result.losses.map(Number), tensorsPerStep, perplexity, evalTokens: tokens, seconds, sample };
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
          return numberOf(lab.export('train', 'evaluatePerplexity')(model, { inputs: x, labels: y }, batchSz), 'evaluatePerplexity');
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
