/**
 * The arguments of a budgeted training run on the grading corpus (the `train.run` probe), built
 * the same way for the training suite and for `rnn-lab calibrate`.
 */
import { loadSplit, loadVocabWords } from '../corpus';
import type { AssignmentConfig } from '../config/assignmentConfig';
import type { TrainRunArgs } from '../sandbox/probeApi';

export const SAMPLE_LENGTH = 20;

/** Token ids of the grading corpus: enough training text for the budget, and the held-out text. */
export async function trainingRunArgs(config: AssignmentConfig, model: 'ngram' | 'rnn', seed: number): Promise<TrainRunArgs> {
  const budget = config.training[model];
  const words = await loadVocabWords('grading');
  const index = new Map(words.map((w, i) => [w, i]));
  const unk = index.get('<unk>') ?? 0;
  const encode = (tokens: string[]) => Int32Array.from(tokens, (w) => index.get(w) ?? unk);
  const tokensNeeded = model === 'rnn' ? budget.steps * budget.batchSz * budget.windowSz + 1 : budget.steps * budget.batchSz + budget.n - 1;
  const train = await loadSplit('grading', 'train');
  const valid = await loadSplit('grading', 'valid');
  return {
    model,
    cfg: model === 'rnn' ? { vocabSz: words.length, embeddingSz: budget.embeddingSz, hiddenSz: budget.hiddenSz } : { vocabSz: words.length, embeddingSz: budget.embeddingSz, n: budget.n },
    seed,
    trainIds: encode(train.slice(0, tokensNeeded)),
    evalIds: encode(valid.slice(0, budget.evalTokens + 1)),
    context: model === 'rnn' ? budget.windowSz : budget.n,
    steps: budget.steps,
    batchSz: budget.batchSz,
    learningRate: budget.learningRate,
    sample: model === 'rnn' ? { words, length: SAMPLE_LENGTH } : undefined,
  };
}
