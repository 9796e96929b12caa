/**
 * A budgeted training run on the grading corpus, built the same way for the training suite and
 * for `rnn-lab calibrate`: the `train.run` arguments the host gets (training ids only) and the
 * held-out part the trusted side keeps to itself.
 */
import { loadSplit, loadVocabWords } from '../corpus';
import type { AssignmentConfig, TrainingBudgets } from '../config/assignmentConfig';
import type { ModelKind } from '../lab';
import type { TrainRunArgs } from '../sandbox/probeApi';
import type { HeldOutSpec } from '../judge/judgePerplexity';

export const SAMPLE_LENGTH = 20;

export interface TrainingPlan {
  /** Sent to the host. */
  args: TrainRunArgs;
  /** Never sent: the trusted side scores the returned weights on it. */
  heldOut: HeldOutSpec;
  /** The grading vocabulary (id -> word). */
  words: string[];
}

/** Token ids of the grading corpus: enough training text for the budget, and the held-out text. */
export async function trainingRunArgs(config: AssignmentConfig, model: ModelKind, seed: number): Promise<TrainingPlan> {
  const words = await loadVocabWords('grading');
  const index = new Map(words.map((w, i) => [w, i]));
  const unk = index.get('<unk>') ?? 0;
  const encode = (tokens: string[]) => Int32Array.from(tokens, (w) => index.get(w) ?? unk);
  const { cfg, context, tokensNeeded } = modelArgs(config.training, model, words.length);
  const budget = config.training[model];
  const train = await loadSplit('grading', 'train');
  const valid = await loadSplit('grading', 'valid');
  return {
    args: {
      model,
      cfg,
      seed,
      trainIds: encode(train.slice(0, tokensNeeded)),
      context,
      steps: budget.steps,
      batchSz: budget.batchSz,
      learningRate: budget.learningRate,
    },
    heldOut: { model, cfg, evalIds: encode(valid.slice(0, budget.evalTokens + 1)), context },
    words,
  };
}

/** The model's configuration, its context (n or windowSz) and the training tokens its budget needs. */
function modelArgs(
  training: TrainingBudgets,
  model: ModelKind,
  vocabSz: number,
): Pick<TrainRunArgs, 'cfg' | 'context'> & { tokensNeeded: number } {
  if (model === 'rnn') {
    const { embeddingSz, hiddenSz, windowSz, steps, batchSz } = training.rnn;
    return { cfg: { vocabSz, embeddingSz, hiddenSz }, context: windowSz, tokensNeeded: steps * batchSz * windowSz + 1 };
  }
  const { embeddingSz, n, steps, batchSz } = training.ngram;
  return { cfg: { vocabSz, embeddingSz, n }, context: n, tokensNeeded: steps * batchSz + n - 1 };
}
