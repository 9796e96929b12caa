/**
 * Trains the reference model on a lab corpus: progress bar per epoch, validation perplexity after
 * each epoch, test perplexity and a sample of generated text at the end. Used by `rnn-lab train`
 * and `rnn-lab demo`.
 */
import * as fs from 'fs';
import * as tf from '@tensorflow/tfjs';
import { initRuntime, type BackendName } from '../runtime/backend';
import { loadSplit, loadVocabWords, type CorpusName } from '../corpus';
import { Vocab, encode, makeNgramExamples, makeWindows } from '../../solution/src/data';
import { NgramLM } from '../../solution/src/ngram';
import { RnnLM } from '../../solution/src/rnn';
import { evaluatePerplexity, trainNgram, trainRnn } from '../../solution/src/train';
import { generate } from '../../solution/src/generate';
import { formatDuration } from '../format';
import { ProgressBar } from '../progress';
import { sampleNgram } from './sampleNgram';

export interface TrainReferenceOptions {
  model: 'rnn' | 'ngram';
  n: number;
  corpus: CorpusName;
  epochs: number;
  /** Batches per epoch at most (0: the whole training split). */
  maxSteps: number;
  batchSz: number;
  learningRate: number;
  embeddingSz: number;
  hiddenSz: number;
  windowSz: number;
  seed: number;
  sampleLength: number;
  backend?: BackendName;
  /** Evaluate on the test split at the end (default: when the corpus has one). */
  evaluateTest?: boolean;
  jsonOut?: string;
}

export interface TrainReferenceSummary {
  model: string;
  corpus: CorpusName;
  backend: string;
  device: string;
  vocabSz: number;
  parameters: number;
  trainTokens: number;
  steps: number;
  validPerplexity: number[];
  testPerplexity?: number;
  trainSeconds: number;
  tokensPerSecond: number;
  sample: string;
}

type Examples = { inputs: tf.Tensor2D; labels: tf.Tensor };

function makeExamples(opts: TrainReferenceOptions, ids: Int32Array): Examples {
  return opts.model === 'rnn' ? makeWindows(ids, opts.windowSz) : makeNgramExamples(ids, opts.n);
}

/** The first `count` examples (all when count is 0 or larger than the set). */
function firstExamples(data: Examples, count: number): Examples {
  if (count <= 0 || count >= data.inputs.shape[0]) return data;
  const cut = { inputs: tf.slice(data.inputs, 0, count), labels: tf.slice(data.labels, 0, count) };
  tf.dispose([data.inputs, data.labels]);
  return cut;
}

export async function trainReference(
  opts: TrainReferenceOptions,
  log: (line: string) => void = console.log,
): Promise<TrainReferenceSummary> {
  const runtime = await initRuntime(opts.backend);
  log(`backend: ${runtime.backend} (${runtime.device})`);

  const words = await loadVocabWords(opts.corpus);
  const vocab: Vocab = { words, index: new Map(words.map((w, i) => [w, i])) };
  const V = words.length;
  const trainIds = encode(await loadSplit(opts.corpus, 'train'), vocab);
  const validIds = encode(await loadSplit(opts.corpus, 'valid'), vocab);
  const evaluateTest = opts.evaluateTest ?? opts.corpus === 'brown';

  const train = firstExamples(makeExamples(opts, trainIds), opts.maxSteps * opts.batchSz);
  const valid = makeExamples(opts, validIds);
  const numExamples = train.inputs.shape[0];
  const stepsPerEpoch = Math.ceil(numExamples / opts.batchSz);
  const tokensPerExample = opts.model === 'rnn' ? opts.windowSz : 1;
  const cfg = { batchSz: opts.batchSz, epochs: opts.epochs, learningRate: opts.learningRate, seed: opts.seed };

  const model =
    opts.model === 'rnn'
      ? new RnnLM({ vocabSz: V, embeddingSz: opts.embeddingSz, hiddenSz: opts.hiddenSz }, opts.seed)
      : new NgramLM({ vocabSz: V, embeddingSz: opts.embeddingSz, n: opts.n }, opts.seed);
  const parameters = Object.values(model.weights).reduce((sum, w: tf.Variable) => sum + w.size, 0);
  const name =
    opts.model === 'rnn'
      ? `RNN (E=${opts.embeddingSz}, H=${opts.hiddenSz}, window ${opts.windowSz})`
      : `${opts.n}-gram (E=${opts.embeddingSz})`;
  log(
    `${name} on '${opts.corpus}': V=${V}, ${parameters.toLocaleString('en-US')} parameters, ${(numExamples * tokensPerExample).toLocaleString('en-US')} training tokens, ${stepsPerEpoch} steps per epoch`,
  );

  const validPerplexity: number[] = [];
  let bar = new ProgressBar(`epoch 1/${opts.epochs}`, stepsPerEpoch, opts.batchSz * tokensPerExample);
  let trainMs = 0;
  let epochStart = Date.now();
  // Evaluation runs inside the step callback at each epoch's end, so one optimizer (and its Adam
  // moments) carries through all epochs.
  const onBatch = (step: number, loss: number) => {
    bar.update(step % stepsPerEpoch, loss);
    if ((step + 1) % stepsPerEpoch !== 0) return;
    bar.finish();
    trainMs += Date.now() - epochStart;
    const epoch = validPerplexity.length + 1;
    const ppl = evaluatePerplexity(model as RnnLM & NgramLM, valid, 256);
    validPerplexity.push(ppl);
    log(`epoch ${epoch}: validation perplexity ${ppl.toFixed(1)}`);
    bar = new ProgressBar(`epoch ${epoch + 1}/${opts.epochs}`, stepsPerEpoch, opts.batchSz * tokensPerExample);
    epochStart = Date.now();
  };
  if (model instanceof RnnLM) await trainRnn(model, train as { inputs: tf.Tensor2D; labels: tf.Tensor2D }, cfg, onBatch);
  else await trainNgram(model, train as { inputs: tf.Tensor2D; labels: tf.Tensor1D }, cfg, onBatch);

  let testPerplexity: number | undefined;
  if (evaluateTest) {
    const test = makeExamples(opts, encode(await loadSplit('brown', 'test'), vocab));
    testPerplexity = evaluatePerplexity(model as RnnLM & NgramLM, test, 256);
    tf.dispose([test.inputs, test.labels]);
    log(`test perplexity ${testPerplexity.toFixed(1)}`);
  }
  const sampleWords =
    model instanceof RnnLM
      ? generate(model, vocab, [], opts.sampleLength, { seed: opts.seed })
      : sampleNgram(model, vocab, opts.sampleLength, 1, opts.seed);
  const sample = sampleWords.join(' ');
  const tokensPerSecond = (stepsPerEpoch * opts.epochs * opts.batchSz * tokensPerExample) / (trainMs / 1000);
  log(`trained in ${formatDuration(trainMs / 1000)} (${Math.round(tokensPerSecond).toLocaleString('en-US')} tokens/s)`);
  log(`sample: ${sample}`);

  const summary: TrainReferenceSummary = {
    model: name,
    corpus: opts.corpus,
    backend: runtime.backend,
    device: runtime.device,
    vocabSz: V,
    parameters,
    trainTokens: numExamples * tokensPerExample,
    steps: stepsPerEpoch * opts.epochs,
    validPerplexity,
    testPerplexity,
    trainSeconds: trainMs / 1000,
    tokensPerSecond,
    sample,
  };
  if (opts.jsonOut) fs.writeFileSync(opts.jsonOut, `${JSON.stringify(summary, null, 2)}\n`);
  tf.dispose([train.inputs, train.labels, valid.inputs, valid.labels]);
  model.dispose();
  return summary;
}
