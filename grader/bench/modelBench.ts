/**
 * Training-step benchmarks of the lab's reference models on the current backend: the RNN
 * (solution/src/rnn.ts, BPTT over a window) and the trigram (solution/src/ngram.ts, n = 3), both
 * trained by the solution's own loops (solution/src/train.ts: Adam, sequenceLoss). Random ids from
 * a fixed seed; the trigram gets batch * window examples per step so both see the same number of
 * tokens per step.
 */
import * as tf from '@tensorflow/tfjs';
import { RnnLM } from '../../solution/src/rnn';
import { NgramLM } from '../../solution/src/ngram';
import { trainNgram, trainRnn } from '../../solution/src/train';
import { seededRandom } from '../../solution/src/random';

export const MODEL_NAMES = ['rnn', 'trigram'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export interface ModelBenchConfig {
  model: ModelName;
  vocabSz: number;
  embeddingSz: number;
  /** RNN state size (unused by the trigram, which has no hidden layer). */
  hiddenSz: number;
  windowSz: number;
  /** RNN: windows per step. The trigram trains on batchSz * windowSz examples per step. */
  batchSz: number;
}

/** Tokens (predicted labels) per training step: batchSz * windowSz for both models. */
export function tokensPerStep(cfg: ModelBenchConfig): number {
  return cfg.batchSz * cfg.windowSz;
}

/**
 * Matrix-product FLOPs per trained token: the forward products do 2 * (multiply-adds) and the
 * backward pass twice that (input and weight gradients).
 * RNN: (E+H)H for the recurrence and HV for the output projection; trigram: 2E * V.
 */
export function trainFlopsPerToken(cfg: ModelBenchConfig): number {
  const { vocabSz: V, embeddingSz: E, hiddenSz: H } = cfg;
  const macs = cfg.model === 'rnn' ? (E + H) * H + H * V : 2 * E * V;
  return 3 * 2 * macs;
}

/** Seeded int32 ids in [0, V) of `shape`. */
function randomIds(shape: number[], V: number, random: () => number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Int32Array.from({ length: n }, () => Math.floor(random() * V)),
    shape,
    'int32',
  );
}

/**
 * Trains a fresh model (seed 0) for exactly `steps` steps with the solution's training loop;
 * `onStep(i)` runs after step i's loss has been read back (so step i is finished).
 */
export async function trainSteps(cfg: ModelBenchConfig, steps: number, onStep?: (step: number) => void): Promise<void> {
  const random = seededRandom(42);
  const train = { batchSz: cfg.batchSz, epochs: 1, learningRate: 1e-3 };
  if (cfg.model === 'rnn') {
    const model = new RnnLM({ vocabSz: cfg.vocabSz, embeddingSz: cfg.embeddingSz, hiddenSz: cfg.hiddenSz }, 0);
    const shape = [steps * cfg.batchSz, cfg.windowSz];
    const data = {
      inputs: randomIds(shape, cfg.vocabSz, random) as tf.Tensor2D,
      labels: randomIds(shape, cfg.vocabSz, random) as tf.Tensor2D,
    };
    try {
      await trainRnn(model, data, train, onStep);
    } finally {
      tf.dispose([data.inputs, data.labels]);
      model.dispose();
    }
    return;
  }
  const model = new NgramLM({ vocabSz: cfg.vocabSz, embeddingSz: cfg.embeddingSz, n: 3 }, 0);
  const examples = steps * tokensPerStep(cfg);
  const data = {
    inputs: randomIds([examples, 2], cfg.vocabSz, random) as tf.Tensor2D,
    labels: randomIds([examples], cfg.vocabSz, random) as tf.Tensor1D,
  };
  try {
    await trainNgram(model, data, { ...train, batchSz: tokensPerStep(cfg) }, onStep);
  } finally {
    tf.dispose([data.inputs, data.labels]);
    model.dispose();
  }
}

export interface ThroughputResult {
  steps: number;
  /** Wall-clock seconds of the timed steps. */
  seconds: number;
  /** Process CPU seconds of the timed steps (user + system, all threads). */
  cpuSeconds: number;
  tokensPerSecond: number;
  /** Tokens per CPU second: what one otherwise idle core would give; other jobs on the machine disturb it far less than the wall-clock figure. */
  tokensPerCpuSecond: number;
  gflopsPerSecond: number;
  /** Largest process resident set seen after a step, in bytes. */
  peakRssBytes: number;
  /** Largest tf.memory().numBytes seen after a step (tensors alive between steps: weights, Adam state). */
  peakTensorBytes: number;
  /** Size of the wasm heap after the run (wasm only; it never shrinks). */
  wasmHeapBytes: number | null;
  /** Tensors alive after the run minus before it (should be 0). */
  leakedTensors: number;
}

/** Bytes of the wasm backend's linear memory, or null on another backend. */
export function wasmHeapBytes(): number | null {
  const wasm = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm;
  return tf.getBackend() === 'wasm' && wasm?.HEAPU8 !== undefined ? wasm.HEAPU8.buffer.byteLength : null;
}

/** Times `steps` steps after `warmupSteps` untimed ones. */
export async function timeTraining(cfg: ModelBenchConfig, steps: number, warmupSteps = 1): Promise<ThroughputResult> {
  const before = tf.memory().numTensors;
  let peakRssBytes = 0;
  let peakTensorBytes = 0;
  let startedAt = performance.now();
  let cpuAtStart = process.cpuUsage();
  await trainSteps(cfg, steps + warmupSteps, (step) => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
    peakTensorBytes = Math.max(peakTensorBytes, tf.memory().numBytes);
    if (step === warmupSteps - 1) {
      startedAt = performance.now();
      cpuAtStart = process.cpuUsage();
    }
  });
  const seconds = (performance.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const tokensPerSecond = (steps * tokensPerStep(cfg)) / seconds;
  return {
    steps,
    seconds,
    cpuSeconds,
    tokensPerSecond,
    tokensPerCpuSecond: (steps * tokensPerStep(cfg)) / cpuSeconds,
    gflopsPerSecond: (tokensPerSecond * trainFlopsPerToken(cfg)) / 1e9,
    peakRssBytes,
    peakTensorBytes,
    wasmHeapBytes: wasmHeapBytes(),
    leakedTensors: tf.memory().numTensors - before,
  };
}

/** About `targetSeconds` of timed steps (between minSteps and 200), sized from a 1-step probe. */
export async function benchTraining(cfg: ModelBenchConfig, targetSeconds: number, minSteps = 2): Promise<ThroughputResult> {
  const probe = await timeTraining(cfg, 1, 1);
  const steps = Math.max(minSteps, Math.min(200, Math.round(targetSeconds / probe.seconds)));
  return timeTraining(cfg, steps, 1);
}
