/**
 * `rnn-lab calibrate`: trains the reference under the configured budgets across seeds and
 * initialisation schemes, through the same host, probe and trusted-side scoring the training tests use, sets the result
 * beside what counting alone achieves on the same held-out tokens (unigram, bigram), and proposes
 * perplexity bars between the worst correct run and the unigram figure. Fixture submissions that
 * ignore their inputs or the recurrence are trained too and reported, so the table shows what the
 * bar separates.
 */
import type { BackendName } from '../runtime/backendNames';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { AssignmentConfig } from '../config/assignmentConfig';
import { projectRoot } from '../projectRoot';
import { stageSubmission } from '../intake/stage/stageSubmission';
import { compileSubmission } from '../intake/compile/compileSubmission';
import { SubmissionClient } from '../sandbox/client/submissionClient';
import { trainingRunArgs } from '../grading/trainingRunArgs';
import { judgeTraining } from '../judge/judgeTraining';
import { listFixtures, materialiseFixture } from '../grading/fixtureSubmission';
import { loadSplit, loadVocabWords } from '../corpus';
import { countBaselines, type CountBaselines } from './countBaselines';
import { proposeBars, spread, type ProposedBars, type Spread } from './proposeBars';

export type Model = 'ngram' | 'rnn';
const MODELS: Model[] = ['ngram', 'rnn'];

/** init.ts variants: the reference's (truncated normal embeddings, Glorot) and two common others. */
export const INIT_SCHEMES: Record<string, string | null> = {
  'reference (trunc. normal 0.1 + Glorot)': null,
  'normal(0, 0.1)': path.join(projectRoot(), 'grader', 'calibration', 'initSchemes', 'normal01.ts'),
  'uniform(±0.05)': path.join(projectRoot(), 'grader', 'calibration', 'initSchemes', 'uniform005.ts'),
};

/** Fixtures that learn too little by design: reported beside the reference, never calibrated on. */
export const CONTRAST_FIXTURES = ['bug-inputs-ignored', 'bug-recurrence-ignored'];

export interface CalibrationRow {
  /** An init scheme of the reference, or a contrast fixture's name. */
  source: string;
  seed: number;
  perplexity: Record<Model, number>;
  /** Mean training loss of the first and last tenth of the steps. */
  lossTrend: Record<Model, { first: number; last: number }>;
  seconds: number;
}

export interface Calibration {
  reference: CalibrationRow[];
  contrast: CalibrationRow[];
  baselines: Record<Model, CountBaselines>;
  spread: Record<Model, Spread>;
  proposed: Record<Model, ProposedBars>;
}

/** The mean of the first and of the last tenth of the losses. */
function lossTrend(losses: number[]): { first: number; last: number } {
  const k = Math.max(1, Math.floor(losses.length / 10));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { first: mean(losses.slice(0, k)), last: mean(losses.slice(-k)) };
}

/** Stages and compiles a submission folder into `scratchDir`/lab; the lab must compile. */
async function compileLab(source: string, scratchDir: string): Promise<string> {
  const staged = await stageSubmission(source, scratchDir);
  if (!staged.ok) throw new Error(`cannot stage ${source}: ${staged.messages.join('; ')}`);
  const labDir = path.join(scratchDir, 'lab');
  const compiled = compileSubmission(staged.dir, labDir);
  const broken = Object.entries(compiled.files).filter(([, r]) => !r.ok);
  if (broken.length > 0) throw new Error(`${source} does not compile: ${broken.map(([f, r]) => `${f}: ${r.diagnostics}`).join('\n')}`);
  return labDir;
}

/** The reference's files with init.ts replaced by `initFile` (null: the reference's own). */
function referenceWithInit(initFile: string | null, into: string): string {
  const source = path.join(into, 'source');
  fs.mkdirSync(source);
  const solution = path.join(projectRoot(), 'solution', 'src');
  for (const f of fs.readdirSync(solution)) if (f.endsWith('.ts')) fs.copyFileSync(path.join(solution, f), path.join(source, f));
  if (initFile) fs.copyFileSync(initFile, path.join(source, 'init.ts'));
  return source;
}

/** Trains both models of one lab for each seed, each run in a fresh host as the training suite does. */
async function trainLab(
  config: AssignmentConfig,
  labDir: string,
  scratchDir: string,
  source: string,
  seeds: number[],
  backend: BackendName | undefined,
  log: (line: string) => void,
): Promise<CalibrationRow[]> {
  const rows: CalibrationRow[] = [];
  for (const seed of seeds) {
    const started = Date.now();
    const perplexity = {} as Record<Model, number>;
    const trend = {} as Record<Model, { first: number; last: number }>;
    for (const model of MODELS) {
      const client = new SubmissionClient({
        projectRoot: projectRoot(),
        labDir,
        scratchDir,
        heapMb: config.limits.hostHeapMb,
        backend,
        isolation: 'auto',
      });
      try {
        const plan = await trainingRunArgs(config, model, seed);
        const result = await client.call('train.run', plan.args, 600_000);
        const judged = await judgeTraining(plan.heldOut, result.weights, backend);
        perplexity[model] = judged.ok ? judged.perplexity : NaN;
        trend[model] = lossTrend(result.losses);
      } finally {
        client.close();
      }
    }
    const row = { source, seed, perplexity, lossTrend: trend, seconds: (Date.now() - started) / 1000 };
    rows.push(row);
    log(
      `${source.padEnd(40)} seed ${String(seed).padStart(3)}  n-gram ${row.perplexity.ngram.toFixed(1).padStart(7)}  RNN ${row.perplexity.rnn.toFixed(1).padStart(7)}  (${row.seconds.toFixed(0)} s)`,
    );
  }
  return rows;
}

/** Runs `work` in a fresh scratch folder, removed afterwards. */
async function withScratch<T>(work: (scratchDir: string) => Promise<T>): Promise<T> {
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-calibrate-'));
  fs.chmodSync(scratchDir, 0o755);
  try {
    return await work(scratchDir);
  } finally {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

/** Unigram and bigram figures on exactly the held-out tokens each model's training test scores. */
async function baselinesOf(config: AssignmentConfig): Promise<Record<Model, CountBaselines>> {
  const words = await loadVocabWords('grading');
  const index = new Map(words.map((w, i) => [w, i]));
  const train = Int32Array.from(await loadSplit('grading', 'train'), (w) => index.get(w) ?? index.get('<unk>') ?? 0);
  const out = {} as Record<Model, CountBaselines>;
  for (const model of MODELS) {
    const { evalIds } = (await trainingRunArgs(config, model, 1)).heldOut;
    // The RNN predicts evalIds[1 .. used] (whole windows only); the n-gram evalIds[n-1 ..].
    const { windowSz } = config.training.rnn;
    const held =
      model === 'rnn'
        ? evalIds.slice(0, Math.floor((evalIds.length - 1) / windowSz) * windowSz + 1)
        : evalIds.slice(config.training.ngram.n - 2);
    out[model] = countBaselines(train, held, words.length);
  }
  return out;
}

export async function calibrate(
  config: AssignmentConfig,
  seeds: number[],
  log: (line: string) => void,
  backend?: BackendName,
): Promise<Calibration> {
  const baselines = await baselinesOf(config);
  const reference: CalibrationRow[] = [];
  for (const [scheme, initFile] of Object.entries(INIT_SCHEMES)) {
    reference.push(
      ...(await withScratch(async (scratch) =>
        trainLab(config, await compileLab(referenceWithInit(initFile, scratch), scratch), scratch, scheme, seeds, backend, log),
      )),
    );
  }
  const contrast: CalibrationRow[] = [];
  const fixtures = listFixtures().filter((f) => CONTRAST_FIXTURES.includes(f.name));
  for (const fixture of fixtures) {
    contrast.push(
      ...(await withScratch(async (scratch) =>
        trainLab(
          config,
          await compileLab(materialiseFixture(fixture, scratch), scratch),
          scratch,
          fixture.name,
          seeds.slice(0, 1),
          backend,
          log,
        ),
      )),
    );
  }
  const s = Object.fromEntries(MODELS.map((m) => [m, spread(reference.map((r) => r.perplexity[m]))])) as Record<Model, Spread>;
  const proposed = Object.fromEntries(MODELS.map((m) => [m, proposeBars(s[m], baselines[m].unigram)])) as Record<Model, ProposedBars>;
  return { reference, contrast, baselines, spread: s, proposed };
}
