/**
 * Every probe the hidden suites can ask of a submission, with its argument and result types.
 * Shared by the host (which implements them) and the client (which calls them).
 */
import type { WireTensor } from './protocol';
import { PROBE_TARGETS_IN_WORDS, type ModelKind, type NgramConfig, type RnnConfig } from '../lab';

export type Weights = Record<string, WireTensor>;

export interface TrainRunArgs {
  model: ModelKind;
  cfg: NgramConfig | RnnConfig;
  seed: number;
  /** Token ids of the training text; the submission's own makeWindows / makeNgramExamples shape them. */
  trainIds: Int32Array;
  /** n (N-gram) or windowSz (RNN). */
  context: number;
  steps: number;
  batchSz: number;
  learningRate: number;
}

/**
 * What a training run hands back. Only `weights` earns points: the trusted side scores them on
 * held-out text the host never sees. The rest is the host's account, shown as evidence.
 */
export interface TrainRunResult {
  /** The trained model's weights by name (the trusted side checks names and shapes). */
  weights: Weights;
  losses: number[];
  /** Tensor buffers the backend held at each step callback (host/tensorCensus.ts). */
  tensorsPerStep: number[];
  /** The same count once training returned, before the host freed data and model. */
  tensorsAfterTraining: number;
  /** Set when the count could not be kept (the training code switched backends). */
  censusTampered?: string;
  seconds: number;
}

/** generate(model, vocab, [], length, { seed }) on an RnnLM holding `weights`. */
export interface GenerateArgs {
  cfg: RnnConfig;
  weights: Weights;
  words: string[];
  length: number;
  seed: number;
}

/**
 * evaluatePerplexity(model, { inputs, labels }, batchSz) on an RnnLM whose `call` the grader
 * replaces: logits [B, W, V] = logitsTable[inputs], so only the averaging is the submission's.
 */
export interface EvaluateArgs {
  cfg: RnnConfig;
  /** [V, V] float32: row i holds the logits after token i (judge/tablePerplexity.ts). */
  logitsTable: WireTensor;
  inputs: WireTensor;
  labels: WireTensor;
  batchSz: number;
}

export interface ProbeApi {
  'data.buildVocab': { args: { tokens: string[]; minCount?: number }; result: string[] };
  'data.encode': { args: { tokens: string[]; words: string[] }; result: number[] };
  'data.decode': { args: { ids: number[]; words: string[] }; result: string[] };
  'data.makeNgramExamples': { args: { ids: number[]; n: number }; result: { inputs: WireTensor; labels: WireTensor } };
  'data.makeWindows': { args: { ids: number[]; windowSz: number }; result: { inputs: WireTensor; labels: WireTensor } };
  'ngram.paramCount': { args: { cfg: NgramConfig }; result: number };
  'ngram.weightShapes': { args: { cfg: NgramConfig; seed: number }; result: Record<string, number[]> };
  'ngram.forward': { args: { cfg: NgramConfig; weights: Weights; inputs: WireTensor }; result: WireTensor };
  'ngram.gradients': {
    args: { cfg: NgramConfig; weights: Weights; inputs: WireTensor; labels: WireTensor };
    result: { loss: number; grads: Record<string, WireTensor | null> };
  };
  'rnn.cell': { args: { e: WireTensor; sPrev: WireTensor; Wr: WireTensor; br: WireTensor }; result: WireTensor };
  'rnn.paramCount': { args: { cfg: RnnConfig }; result: number };
  'rnn.weightShapes': { args: { cfg: RnnConfig; seed: number }; result: Record<string, number[]> };
  'rnn.forward': {
    args: { cfg: RnnConfig; weights: Weights; inputs: WireTensor; initialState?: WireTensor };
    result: { logits: WireTensor; finalState: WireTensor };
  };
  'rnn.gradients': {
    args: { cfg: RnnConfig; weights: Weights; inputs: WireTensor; labels: WireTensor };
    result: { loss: number; grads: Record<string, WireTensor | null> };
  };
  'keras.simpleRnn': { args: { units: number; returnSequences: boolean; input: WireTensor }; result: { shape: number[]; params: number } };
  'keras.forward': {
    args: { cfg: RnnConfig; weights: Weights; inputs: WireTensor };
    result: { logits: WireTensor; weightShapes: number[][] };
  };
  'loss.perplexityFromProbs': { args: { probs: number[][]; labels: number[] }; result: number };
  'loss.sequenceLoss': { args: { logits: WireTensor; labels: WireTensor }; result: number };
  'loss.perplexity': { args: { meanNll: number }; result: number };
  'train.evaluatePerplexity': { args: EvaluateArgs; result: number };
  'train.run': { args: TrainRunArgs; result: TrainRunResult };
  'train.generate': { args: GenerateArgs; result: string[] };
}

export type ProbeName = keyof ProbeApi;

/** What each probe runs of the submission, in the student's words (for timeout and crash messages). */
export const PROBE_TARGETS: Record<ProbeName, string> = PROBE_TARGETS_IN_WORDS;
