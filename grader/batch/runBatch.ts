/**
 * `rnn-lab batch`: grades a class. Finds the submissions, takes this shard's slice, keeps the
 * results an earlier run of the same batch finished, grades the rest N at a time (each in its own
 * grading process), and writes the gradebook and the summary. Ctrl-C or SIGTERM stops every
 * grading run at once and leaves only finished results behind; the next run resumes from them.
 */
import * as os from 'os';
import * as path from 'path';
import type { IsolationMode } from '../runOptions';
import type { AssignmentConfig } from '../config/assignmentConfig';
import type { BackendChoice } from '../runtime/backendNames';
import { ExitError, UsageError } from '../errors';
import { fingerprintOf, rubricMax, rubricOf, sameFingerprint } from './batchIdentity';
import { isInside, openInput } from './input/openInput';
import { inspectPlan } from './input/inspect';
import { openOutput, type OutputFolder } from './output/outputFolder';
import { writeBatchReports, type WrittenReports } from './output/writeBatchReports';
import { sliceFor } from './shard';
import { gradeOne } from './run/gradeOne';
import { stopAllChildren } from './run/gradeChild';
import { BatchProgress } from './run/progress';
import { runPool } from './run/pool';
import { GRADES_AT_ONCE_ENV } from '../runtime/kernels/kernelThreads';
import type { BatchEntry, BatchManifest, BatchProblem, Fingerprint, Shard, SubmissionRef } from './types';

export interface BatchOptions {
  input: string;
  out: string;
  jobs: number;
  shard: Shard | null;
  force: boolean;
  configPath: string;
  config: AssignmentConfig;
  seed?: number;
  /** `--backend` as given (auto defers to RNN_LAB_BACKEND in each grading run). */
  backend: BackendChoice;
  isolation: IsolationMode;
  formats: string;
  stream?: NodeJS.WriteStream;
}

export interface BatchResult extends WrittenReports {
  entries: BatchEntry[];
  problems: BatchProblem[];
}

function gradeArgs(opts: BatchOptions): string[] {
  const args = [
    '--config',
    path.resolve(opts.configPath),
    '--format',
    opts.formats,
    '--isolation',
    opts.isolation,
    '--backend',
    opts.backend,
  ];
  return opts.seed === undefined ? args : [...args, '--seed', String(opts.seed)];
}

/** Which of `plan` an earlier run finished (same grader, same files, no grader fault), and which to grade. */
function triage(out: OutputFolder, plan: SubmissionRef[], stamps: Map<string, string>, fingerprint: Fingerprint, force: boolean) {
  const kept: BatchEntry[] = [];
  const todo: SubmissionRef[] = [];
  for (const ref of plan) {
    const had = force ? null : out.readEntry(ref.key);
    if (had && sameFingerprint(had.fingerprint, fingerprint) && had.sourceStamp === stamps.get(ref.key) && had.status !== 'grader_fault')
      kept.push(had);
    else todo.push(ref);
  }
  return { kept, todo };
}

/** Stops the batch on SIGINT/SIGTERM: every grading run is killed, nothing new starts. */
function onInterrupt(stop: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals) => stop(signal);
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

export async function runBatch(opts: BatchOptions): Promise<BatchResult> {
  const stream = opts.stream ?? process.stdout;
  const fingerprint = await fingerprintOf(opts.config, opts.seed);
  const input = openInput(opts.input);
  try {
    if (input.kind === 'folder' && isInside(opts.out, input.path))
      throw new UsageError(`the output folder ${path.resolve(opts.out)} is inside the input ${input.path}; give --out a folder outside it`);
    const plan = sliceFor(input.discovery.submissions, opts.shard);
    const manifest: BatchManifest = {
      tool: 'rnn-lab batch',
      input: input.path,
      fingerprint,
      shard: opts.shard,
      createdAt: new Date().toISOString(),
    };
    const opened = openOutput(opts.out, manifest, { force: opts.force });
    if (!opened.ok) throw new UsageError(opened.error);
    const out = opened.out;
    const started = Date.now();
    let interrupted: NodeJS.Signals | null = null;
    const release = onInterrupt((signal) => {
      interrupted ??= signal;
      stopAllChildren();
    });
    try {
      const inspected = inspectPlan(plan);
      const problems = [...input.discovery.problems, ...inspected.problems];
      const stamps = inspected.stamps;
      const { kept, todo } = triage(out, plan, stamps, fingerprint, opts.force);
      const progress = new BatchProgress(plan.length, opts.jobs, stream);
      stream.write(
        `batch: ${plan.length} submission${plan.length === 1 ? '' : 's'}${opts.shard ? ` in shard ${opts.shard.index}/${opts.shard.count}` : ''} from ${input.path}, ${opts.jobs} at a time, into ${out.dir}\n`,
      );
      progress.reused(kept.length);
      try {
        process.env[GRADES_AT_ONCE_ENV] = String(opts.jobs); // issue 14: each grade's hosts divide the cores by the grades at once
        await runPool(
          todo,
          opts.jobs,
          () => interrupted !== null,
          async (ref) => {
            progress.startedOne();
            const work = out.workDir(ref.key);
            const entry = await gradeOne(ref, work, {
              fingerprint,
              gradeArgs: gradeArgs(opts),
              totalTimeoutSeconds: opts.config.limits.totalTimeoutSeconds,
              maxScore: rubricMax(opts.config),
              sourceStamp: stamps.get(ref.key)!,
            });
            if (entry === null || interrupted) return;
            out.install(ref.key, work);
            progress.finished(entry);
          },
        );
      } catch (err) {
        stopAllChildren();
        throw err;
      } finally {
        progress.end();
      }
      if (interrupted) {
        throw new ExitError(
          `interrupted (${interrupted}): every grading run was stopped; the finished results are kept in ${out.dir} and the next run of the same command resumes from them`,
          interrupted === 'SIGINT' ? 130 : 143,
        );
      }
      const entries = plan.map((ref) => out.readEntry(ref.key)).filter((e): e is BatchEntry => e !== null);
      const written = writeBatchReports(out, entries, problems, {
        input: input.path,
        shard: opts.shard,
        fingerprint,
        rubric: rubricOf(opts.config),
        run: { gradedNow: todo.length, reused: kept.length, wallSeconds: Math.round((Date.now() - started) / 100) / 10, jobs: opts.jobs },
      });
      return { ...written, entries, problems };
    } finally {
      release();
      out.close();
    }
  } finally {
    input.close();
  }
}

/** Default for --jobs: the cores this process may use. */
export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}
