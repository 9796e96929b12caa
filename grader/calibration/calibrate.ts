/**
 * `rnn-lab calibrate`: trains the reference under the configured budgets across seeds and
 * initialisation schemes, through the same host and probe the training tests use, and proposes
 * perplexity bars: the worst perplexity seen plus a margin (so any correct implementation
 * passes), and an implausibility floor far below the best (labels leaking into inputs).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { AssignmentConfig } from '../config/assignmentConfig';
import { projectRoot } from '../projectRoot';
import { stageSubmission } from '../sandbox/stage/stageSubmission';
import { compileSubmission } from '../sandbox/compile/compileSubmission';
import { SubmissionClient } from '../sandbox/client/submissionClient';
import { trainingRunArgs } from '../grading/trainingRunArgs';

/** init.ts variants: the reference's (truncated normal embeddings, Glorot) and two common others. */
export const INIT_SCHEMES: Record<string, string | null> = {
  'reference (trunc. normal 0.1 + Glorot)': null,
  'normal(0, 0.1)': path.join(projectRoot(), 'grader', 'calibration', 'initSchemes', 'normal01.ts'),
  'uniform(±0.05)': path.join(projectRoot(), 'grader', 'calibration', 'initSchemes', 'uniform005.ts'),
};

export interface CalibrationRow {
  scheme: string;
  seed: number;
  ngram: number;
  rnn: number;
  seconds: number;
}

export interface Spread {
  min: number;
  max: number;
  mean: number;
  sd: number;
}

export interface Calibration {
  rows: CalibrationRow[];
  spread: { ngram: Spread; rnn: Spread };
  proposed: { ngram: { threshold: number; implausibleBelow: number }; rnn: { threshold: number; implausibleBelow: number } };
}

function spread(xs: number[]): Spread {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { min: Math.min(...xs), max: Math.max(...xs), mean, sd: Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length) };
}

/** Bars from what was seen: worst * (1 + margin), and a floor at a quarter of the best. */
export function proposeBars(s: Spread, margin: number): { threshold: number; implausibleBelow: number } {
  return { threshold: Math.ceil(s.max * (1 + margin)), implausibleBelow: Math.max(2, Math.floor(s.min / 4)) };
}

async function referenceWithInit(initFile: string | null, scratchDir: string): Promise<string> {
  const source = path.join(scratchDir, 'source');
  fs.mkdirSync(source);
  const solution = path.join(projectRoot(), 'solution', 'src');
  for (const f of fs.readdirSync(solution)) if (f.endsWith('.ts')) fs.copyFileSync(path.join(solution, f), path.join(source, f));
  if (initFile) fs.copyFileSync(initFile, path.join(source, 'init.ts'));
  const staged = await stageSubmission(source, scratchDir);
  if (!staged.ok) throw new Error(`cannot stage the reference: ${staged.messages.join('; ')}`);
  const labDir = path.join(scratchDir, 'lab');
  const compiled = compileSubmission(staged.dir, labDir);
  const broken = Object.entries(compiled.files).filter(([, r]) => !r.ok);
  if (broken.length > 0) throw new Error(`the reference does not compile: ${broken.map(([f, r]) => `${f}: ${r.diagnostics}`).join('\n')}`);
  return labDir;
}

export async function calibrate(config: AssignmentConfig, seeds: number[], margin: number, log: (line: string) => void, backend?: string): Promise<Calibration> {
  const rows: CalibrationRow[] = [];
  for (const [scheme, initFile] of Object.entries(INIT_SCHEMES)) {
    const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-calibrate-'));
    fs.chmodSync(scratchDir, 0o755);
    try {
      const labDir = await referenceWithInit(initFile, scratchDir);
      const client = new SubmissionClient({ projectRoot: projectRoot(), labDir, scratchDir, heapMb: config.limits.hostHeapMb, backend, isolation: 'auto' });
      try {
        for (const seed of seeds) {
          const started = Date.now();
          const ngram = await client.call('train.run', await trainingRunArgs(config, 'ngram', seed), 600_000);
          const rnn = await client.call('train.run', await trainingRunArgs(config, 'rnn', seed), 600_000);
          const row = { scheme, seed, ngram: ngram.perplexity, rnn: rnn.perplexity, seconds: (Date.now() - started) / 1000 };
          rows.push(row);
          log(`${scheme.padEnd(40)} seed ${String(seed).padStart(3)}  n-gram ${row.ngram.toFixed(1).padStart(7)}  RNN ${row.rnn.toFixed(1).padStart(7)}  (${row.seconds.toFixed(0)} s)`);
        }
      } finally {
        client.close();
      }
    } finally {
      fs.rmSync(scratchDir, { recursive: true, force: true });
    }
  }
  const s = { ngram: spread(rows.map((r) => r.ngram)), rnn: spread(rows.map((r) => r.rnn)) };
  return { rows, spread: s, proposed: { ngram: proposeBars(s.ngram, margin), rnn: proposeBars(s.rnn, margin) } };
}
