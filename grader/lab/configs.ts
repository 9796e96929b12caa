/** The configurations the lab's models and training loops take (ngram.ts, rnn.ts, train.ts). */

export type ModelKind = 'ngram' | 'rnn';

/** NgramLM's configuration. */
export interface NgramConfig {
  vocabSz: number;
  embeddingSz: number;
  /** Order of the model: n-1 context words predict the n-th. n >= 2. */
  n: number;
}

/** RnnLM's configuration. */
export interface RnnConfig {
  vocabSz: number;
  embeddingSz: number;
  hiddenSz: number;
}

/** The configuration of a model of `kind`. */
export type ModelConfig<K extends ModelKind = ModelKind> = { ngram: NgramConfig; rnn: RnnConfig }[K];

/** trainNgram's and trainRnn's configuration. */
export interface TrainConfig {
  batchSz: number;
  epochs: number;
  learningRate: number;
  seed?: number;
}

/** What a training loop returns: one mean loss per batch, in order. */
export interface TrainResult {
  losses: number[];
}
