/**
 * What each lab module exports, as TypeScript types: the contract that the stencil, the solution
 * and every submission are held to, and that the host relies on when it calls a submission.
 * Types only: nothing here runs, and nothing of the solution is imported.
 * lab.test.ts checks that stencil/src and solution/src satisfy it, export by export.
 */
import type * as tf from '@tensorflow/tfjs';
import type { NgramConfig, RnnConfig, TrainConfig, TrainResult } from './configs';
import type { LabModuleName } from './files';

/** A vocabulary: `words` sorted (code-unit order) with UNK included; `index` maps word -> id. */
export interface Vocab {
  readonly words: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

/** Sliding n-gram examples: inputs [N, n-1] int32, labels [N] int32. */
export interface NgramExamples {
  inputs: tf.Tensor2D;
  labels: tf.Tensor1D;
}

/** Non-overlapping windows: inputs and labels [numWindows, windowSz] int32. */
export interface Windows {
  inputs: tf.Tensor2D;
  labels: tf.Tensor2D;
}

/** embedding [V, E], W [(n-1)*E, V], b [V]. */
export interface NgramWeights {
  embedding: tf.Variable;
  W: tf.Variable;
  b: tf.Variable;
}

/** embedding [V, E], Wr [E+H, H], br [H], Wo [H, V], bo [V]. */
export interface RnnWeights {
  embedding: tf.Variable;
  Wr: tf.Variable;
  br: tf.Variable;
  Wo: tf.Variable;
  bo: tf.Variable;
}

/** An NgramLM instance. */
export interface NgramModel {
  readonly config: NgramConfig;
  readonly weights: NgramWeights;
  /** inputs [B, n-1] int32 -> logits [B, V]. */
  call(inputs: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

/** An RnnLM instance. */
export interface RnnModel {
  readonly config: RnnConfig;
  readonly weights: RnnWeights;
  /** inputs [B, W] int32, initialState [B, H] -> logits [B, W, V] and finalState [B, H]. */
  call(inputs: tf.Tensor2D, initialState?: tf.Tensor2D): { logits: tf.Tensor3D; finalState: tf.Tensor2D };
  dispose(): void;
}

/** Reports each training step: its index and its mean loss. */
export type OnBatch = (step: number, loss: number) => void;

export interface DataModule {
  UNK: string;
  STOP: string;
  buildVocab(tokens: readonly string[], minCount?: number): Vocab;
  /** [tokens.length] ids; unknown words get the UNK id. */
  encode(tokens: readonly string[], vocab: Vocab): Int32Array;
  decode(ids: ArrayLike<number>, vocab: Vocab): string[];
  makeNgramExamples(ids: Int32Array, n: number): NgramExamples;
  makeWindows(ids: Int32Array, windowSz: number): Windows;
}

export interface NgramModule {
  ngramParamCount(cfg: NgramConfig): number;
  NgramLM: new (cfg: NgramConfig, seed?: number) => NgramModel;
}

export interface RnnModule {
  rnnParamCount(cfg: RnnConfig): number;
  /** e [B, E], sPrev [B, H], Wr [E+H, H], br [H] -> s_t [B, H]. */
  rnnCell(e: tf.Tensor2D, sPrev: tf.Tensor2D, Wr: tf.Tensor2D, br: tf.Tensor1D): tf.Tensor2D;
  RnnLM: new (cfg: RnnConfig, seed?: number) => RnnModel;
}

export interface KerasRnnModule {
  simpleRnnLayer(units: number, returnSequences: boolean): tf.layers.Layer;
  /** A model mapping [B, W] int32 ids to logits [B, W, V]. */
  buildKerasRnnLM(cfg: RnnConfig, seed?: number): tf.Sequential;
}

export interface LossModule {
  /** logits [..., V], labels [...] int32 -> scalar mean cross-entropy. */
  sequenceLoss(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar;
  perplexity(meanNll: number): number;
  /** probs [N][V], labels [N]. */
  perplexityFromProbs(probs: number[][], labels: number[]): number;
}

export interface TrainModule {
  trainNgram(model: NgramModel, data: NgramExamples, cfg: TrainConfig, onBatch?: OnBatch): Promise<TrainResult>;
  trainRnn(model: RnnModel, data: Windows, cfg: TrainConfig, onBatch?: OnBatch): Promise<TrainResult>;
  evaluatePerplexity(model: NgramModel | RnnModel, data: { inputs: tf.Tensor; labels: tf.Tensor }, batchSz: number): number;
}

export interface GenerateModule {
  generate(
    model: RnnModel,
    vocab: Vocab,
    prompt: readonly string[],
    length: number,
    opts?: { temperature?: number; seed?: number },
  ): string[];
}

export interface RandomModule {
  tfjsSeed(seed: number): number;
  seededRandom(seed: number): () => number;
  shuffledIndices(n: number, random: () => number): Int32Array;
}

export interface InitModule {
  /** [fanIn, fanOut]. */
  glorotUniform(fanIn: number, fanOut: number, seed: number): tf.Tensor2D;
  /** [vocabSz, embeddingSz]. */
  embeddingInit(vocabSz: number, embeddingSz: number, seed: number): tf.Tensor2D;
  checkPositiveIntegers(what: string, fields: Record<string, number>): void;
}

/** The values each lab module exports. */
export interface LabModules {
  data: DataModule;
  ngram: NgramModule;
  rnn: RnnModule;
  kerasRnn: KerasRnnModule;
  loss: LossModule;
  train: TrainModule;
  generate: GenerateModule;
  random: RandomModule;
  init: InitModule;
}

/** The types each lab module exports (students' code names them; the grader never needs them at run time). */
export interface LabTypes {
  data: { Vocab: Vocab };
  ngram: { NgramConfig: NgramConfig; NgramWeights: NgramWeights };
  rnn: { RnnConfig: RnnConfig; RnnWeights: RnnWeights };
  kerasRnn: Record<never, never>;
  loss: Record<never, never>;
  train: { TrainConfig: TrainConfig; TrainResult: TrainResult };
  generate: Record<never, never>;
  random: Record<never, never>;
  init: Record<never, never>;
}

/** "rnn.rnnCell": one exported value, named by its module. */
export type LabExport = { [M in LabModuleName]: `${M}.${keyof LabModules[M] & string}` }[LabModuleName];

/** The export names of each module, listed (for checks that run; `satisfies` keeps the lists complete). */
export const LAB_EXPORTS = {
  data: ['UNK', 'STOP', 'buildVocab', 'encode', 'decode', 'makeNgramExamples', 'makeWindows'],
  ngram: ['ngramParamCount', 'NgramLM'],
  rnn: ['rnnParamCount', 'rnnCell', 'RnnLM'],
  kerasRnn: ['simpleRnnLayer', 'buildKerasRnnLM'],
  loss: ['sequenceLoss', 'perplexity', 'perplexityFromProbs'],
  train: ['trainNgram', 'trainRnn', 'evaluatePerplexity'],
  generate: ['generate'],
  random: ['tfjsSeed', 'seededRandom', 'shuffledIndices'],
  init: ['glorotUniform', 'embeddingInit', 'checkPositiveIntegers'],
} as const satisfies { [M in LabModuleName]: readonly (keyof LabModules[M])[] };

/** The exported type names of each module, listed. */
export const LAB_TYPE_EXPORTS = {
  data: ['Vocab'],
  ngram: ['NgramConfig', 'NgramWeights'],
  rnn: ['RnnConfig', 'RnnWeights'],
  kerasRnn: [],
  loss: [],
  train: ['TrainConfig', 'TrainResult'],
  generate: [],
  random: [],
  init: [],
} as const satisfies { [M in LabModuleName]: readonly (keyof LabTypes[M])[] };

/** The exports of `Types` missing from `Listed` (never when the lists above are complete). */
type Unlisted<Types, Listed extends { [M in keyof Types]: readonly unknown[] }> = {
  [M in keyof Types]: Exclude<keyof Types[M], Listed[M][number]>;
}[keyof Types];
type MustBeNever<T extends never> = T;
/** Fails to compile, naming the export, when an export of LabModules or LabTypes is not listed. */
export type EveryExportListed = MustBeNever<Unlisted<LabModules, typeof LAB_EXPORTS> | Unlisted<LabTypes, typeof LAB_TYPE_EXPORTS>>;
