/**
 * `rnn-lab batch ... --emit-slurm FILE`: counts the submissions, claims OUT for this batch (so the
 * merge job and a later local run resume into it, and another batch's folder is refused), and
 * writes the Slurm script. Grades nothing itself.
 */
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from '../../errors';
import { projectRoot } from '../../projectRoot';
import { fingerprintOf } from '../batchIdentity';
import { isInside, openInput } from '../input/openInput';
import { openOutput } from '../output/outputFolder';
import type { BatchOptions } from '../runBatch';
import { slurmScript, taskResources, type TaskResources } from './slurmScript';

/** Submissions per array task when --shards is not given. */
export const DEFAULT_PER_SHARD = 10;

export interface EmitOptions extends Omit<BatchOptions, 'shard' | 'stream'> {
  file: string;
  shards?: number;
  gpu: boolean;
  partition?: string;
}

export interface Emitted {
  file: string;
  submissions: number;
  shards: number;
  resources: TaskResources;
}

export async function emitSlurm(opts: EmitOptions): Promise<Emitted> {
  const input = openInput(opts.input);
  const submissions = input.discovery.submissions.length;
  input.close();
  if (input.kind === 'folder' && isInside(opts.out, input.path))
    throw new UsageError(`the output folder ${path.resolve(opts.out)} is inside the input ${input.path}; give --out a folder outside it`);
  if (submissions === 0) throw new UsageError(`${opts.input} holds no submission (no folder or .zip file to grade): nothing to submit`);
  const shards = Math.min(submissions, opts.shards ?? Math.ceil(submissions / DEFAULT_PER_SHARD));
  const fingerprint = await fingerprintOf(opts.config, opts.seed);
  const opened = openOutput(
    opts.out,
    { tool: 'rnn-lab batch', input: input.path, fingerprint, shard: null, createdAt: new Date().toISOString() },
    { force: opts.force },
  );
  if (!opened.ok) throw new UsageError(opened.error);
  opened.out.close();
  const extraArgs = [
    '--format',
    opts.formats,
    '--isolation',
    opts.isolation,
    '--backend',
    opts.backend,
    ...(opts.seed === undefined ? [] : ['--seed', String(opts.seed)]),
  ];
  const file = path.resolve(opts.file);
  const common = { submissions, shards, jobs: opts.jobs };
  const text = slurmScript(opts.config, {
    ...common,
    file,
    node: process.execPath,
    bin: path.join(projectRoot(), 'bin', 'rnn-lab.js'),
    input: input.path,
    out: path.resolve(opts.out),
    config: path.resolve(opts.configPath),
    gpu: opts.gpu,
    partition: opts.partition,
    extraArgs,
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode: 0o755 });
  return { file, submissions, shards, resources: taskResources(opts.config, common) };
}
