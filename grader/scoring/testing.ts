/** Test helpers: a small but realistic assignment config (excluded from the build). */
import type { AssignmentConfig, TestConfig } from '../config/assignmentConfig';

export function testConfig(id: string, points: number, extra: Partial<TestConfig> = {}): TestConfig {
  return { id, name: id, points, visibility: 'visible', timeoutSeconds: 10, partialCredit: false, tags: [], ...extra };
}

const BUDGET = {
  steps: 200,
  batchSz: 64,
  learningRate: 0.001,
  embeddingSz: 64,
  evalTokens: 20000,
  threshold: 400,
  implausibleBelow: 20,
};

/** Three questions, seven tests, 30 points; one hidden test and one with partial credit. */
export function sampleConfig(): AssignmentConfig {
  return {
    name: 'rnn-lab sample',
    seed: 1470,
    typeErrors: 'report',
    stdoutVisibility: 'hidden',
    questions: [
      {
        id: 'data',
        title: 'Data pipeline',
        tests: [
          testConfig('data.vocab', 2, { name: 'vocabulary order and <unk>', tags: ['data'] }),
          testConfig('data.windows', 3, { name: 'windows and label shift', tags: ['data'] }),
        ],
      },
      {
        id: 'rnn',
        title: 'RNN language model',
        tests: [
          testConfig('rnn.forward', 5, { name: 'logits on given weights', tags: ['rnn', 'forward'] }),
          testConfig('rnn.bptt', 6, { name: 'gradients through time', tags: ['rnn', 'gradient'], partialCredit: true }),
          testConfig('rnn.causal', 4, { name: 'causality', visibility: 'hidden', tags: ['rnn'] }),
        ],
      },
      {
        id: 'train',
        title: 'Training',
        tests: [
          testConfig('train.rnn', 8, { name: 'held-out perplexity after training', tags: ['training'], timeoutSeconds: 120 }),
          testConfig('train.leak', 2, { name: 'no tensor leak per step', tags: ['training'] }),
        ],
      },
    ],
    tolerances: { forward: { atol: 1e-5, rtol: 1e-4 }, gradient: { atol: 1e-5, rtol: 1e-3 } },
    training: { ngram: { ...BUDGET, n: 3 }, rnn: { ...BUDGET, hiddenSz: 128, windowSz: 20 } },
    limits: { hostHeapMb: 512, totalTimeoutSeconds: 540 },
  };
}
