/**
 * Measures training throughput of the reference RNN on the current backend: tokens/s and the
 * achieved matrix-product GFLOP/s of full training steps (forward, BPTT, Adam update).
 */
import * as tf from '@tensorflow/tfjs';
import { RnnLM, type RnnConfig } from '../../solution/src/rnn';
import { trainRnn } from '../../solution/src/train';
import { seededRandom } from '../../solution/src/random';

export interface RnnBenchConfig extends RnnConfig {
  windowSz: number;
  batchSz: number;
}

export interface RnnBenchResult {
  steps: number;
  seconds: number;
  tokensPerSecond: number;
  gflopsPerSecond: number;
  /** Tensors alive after the run minus before it (should be 0). */
  leakedTensors: number;
}

/**
 * Matrix-product FLOPs of one training token: the forward pass does 2((E+H)H + HV) multiply-adds
 * (recurrence and output projection), and the backward pass twice that (input and weight grads).
 */
export function trainFlopsPerToken(cfg: RnnConfig): number {
  const { vocabSz: V, embeddingSz: E, hiddenSz: H } = cfg;
  return 3 * 2 * ((E + H) * H + H * V);
}

/** Random windows [numWindows, windowSz] of ids in [0, V), from a fixed seed. */
function randomWindows(numWindows: number, windowSz: number, V: number): { inputs: tf.Tensor2D; labels: tf.Tensor2D } {
  const random = seededRandom(42);
  const ids = Int32Array.from({ length: numWindows * windowSz * 2 }, () => Math.floor(random() * V));
  return {
    inputs: tf.tensor2d(ids.subarray(0, numWindows * windowSz), [numWindows, windowSz], 'int32'),
    labels: tf.tensor2d(ids.subarray(numWindows * windowSz), [numWindows, windowSz], 'int32'),
  };
}

/** Trains for `steps` batches and times them; `warmupSteps` untimed batches come first. */
async function timeSteps(cfg: RnnBenchConfig, steps: number, warmupSteps: number): Promise<RnnBenchResult> {
  const before = tf.memory().numTensors;
  const model = new RnnLM(cfg, 0);
  const data = randomWindows((steps + warmupSteps) * cfg.batchSz, cfg.windowSz, cfg.vocabSz);
  let startedAt = performance.now();
  await trainRnn(model, data, { batchSz: cfg.batchSz, epochs: 1, learningRate: 1e-3 }, (step) => {
    if (step === warmupSteps - 1) startedAt = performance.now();
  });
  const seconds = (performance.now() - startedAt) / 1000;
  tf.dispose([data.inputs, data.labels]);
  model.dispose();
  const tokensPerSecond = (steps * cfg.batchSz * cfg.windowSz) / seconds;
  return { steps, seconds, tokensPerSecond, gflopsPerSecond: (tokensPerSecond * trainFlopsPerToken(cfg)) / 1e9, leakedTensors: tf.memory().numTensors - before };
}

/** Runs about `targetSeconds` of timed steps (at least 2), sized from a short probe run. */
export async function benchRnnTraining(cfg: RnnBenchConfig, targetSeconds = 10): Promise<RnnBenchResult> {
  const probe = await timeSteps(cfg, 2, 1);
  const secondsPerStep = probe.seconds / probe.steps;
  const steps = Math.max(2, Math.min(200, Math.round(targetSeconds / secondsPerStep)));
  return timeSteps(cfg, steps, 1);
}
