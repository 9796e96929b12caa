/**
 * The probe map of the lab contract (grader/lab/probeCalls.ts) is what the probes do: each probe,
 * run in-process on the compiled solution, loads exactly the exports the map lists for it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PROBE_CALLS, type LabModuleName, type LabModules } from '../../../lab';
import { projectRoot } from '../../../projectRoot';
import { compileSubmission } from '../../../intake/compile/compileSubmission';
import { golden, wire, wireWeights } from '../../../suites/support/golden';
import { logitsTable } from '../../../judge/tablePerplexity';
import type { ProbeApi, ProbeName } from '../../probeApi';
import { LabLoader } from '../labLoader';
import { dataProbes } from './dataProbes';
import { modelProbes } from './modelProbes';
import { trainProbes } from './trainProbes';
import { installTensorCensus } from '../tensorCensus';

/** A LabLoader that notes every export a probe asks for. */
class RecordingLoader extends LabLoader {
  readonly seen = new Set<string>();

  override export<F extends LabModuleName, K extends keyof LabModules[F] & string>(file: F, name: K): LabModules[F][K] {
    this.seen.add(`${file}.${name}`);
    return super.export(file, name);
  }
}

/** Arguments for every probe (two for those that take either model), from the goldens. */
function probeArgs(): { [P in ProbeName]: ProbeApi[P]['args'][] } {
  const g = golden().inputs;
  const words = golden().outputs.data.vocab;
  const ngram = { cfg: g.ngram.cfg, weights: wireWeights(g.ngram.weights), inputs: wire(g.ngram.inputs) };
  const rnn = { cfg: g.rnn.cfg, weights: wireWeights(g.rnn.weights), inputs: wire(g.rnn.inputs) };
  const V = g.rnn.cfg.vocabSz;
  const ids = Int32Array.from({ length: 200 }, (_, i) => (i * 7) % g.rnn.cfg.vocabSz);
  const run = { seed: 1, trainIds: ids, steps: 2, batchSz: 4, learningRate: 0.01 };
  const sampleWords = Array.from({ length: g.rnn.cfg.vocabSz }, (_, i) => (i === 0 ? '<stop>' : i === 1 ? '<unk>' : `w${i}`));
  return {
    'data.buildVocab': [{ tokens: g.data.tokens, minCount: g.data.minCount }],
    'data.encode': [{ tokens: g.data.encodeTokens, words }],
    'data.decode': [{ ids: [0, 1], words }],
    'data.makeNgramExamples': [{ ids: g.data.ids, n: g.data.n }],
    'data.makeWindows': [{ ids: g.data.ids, windowSz: g.data.windowSz }],
    'ngram.paramCount': [{ cfg: g.ngram.cfg }],
    'ngram.weightShapes': [{ cfg: g.ngram.cfg, seed: 0 }],
    'ngram.forward': [ngram],
    'ngram.gradients': [{ ...ngram, labels: wire(g.ngram.labels) }],
    'rnn.cell': [{ e: wire(g.rnn.cell.e), sPrev: wire(g.rnn.cell.sPrev), Wr: wire(g.rnn.cell.Wr), br: wire(g.rnn.cell.br) }],
    'rnn.paramCount': [{ cfg: g.rnn.cfg }],
    'rnn.weightShapes': [{ cfg: g.rnn.cfg, seed: 0 }],
    'rnn.forward': [{ ...rnn, initialState: wire(g.rnn.initialState) }],
    'rnn.gradients': [{ ...rnn, labels: wire(g.rnn.labels) }],
    'keras.simpleRnn': [
      { units: 3, returnSequences: true, input: { shape: [2, 4, 5], dtype: 'float32', data: new Float32Array(40).fill(0.1) } },
    ],
    'keras.forward': [rnn],
    'loss.perplexityFromProbs': [{ probs: g.loss.probs, labels: g.loss.probLabels }],
    'loss.sequenceLoss': [{ logits: wire(g.loss.logits), labels: wire(g.loss.labels) }],
    'loss.perplexity': [{ meanNll: 1.5 }],
    'train.evaluatePerplexity': [
      {
        cfg: g.rnn.cfg,
        logitsTable: { shape: [V, V], dtype: 'float32', data: logitsTable(V) },
        inputs: wire(g.evaluate.inputs),
        labels: wire(g.evaluate.labels),
        batchSz: g.evaluate.batchSz,
      },
    ],
    'train.run': [
      { model: 'rnn', cfg: { vocabSz: g.rnn.cfg.vocabSz, embeddingSz: 4, hiddenSz: 5 }, context: 5, ...run },
      { model: 'ngram', cfg: { vocabSz: g.rnn.cfg.vocabSz, embeddingSz: 4, n: 3 }, context: 3, ...run },
    ],
    'train.generate': [{ cfg: g.rnn.cfg, weights: rnn.weights, words: sampleWords, length: 3, seed: 0 }],
  };
}

let tmp: string;
let labDir: string;
const census = installTensorCensus();

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-probe-calls-'));
  fs.symlinkSync(path.join(projectRoot(), 'node_modules'), path.join(tmp, 'node_modules'));
  labDir = path.join(tmp, 'lab');
  const compiled = compileSubmission(path.join(projectRoot(), 'solution', 'src'), labDir);
  expect(Object.entries(compiled.files).filter(([, f]) => !f.ok)).toEqual([]);
}, 60_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it.each(Object.keys(PROBE_CALLS) as ProbeName[])('%s loads exactly the exports the probe map lists', async (probe) => {
  const loader = new RecordingLoader(labDir);
  const probes = { ...dataProbes(loader), ...modelProbes(loader), ...trainProbes(loader, census) } as unknown as Record<
    ProbeName,
    (args: unknown) => unknown
  >;
  for (const args of probeArgs()[probe]) {
    const result = await probes[probe](args);
    expect(result).toBeDefined();
  }
  expect([...loader.seen].sort()).toEqual([...PROBE_CALLS[probe].calls].sort());
});
