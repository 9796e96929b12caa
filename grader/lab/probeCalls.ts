/**
 * What each probe of the submission host calls of the submission: the exports it loads, and the
 * same in the student's words (for timeout and crash messages). The probes' argument and result
 * types are in sandbox/probeApi.ts; lab.test.ts checks that both list the same probes.
 */
import type { LabExport } from './modules';

export interface ProbeCalls {
  /** The lab exports the probe loads (a class covers its constructor and methods). */
  calls: readonly LabExport[];
  /** "RnnLM.call in rnn.ts". */
  inWords: string;
}

export const PROBE_CALLS = {
  'data.buildVocab': { calls: ['data.buildVocab'], inWords: 'buildVocab in data.ts' },
  'data.encode': { calls: ['data.encode'], inWords: 'encode/decode in data.ts' },
  'data.decode': { calls: ['data.decode'], inWords: 'decode in data.ts' },
  'data.makeNgramExamples': { calls: ['data.makeNgramExamples'], inWords: 'makeNgramExamples in data.ts' },
  'data.makeWindows': { calls: ['data.makeWindows'], inWords: 'makeWindows in data.ts' },
  'ngram.paramCount': { calls: ['ngram.ngramParamCount'], inWords: 'ngramParamCount in ngram.ts' },
  'ngram.weightShapes': { calls: ['ngram.NgramLM'], inWords: 'the NgramLM constructor in ngram.ts' },
  'ngram.forward': { calls: ['ngram.NgramLM'], inWords: 'NgramLM.call in ngram.ts' },
  'ngram.gradients': { calls: ['ngram.NgramLM'], inWords: 'NgramLM.call in ngram.ts (with gradients)' },
  'rnn.cell': { calls: ['rnn.rnnCell'], inWords: 'rnnCell in rnn.ts' },
  'rnn.paramCount': { calls: ['rnn.rnnParamCount'], inWords: 'rnnParamCount in rnn.ts' },
  'rnn.weightShapes': { calls: ['rnn.RnnLM'], inWords: 'the RnnLM constructor in rnn.ts' },
  'rnn.forward': { calls: ['rnn.RnnLM'], inWords: 'RnnLM.call in rnn.ts' },
  'rnn.gradients': { calls: ['rnn.RnnLM'], inWords: 'RnnLM.call in rnn.ts (with gradients)' },
  'keras.simpleRnn': { calls: ['kerasRnn.simpleRnnLayer'], inWords: 'simpleRnnLayer in kerasRnn.ts' },
  'keras.forward': { calls: ['kerasRnn.buildKerasRnnLM'], inWords: 'buildKerasRnnLM in kerasRnn.ts' },
  'loss.perplexityFromProbs': { calls: ['loss.perplexityFromProbs'], inWords: 'perplexityFromProbs / perplexity in loss.ts' },
  'loss.sequenceLoss': { calls: ['loss.sequenceLoss'], inWords: 'sequenceLoss in loss.ts' },
  'loss.perplexity': { calls: ['loss.perplexity'], inWords: 'perplexity in loss.ts' },
  'train.evaluatePerplexity': {
    calls: ['rnn.RnnLM', 'train.evaluatePerplexity'],
    inWords: 'evaluatePerplexity in train.ts',
  },
  'train.run': {
    calls: ['data.makeNgramExamples', 'data.makeWindows', 'ngram.NgramLM', 'rnn.RnnLM', 'train.trainNgram', 'train.trainRnn'],
    inWords: 'your data functions, model and training loop (trainNgram / trainRnn in train.ts)',
  },
  'train.generate': {
    calls: ['rnn.RnnLM', 'generate.generate'],
    inWords: 'generate in generate.ts',
  },
} as const satisfies Record<string, ProbeCalls>;

/** Each probe's target in the student's words. */
export const PROBE_TARGETS_IN_WORDS = Object.fromEntries(Object.entries(PROBE_CALLS).map(([probe, c]) => [probe, c.inWords])) as {
  [P in keyof typeof PROBE_CALLS]: string;
};
