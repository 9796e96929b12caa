/**
 * Training loops (Adam on mini-batches, shuffled each epoch with a seeded generator) and
 * held-out evaluation. Each window of the RNN starts from s_0 = 0: no state is carried between
 * windows.
 */
import * as tf from '@tensorflow/tfjs';
import { NgramLM } from './ngram';
import { RnnLM } from './rnn';

export interface TrainConfig {
  batchSz: number;
  epochs: number;
  learningRate: number;
  seed?: number;
}

/** One mean loss per batch, in order. */
export interface TrainResult {
  losses: number[];
}

/**
 * Trains an N-gram model.
 * @param data inputs [N, n-1] int32, labels [N] int32 (see makeNgramExamples)
 */
export async function trainNgram(
  model: NgramLM,
  data: { inputs: tf.Tensor2D; labels: tf.Tensor1D },
  cfg: TrainConfig,
  onBatch?: (step: number, loss: number) => void,
): Promise<TrainResult> {
  // Hints: tf.train.adam(cfg.learningRate); each epoch, shuffle the example order with
  // shuffledIndices(n, seededRandom(seed)) from random.ts; for each batch,
  // optimizer.minimize(() => sequenceLoss(model.call(x), y), true, [the model's variables]).
  // Read the loss with await cost.data(), dispose it, report it with onBatch(step, loss).
  // Everything else inside tf.tidy: tf.memory().numTensors must not grow from step to step.
  throw new Error('TODO(trainNgram): Adam on shuffled mini-batches of the n-gram examples, one loss per batch');
}

/**
 * Trains the RNN with backpropagation through time over each window.
 * @param data inputs [N, W] int32, labels [N, W] int32 (see makeWindows)
 */
export async function trainRnn(
  model: RnnLM,
  data: { inputs: tf.Tensor2D; labels: tf.Tensor2D },
  cfg: TrainConfig,
  onBatch?: (step: number, loss: number) => void,
): Promise<TrainResult> {
  // Hints: as trainNgram, with the loss over every position of every window
  // (sequenceLoss(model.call(x).logits, y)). Do not carry the state from one batch to the next.
  throw new Error('TODO(trainRnn): Adam on shuffled mini-batches of windows, backpropagation through time');
}

/**
 * Perplexity on a data set: exp(NLL averaged over every token), evaluated in batches.
 * @param data NgramLM: inputs [N, n-1], labels [N]; RnnLM: inputs [N, W], labels [N, W]
 */
export function evaluatePerplexity(model: NgramLM | RnnLM, data: { inputs: tf.Tensor; labels: tf.Tensor }, batchSz: number): number {
  // Hints: weight each batch's mean loss by its number of tokens; a smaller last batch must not
  // count as much as a full one. Averaging per-batch perplexities is a different (wrong) number.
  throw new Error('TODO(evaluatePerplexity): exp of the token-averaged NLL over the whole set');
}
