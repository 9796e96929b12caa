/**
 * The Slurm script `rnn-lab batch --emit-slurm FILE` writes. One file, three roles:
 *  - run by hand (`bash FILE`), it submits itself as a job array (one shard per array task) and
 *    then the merge step as a job that starts once every task succeeded (--dependency=afterok);
 *  - as array task i, it grades shard i/n into OUT/shards/i;
 *  - as the merge job (`FILE merge`), it merges OUT/shards/* into OUT.
 * Resources per task come from the config: cores for the trainings that run side by side, memory
 * for the grader and its hosts' heap caps, time for every submission of the shard hitting the
 * config's limit. Pure: options in, text out.
 */
import type { AssignmentConfig } from '../../config/assignmentConfig';
import { WATCHDOG_GRACE_SECONDS } from '../run/gradeChild';

/** Resident memory of one grading process (Jest, the suites, tfjs), beyond its hosts. */
export const GRADER_MB = 640;
/** A host's memory beyond its V8 heap cap (the wasm backend's memory, Node itself). */
export const HOST_EXTRA_MB = 256;
/** Start-up and merge margin of every array task. */
const TASK_MARGIN_SECONDS = 600;

export interface SlurmOptions {
  /** Absolute paths: this script, Node, bin/rnn-lab.js, the input, the output folder, the config. */
  file: string;
  node: string;
  bin: string;
  input: string;
  out: string;
  config: string;
  /** Submissions in the whole batch. */
  submissions: number;
  shards: number;
  /** Submissions graded at once in each task. */
  jobs: number;
  gpu: boolean;
  partition?: string;
  /** Further `batch` options every task passes (--seed, --backend, --isolation, --format). */
  extraArgs: string[];
}

/** Submission hosts a grading run keeps busy at once: the two trainings run side by side. */
export function concurrentHosts(config: AssignmentConfig): number {
  const ids = config.questions.flatMap((q) => q.tests.map((t) => t.id));
  return Math.max(1, ['training.ngram', 'training.rnn'].filter((id) => ids.includes(id)).length);
}

export interface TaskResources {
  cpus: number;
  memMb: number;
  seconds: number;
}

export function taskResources(config: AssignmentConfig, opts: Pick<SlurmOptions, 'submissions' | 'shards' | 'jobs'>): TaskResources {
  const hosts = concurrentHosts(config);
  const perTask = Math.ceil(opts.submissions / opts.shards);
  const rounds = Math.max(1, Math.ceil(perTask / opts.jobs));
  return {
    cpus: opts.jobs * hosts,
    memMb: opts.jobs * (GRADER_MB + hosts * (config.limits.hostHeapMb + HOST_EXTRA_MB)),
    seconds: rounds * (config.limits.totalTimeoutSeconds + WATCHDOG_GRACE_SECONDS) + TASK_MARGIN_SECONDS,
  };
}

/** Slurm's D-HH:MM:SS. */
export function slurmTime(seconds: number): string {
  const s = Math.ceil(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(s / 86400);
  const hms = `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return days > 0 ? `${days}-${hms}` : hms;
}

/** A word for sh: single-quoted unless it is plainly safe. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function slurmScript(config: AssignmentConfig, o: SlurmOptions): string {
  const r = taskResources(config, o);
  const q = shellQuote;
  const logs = `${o.out}/slurm`;
  const shardDirs = Array.from({ length: o.shards }, (_, i) => `"$OUT/shards/${i + 1}"`).join(' ');
  const extra = o.extraArgs.map(q).join(' ');
  return `#!/bin/bash
# Grades ${o.submissions} submissions in ${o.shards} shards on Slurm, then merges the gradebook.
# Written by \`rnn-lab batch --emit-slurm\` on ${new Date().toISOString()}. Submit it with
#   bash ${q(o.file)}
# (not sbatch: run by hand, it submits the grading array and the merge job itself).
# Per task: ${r.cpus} cores (${o.jobs} at a time x ${concurrentHosts(config)} trainings side by side), ${r.memMb} MB,
# ${slurmTime(r.seconds)} (every submission of the shard at the config's ${config.limits.totalTimeoutSeconds} s limit).
#SBATCH --job-name=rnn-lab-grade
#SBATCH --array=1-${o.shards}
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=${r.cpus}
#SBATCH --mem=${r.memMb}M
#SBATCH --time=${slurmTime(r.seconds)}
${o.gpu ? '#SBATCH --gres=gpu:1\n' : ''}${o.partition ? `#SBATCH --partition=${o.partition}\n` : ''}set -euo pipefail
NODE=\${RNN_LAB_NODE:-${q(o.node)}}
RNN_LAB=${q(o.bin)}
INPUT=${q(o.input)}
OUT=${q(o.out)}
CONFIG=${q(o.config)}

if [ "\${1:-}" = merge ]; then
  exec "$NODE" "$RNN_LAB" merge ${shardDirs} --out "$OUT"
fi
if [ -n "\${SLURM_ARRAY_TASK_ID:-}" ]; then
  exec "$NODE" "$RNN_LAB" batch "$INPUT" --out "$OUT/shards/$SLURM_ARRAY_TASK_ID" --shard "$SLURM_ARRAY_TASK_ID/${o.shards}" --jobs ${o.jobs} --config "$CONFIG"${extra ? ` ${extra}` : ''}
fi
# Run by hand: submit the array, then the merge once every task succeeded.
self=$(readlink -f "$0")
mkdir -p ${q(logs)}
grade=$(sbatch --parsable --output=${q(`${logs}/grade-%A_%a.log`)} "$self")
grade=\${grade%%;*}
merge=$(sbatch --parsable --job-name=rnn-lab-merge --dependency=afterok:"$grade" --ntasks=1 --cpus-per-task=1 --mem=1024M --time=00:30:00 ${o.partition ? `--partition=${q(o.partition)} ` : ''}--output=${q(logs)}/merge-%j.log --wrap "bash $(printf %q "$self") merge")
merge=\${merge%%;*}
echo "submitted grading job $grade (${o.shards} array tasks) and merge job $merge; the gradebook will be $OUT/grades.csv"
echo "watch them with: squeue -j $grade,$merge"
`;
}
