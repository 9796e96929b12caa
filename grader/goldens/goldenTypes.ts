/** The golden file: fixed inputs for every hidden check and the reference solution's outputs. */
import type { NgramConfig, RnnConfig } from '../lab';

/** A tensor stored as JSON: shape and flat values. */
export interface StoredTensor {
  shape: number[];
  dtype: 'float32' | 'int32';
  values: number[];
}

export type StoredWeights = Record<string, StoredTensor>;

export interface GoldenInputs {
  data: { tokens: string[]; minCount: number; encodeTokens: string[]; ids: number[]; n: number; windowSz: number };
  ngram: { cfg: NgramConfig; weights: StoredWeights; inputs: StoredTensor; labels: StoredTensor };
  rnn: {
    cfg: RnnConfig;
    weights: StoredWeights;
    inputs: StoredTensor;
    labels: StoredTensor;
    initialState: StoredTensor;
    cell: { e: StoredTensor; sPrev: StoredTensor; Wr: StoredTensor; br: StoredTensor };
  };
  loss: { logits: StoredTensor; labels: StoredTensor; probs: number[][]; probLabels: number[] };
  evaluate: { inputs: StoredTensor; labels: StoredTensor; batchSz: number };
}

export interface GoldenOutputs {
  data: {
    vocab: string[];
    encoded: number[];
    ngram: { inputs: StoredTensor; labels: StoredTensor };
    windows: { inputs: StoredTensor; labels: StoredTensor };
  };
  ngram: { logits: StoredTensor; loss: number; grads: StoredWeights };
  rnn: {
    logits: StoredTensor;
    finalState: StoredTensor;
    logitsFromState: StoredTensor;
    finalStateFromState: StoredTensor;
    loss: number;
    grads: StoredWeights;
    cell: StoredTensor;
  };
  loss: { sequenceLoss: number; perplexityFromProbs: number };
  evaluate: { rnnPerplexity: number };
}

export interface GoldenFile {
  /** How the file was made; informational. */
  generatedBy: string;
  backend: string;
  tfjsVersion: string;
  inputs: GoldenInputs;
  outputs: GoldenOutputs;
}
