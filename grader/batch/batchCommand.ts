/**
 * The work behind `batch` and `merge`: check the options, run, print where the gradebook is.
 * Exit codes: 0 when every submission has its row (whatever the grades), 1 when the input held no
 * submission, a merge lacks a shard, or a row is a grader fault (the gradebook cannot be trusted as it is: run the same
 * command again, it regrades only those; under Slurm this keeps the merge job from running), 2 for
 * usage errors (bad options, another batch's output folder), 130/143 when interrupted.
 */
import * as path from 'path';
import type { IsolationMode } from '../runOptions';
import { ExitError, UsageError } from '../errors';
import type { BackendChoice } from '../runtime/backendNames';
import { requestedBackend } from '../runOptions';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../config/loadConfig';
import { parseFormats } from '../reporters/writeRun';
import { formatDuration } from '../format';
import { mergeShards } from './mergeShards';
import type { BatchSummary } from './report/summarize';
import { defaultJobs, runBatch, type BatchOptions } from './runBatch';
import { parseShard } from './shard';
import { emitSlurm } from './slurm/emitSlurm';
import { slurmTime } from './slurm/slurmScript';

export interface BatchCommandOptions {
  input: string;
  out: string;
  jobs?: number;
  shard?: string;
  force: boolean;
  configPath?: string;
  seed?: number;
  backend: BackendChoice;
  isolation: IsolationMode;
  formats: string;
  emitSlurm?: string;
  shards?: number;
  gpu: boolean;
  partition?: string;
}

function positiveInt(name: string, v: number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`${name} must be a positive integer, got ${v}`);
  return v;
}

function batchOptions(o: BatchCommandOptions): Omit<BatchOptions, 'shard'> {
  const configPath = path.resolve(o.configPath ?? DEFAULT_CONFIG_PATH);
  const loaded = loadConfig(configPath);
  if (loaded.errors) throw new UsageError(`the assignment config is invalid:\n  ${loaded.errors.join('\n  ')}`);
  requestedBackend(o.backend);
  const formats = parseFormats(o.formats);
  if (!formats.ok) throw new UsageError(formats.error);
  if (!formats.formats.includes('json')) formats.formats.unshift('json');
  const jobs = positiveInt('--jobs', o.jobs) ?? (o.emitSlurm ? 1 : defaultJobs());
  return {
    input: o.input,
    out: o.out,
    jobs,
    force: o.force,
    configPath,
    config: loaded.config,
    seed: o.seed,
    backend: o.backend,
    isolation: o.isolation,
    formats: formats.formats.join(','),
  };
}

/** The closing lines: where the files are, and what did not go well. */
function report(summary: BatchSummary, files: { gradesCsv: string; summaryHtml: string }): string {
  const c = summary.counts.byStatus;
  const failed = Object.entries(c)
    .filter(([k, n]) => k !== 'graded' && n > 0)
    .map(([k, n]) => `${n} ${k}`);
  const lines = [
    `${summary.counts.submissions} submissions: ${c.graded} graded cleanly${failed.length > 0 ? `, ${failed.join(', ')}` : ''}; mean ${summary.scores.mean ?? '–'} / ${summary.scores.max} (${formatDuration(summary.run.wallSeconds)})`,
    ...summary.problems.map((p) => `problem (${p.kind}): ${p.message}`),
    `gradebook: ${files.gradesCsv}`,
    `summary: ${files.summaryHtml}`,
  ];
  return `${lines.join('\n')}\n`;
}

function exitFor(summary: BatchSummary): void {
  if (summary.counts.byStatus.grader_fault > 0)
    throw new ExitError(
      `${summary.counts.byStatus.grader_fault} submission(s) hit a grader fault (see the summary); run the same command again to regrade them`,
    );
  const fatal = summary.problems.find((p) => p.kind === 'empty-input' || p.kind === 'missing-shard');
  if (fatal) throw new ExitError(fatal.message);
}

export async function runBatchCommand(o: BatchCommandOptions): Promise<void> {
  const base = batchOptions(o);
  if (o.emitSlurm) {
    if (o.shard) throw new UsageError('--emit-slurm writes a script for every shard: leave out --shard (use --shards N for how many)');
    const emitted = await emitSlurm({
      ...base,
      file: o.emitSlurm,
      shards: positiveInt('--shards', o.shards),
      gpu: o.gpu,
      partition: o.partition,
    });
    const r = emitted.resources;
    process.stdout.write(
      `wrote ${emitted.file}: ${emitted.submissions} submissions in ${emitted.shards} array tasks of ${r.cpus} cores, ${r.memMb} MB and ${slurmTime(r.seconds)} each, then the merge into ${path.resolve(o.out)}\nsubmit it on the cluster with: bash ${emitted.file}\n`,
    );
    return;
  }
  let shard = null;
  if (o.shard !== undefined) {
    const parsed = parseShard(o.shard);
    if (!parsed.ok) throw new UsageError(parsed.error);
    shard = parsed.shard;
  }
  const result = await runBatch({ ...base, shard });
  process.stdout.write(report(result.summary, result));
  exitFor(result.summary);
}

export function runMergeCommand(dirs: string[], out: string, force: boolean): void {
  const result = mergeShards(dirs, out, { force });
  process.stdout.write(report(result.summary, result));
  exitFor(result.summary);
}
