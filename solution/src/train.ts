/**
 * Training loops (Adam on mini-batches, shuffled each epoch with a seeded generator) and
 * held-out evaluation. Each window of the RNN starts from s_0 = 0: no state is carried between
 * windows.
 */
import * as tf from '@tensorflow/tfjs';
import { NgramLM } from './ngram';
import { RnnLM } from './rnn';
import { sequenceLoss, perplexity } from './loss';
import { seededRandom, shuffledIndices } from './random';

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

type Batch = { inputs: tf.Tensor; labels: tf.Tensor };

function checkTrainConfig(cfg: TrainConfig): void {
  for (const key of ['batchSz', 'epochs'] as const) {
    if (!Number.isInteger(cfg[key]) || cfg[key] < 1) throw new RangeError(`train: ${key} must be a positive integer, got ${cfg[key]}`);
  }
  if (!(cfg.learningRate > 0)) throw new RangeError(`train: learningRate must be > 0, got ${cfg.learningRate}`);
}

/**
 * Shared loop: for each epoch, a fresh permutation of the examples; for each batch, one Adam step
 * on `lossOf(batch)`. Yields to the event loop between steps so progress output can render.
 */
async function runTraining(
  variables: tf.Variable[],
  data: Batch,
  lossOf: (batch: Batch) => tf.Scalar,
  cfg: TrainConfig,
  onBatch?: (step: number, loss: number) => void,
): Promise<TrainResult> {
  checkTrainConfig(cfg);
  const numExamples = data.inputs.shape[0];
  const optimizer = tf.train.adam(cfg.learningRate);
  const random = seededRandom(cfg.seed ?? 0);
  const losses: number[] = [];
  try {
    for (let epoch = 0; epoch < cfg.epochs; epoch++) {
      const order = shuffledIndices(numExamples, random);
      for (let start = 0; start < numExamples; start += cfg.batchSz) {
        const cost = tf.tidy(() => {
          const idx = tf.tensor1d(order.subarray(start, Math.min(start + cfg.batchSz, numExamples)), 'int32');
          const batch = { inputs: tf.gather(data.inputs, idx), labels: tf.gather(data.labels, idx) };
          return optimizer.minimize(() => lossOf(batch), true, variables) as tf.Scalar;
        });
        const loss = (await cost.data())[0];
        cost.dispose();
        losses.push(loss);
        onBatch?.(losses.length - 1, loss);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    optimizer.dispose();
  }
  return { losses };
}

/**
 * Trains an N-gram model.
 * @param data inputs [N, n-1] int32, labels [N] int32 (see makeNgramExamples)
 */
export function trainNgram(
  model: NgramLM,
  data: { inputs: tf.Tensor2D; labels: tf.Tensor1D },
  cfg: TrainConfig,
  onBatch?: (step: number, loss: number) => void,
): Promise<TrainResult> {
  const { embedding, W, b } = model.weights;
  return runTraining([embedding, W, b], data, (batch) => sequenceLoss(model.call(batch.inputs as tf.Tensor2D), batch.labels), cfg, onBatch);
}

/**
 * Trains the RNN with backpropagation through time over each window.
 * @param data inputs [N, W] int32, labels [N, W] int32 (see makeWindows)
 */
export function trainRnn(
  model: RnnLM,
  data: { inputs: tf.Tensor2D; labels: tf.Tensor2D },
  cfg: TrainConfig,
  onBatch?: (step: number, loss: number) => void,
): Promise<TrainResult> {
  const { embedding, Wr, br, Wo, bo } = model.weights;
  return runTraining([embedding, Wr, br, Wo, bo], data, (batch) => sequenceLoss(model.call(batch.inputs as tf.Tensor2D).logits, batch.labels), cfg, onBatch);
}

/**
 * Perplexity on a data set: exp(NLL averaged over every token), evaluated in batches.
 * @param data NgramLM: inputs [N, n-1], labels [N]; RnnLM: inputs [N, W], labels [N, W]
 */
export function evaluatePerplexity(model: NgramLM | RnnLM, data: { inputs: tf.Tensor; labels: tf.Tensor }, batchSz: number): number {
  if (!Number.isInteger(batchSz) || batchSz < 1) throw new RangeError(`evaluatePerplexity: batchSz must be a positive integer, got ${batchSz}`);
  const numExamples = data.inputs.shape[0];
  let totalNll = 0;
  let totalTokens = 0;
  for (let start = 0; start < numExamples; start += batchSz) {
    const size = Math.min(batchSz, numExamples - start);
    const batchNll = tf.tidy(() => {
      const inputs = tf.slice(data.inputs, start, size) as tf.Tensor2D;
      const labels = tf.slice(data.labels, start, size);
      const logits = model instanceof RnnLM ? model.call(inputs).logits : model.call(inputs);
      return sequenceLoss(logits, labels);
    });
    const tokens = (data.labels.size / numExamples) * size;
    totalNll += batchNll.dataSync()[0] * tokens;
    totalTokens += tokens;
    batchNll.dispose();
  }
  return perplexity(totalNll / totalTokens);
}
