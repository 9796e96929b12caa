/** Probes of data.ts: vocabulary, encoding, n-gram examples and windows. */
import type { ProbeApi } from '../../probeApi';
import type { LabLoader } from '../labLoader';
import { ProbeError } from '../labLoader';
import { describeValue, wireOf } from './common';

type Api<K extends keyof ProbeApi> = (args: ProbeApi[K]['args']) => ProbeApi[K]['result'];

function vocabOf(words: string[]) {
  return { words, index: new Map(words.map((w, i) => [w, i])) };
}

function examples(value: unknown, what: string) {
  const v = value as { inputs?: unknown; labels?: unknown } | undefined;
  if (typeof v !== 'object' || v === null)
    throw new ProbeError('bad-result', `${what} returned ${describeValue(value)}, expected { inputs, labels }`);
  return { inputs: wireOf(v.inputs, `${what}(...).inputs`), labels: wireOf(v.labels, `${what}(...).labels`) };
}

export function dataProbes(lab: LabLoader) {
  const probes: { [K in 'data.buildVocab' | 'data.encode' | 'data.decode' | 'data.makeNgramExamples' | 'data.makeWindows']: Api<K> } = {
    'data.buildVocab': ({ tokens, minCount }) => {
      const vocab = lab.export('data', 'buildVocab')(tokens, minCount);
      if (!Array.isArray(vocab?.words))
        throw new ProbeError('bad-result', `buildVocab returned ${describeValue(vocab)} without a words array`);
      return [...vocab.words];
    },
    'data.encode': ({ tokens, words }) => Array.from(lab.export('data', 'encode')(tokens, vocabOf(words)) ?? []),
    'data.decode': ({ ids, words }) => [...lab.export('data', 'decode')(ids, vocabOf(words))],
    'data.makeNgramExamples': ({ ids, n }) =>
      examples(lab.export('data', 'makeNgramExamples')(Int32Array.from(ids), n), 'makeNgramExamples'),
    'data.makeWindows': ({ ids, windowSz }) => examples(lab.export('data', 'makeWindows')(Int32Array.from(ids), windowSz), 'makeWindows'),
  };
  return probes;
}
