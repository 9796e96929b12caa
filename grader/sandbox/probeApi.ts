/**
 * Every probe the hidden suites can ask of a submission, with its argument and result types.
 * Shared by the host (which implements them) and the client (which calls them).
 */
import type { WireTensor } from './protocol';

export interface NgramCfg {
  vocabSz: number;
  embeddingSz: number;
  n: number;
}
export interface RnnCfg {
  vocabSz: number;
  embeddingSz: number;
  hiddenSz: number;
}
export type Weights = Record<string, WireTensor>;
export type ModelKind = 'ngram' | 'rnn';
export type ModelCfg<M extends ModelKind> = M extends 'ngram' ? NgramCfg : RnnCfg;

export interface TrainRunArgs {
  model: ModelKind;
  cfg: NgramCfg | RnnCfg;
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
  cfg: RnnCfg;
  weights: Weights;
  words: string[];
  length: number;
  seed: number;
}

/** The submission's evaluatePerplexity, next to what the host measures on the same model and batches. */
export interface EvaluateResult {
  found: number;
  /** exp of the token-averaged cross-entropy of the submission's model (the right answer for this model). */
  tokenWeighted: number;
  /** exp of the plain mean of the per-batch mean cross-entropies (a smaller last batch weighs too much). */
  meanOfBatchNll: number;
  /** The mean of the per-batch perplexities. */
  meanOfBatchPerplexities: number;
}

export interface ProbeApi {
  'data.buildVocab': { args: { tokens: string[]; minCount?: number }; result: string[] };
  'data.encode': { args: { tokens: string[]; words: string[] }; result: number[] };
  'data.decode': { args: { ids: number[]; words: string[] }; result: string[] };
  'data.makeNgramExamples': { args: { ids: number[]; n: number }; result: { inputs: WireTensor; labels: WireTensor } };
  'data.makeWindows': { args: { ids: number[]; windowSz: number }; result: { inputs: WireTensor; labels: WireTensor } };
  'ngram.paramCount': { args: { cfg: NgramCfg }; result: number };
  'ngram.weightShapes': { args: { cfg: NgramCfg; seed: number }; result: Record<string, number[]> };
  'ngram.forward': { args: { cfg: NgramCfg; weights: Weights; inputs: WireTensor }; result: WireTensor };
  'ngram.gradients': { args: { cfg: NgramCfg; weights: Weights; inputs: WireTensor; labels: WireTensor }; result: { loss: number; grads: Record<string, WireTensor | null> } };
  'rnn.cell': { args: { e: WireTensor; sPrev: WireTensor; Wr: WireTensor; br: WireTensor }; result: WireTensor };
  'rnn.paramCount': { args: { cfg: RnnCfg }; result: number };
  'rnn.weightShapes': { args: { cfg: RnnCfg; seed: number }; result: Record<string, number[]> };
  'rnn.forward': { args: { cfg: RnnCfg; weights: Weights; inputs: WireTensor; initialState?: WireTensor }; result: { logits: WireTensor; finalState: WireTensor } };
  'rnn.gradients': { args: { cfg: RnnCfg; weights: Weights; inputs: WireTensor; labels: WireTensor }; result: { loss: number; grads: Record<string, WireTensor | null> } };
  'keras.simpleRnn': { args: { units: number; returnSequences: boolean; input: WireTensor }; result: { shape: number[]; params: number } };
  'keras.forward': { args: { cfg: RnnCfg; weights: Weights; inputs: WireTensor }; result: { logits: WireTensor; weightShapes: number[][] } };
  'loss.perplexityFromProbs': { args: { probs: number[][]; labels: number[] }; result: number };
  'loss.sequenceLoss': { args: { logits: WireTensor; labels: WireTensor }; result: number };
  'loss.perplexity': { args: { meanNll: number }; result: number };
  'train.evaluatePerplexity': { args: { model: ModelKind; cfg: NgramCfg | RnnCfg; weights: Weights; inputs: WireTensor; labels: WireTensor; batchSz: number }; result: EvaluateResult };
  'train.run': { args: TrainRunArgs; result: TrainRunResult };
  'train.generate': { args: GenerateArgs; result: string[] };
}

export type ProbeName = keyof ProbeApi;

/** What each probe runs of the submission, in the student's words (for timeout and crash messages). */
export const PROBE_TARGETS: Record<ProbeName, string> = {
  'data.buildVocab': 'buildVocab in data.ts',
  'data.encode': 'encode/decode in data.ts',
  'data.decode': 'decode in data.ts',
  'data.makeNgramExamples': 'makeNgramExamples in data.ts',
  'data.makeWindows': 'makeWindows in data.ts',
  'ngram.paramCount': 'ngramParamCount in ngram.ts',
  'ngram.weightShapes': 'the NgramLM constructor in ngram.ts',
  'ngram.forward': 'NgramLM.call in ngram.ts',
  'ngram.gradients': 'NgramLM.call in ngram.ts (with gradients)',
  'rnn.cell': 'rnnCell in rnn.ts',
  'rnn.paramCount': 'rnnParamCount in rnn.ts',
  'rnn.weightShapes': 'the RnnLM constructor in rnn.ts',
  'rnn.forward': 'RnnLM.call in rnn.ts',
  'rnn.gradients': 'RnnLM.call in rnn.ts (with gradients)',
  'keras.simpleRnn': 'simpleRnnLayer in kerasRnn.ts',
  'keras.forward': 'buildKerasRnnLM in kerasRnn.ts',
  'loss.perplexityFromProbs': 'perplexityFromProbs / perplexity in loss.ts',
  'loss.sequenceLoss': 'sequenceLoss in loss.ts',
  'loss.perplexity': 'perplexity in loss.ts',
  'train.evaluatePerplexity': 'evaluatePerplexity in train.ts',
  'train.run': 'your data functions, model and training loop (trainNgram / trainRnn in train.ts)',
  'train.generate': 'generate in generate.ts',
};
