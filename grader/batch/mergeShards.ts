/**
 * `rnn-lab merge DIR... --out DIR`: one gradebook and summary from the outputs of several batches
 * (normally the shards of one). Refuses outputs made with different config or suites hashes or
 * seeds, unfinished outputs (no summary.json), and a submission graded in two of them; a shard
 * missing from a set is reported in the summary. Each submission's folder is copied into OUT, so
 * OUT is a batch output like any other (a later `batch` into it resumes from it).
 */
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from '../errors';
import { ENTRY, openOutput, readManifest, SUBMISSIONS } from './output/outputFolder';
import { writeBatchReports, type WrittenReports } from './output/writeBatchReports';
import type { BatchSummary } from './report/summarize';
import { isInside } from './input/openInput';
import type { BatchEntry, BatchManifest, BatchProblem } from './types';

interface ShardOutput {
  dir: string;
  manifest: BatchManifest;
  summary: BatchSummary;
}

function readShard(dir: string): ShardOutput {
  const abs = path.resolve(dir);
  const manifest = readManifest(abs);
  if (!manifest) throw new UsageError(`${dir} is not the output of rnn-lab batch (it has no batch.json)`);
  let summary: BatchSummary;
  try {
    summary = JSON.parse(fs.readFileSync(path.join(abs, 'summary.json'), 'utf8')) as BatchSummary;
  } catch {
    throw new UsageError(`${dir} has no summary.json: that batch did not finish (run it again with the same command to complete it)`);
  }
  return { dir: abs, manifest, summary };
}

/** Hash and seed differences between the shards, in words. */
function mismatches(shards: ShardOutput[]): string[] {
  const first = shards[0].summary.fingerprint;
  return shards
    .slice(1)
    .filter(
      (s) =>
        s.summary.fingerprint.config !== first.config ||
        s.summary.fingerprint.suites !== first.suites ||
        s.summary.fingerprint.seed !== first.seed,
    )
    .map(
      (s) =>
        `${s.dir} (config ${s.summary.fingerprint.config.slice(0, 12)}, suites ${s.summary.fingerprint.suites.slice(0, 12)}, seed ${s.summary.fingerprint.seed}) differs from ${shards[0].dir} (config ${first.config.slice(0, 12)}, suites ${first.suites.slice(0, 12)}, seed ${first.seed})`,
    );
}

/** Shards of a set that are not among the outputs, and shards given twice. */
function shardProblems(shards: ShardOutput[]): { missing: BatchProblem[]; twice: string[] } {
  const sets = new Map<string, Set<number>>();
  const twice: string[] = [];
  for (const s of shards) {
    if (!s.summary.shard) continue;
    const key = `${s.manifest.input}\0${s.summary.shard.count}`;
    const seen = sets.get(key) ?? new Set<number>();
    if (seen.has(s.summary.shard.index))
      twice.push(`shard ${s.summary.shard.index}/${s.summary.shard.count} of ${s.manifest.input} is given twice`);
    seen.add(s.summary.shard.index);
    sets.set(key, seen);
  }
  const missing: BatchProblem[] = [];
  for (const [key, seen] of sets) {
    const [input, count] = key.split('\0');
    const absent = Array.from({ length: Number(count) }, (_, i) => i + 1).filter((i) => !seen.has(i));
    if (absent.length > 0)
      missing.push({
        kind: 'missing-shard',
        keys: [],
        message: `shards ${absent.map((i) => `${i}/${count}`).join(', ')} of ${input} were not merged: their submissions are not in this gradebook`,
      });
  }
  return { missing, twice };
}

export interface MergeResult extends WrittenReports {
  entries: BatchEntry[];
}

export function mergeShards(dirs: string[], outDir: string, opts: { force?: boolean } = {}): MergeResult {
  if (dirs.length === 0)
    throw new UsageError('merge needs the output folders to merge, e.g. rnn-lab merge out/shards/1 out/shards/2 --out out');
  const shards = dirs.map(readShard);
  for (const s of shards)
    if (isInside(outDir, s.dir))
      throw new UsageError(`--out ${outDir} is one of the folders to merge (or inside one); give another folder`);
  const diffs = mismatches(shards);
  if (diffs.length > 0)
    throw new UsageError(`these outputs were graded by different graders and cannot share a gradebook: ${diffs.join('; ')}`);
  const { missing, twice } = shardProblems(shards);
  if (twice.length > 0) throw new UsageError(`${twice.join('; ')}; merge each shard once`);
  const owner = new Map<string, string>();
  for (const s of shards) {
    for (const e of s.summary.entries) {
      const had = owner.get(e.key);
      if (had) throw new UsageError(`the submission ${e.key} was graded in both ${had} and ${s.dir}; merge outputs of disjoint shards`);
      owner.set(e.key, s.dir);
    }
  }
  const inputs = [...new Set(shards.map((s) => s.manifest.input))];
  const manifest: BatchManifest = {
    tool: 'rnn-lab batch',
    input: inputs.length === 1 ? inputs[0] : inputs.join(' + '),
    fingerprint: shards[0].summary.fingerprint,
    shard: null,
    createdAt: new Date().toISOString(),
  };
  const opened = openOutput(outDir, manifest, opts);
  if (!opened.ok) throw new UsageError(opened.error);
  const out = opened.out;
  try {
    const entries: BatchEntry[] = [];
    for (const s of shards) {
      for (const e of s.summary.entries) {
        const from = path.join(s.dir, SUBMISSIONS, e.key);
        const work = out.workDir(e.key);
        if (fs.existsSync(from)) fs.cpSync(from, work, { recursive: true });
        fs.writeFileSync(path.join(work, ENTRY), `${JSON.stringify(e, null, 2)}\n`);
        out.install(e.key, work);
        entries.push(e);
      }
    }
    const seen = new Set<string>();
    const problems = [...shards.flatMap((s) => s.summary.problems), ...missing].filter((p) => {
      const id = `${p.kind}\0${p.message}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    const written = writeBatchReports(out, entries, problems, {
      input: manifest.input,
      shard: null,
      fingerprint: manifest.fingerprint,
      rubric: shards[0].summary.rubric,
      run: {
        gradedNow: shards.reduce((n, s) => n + s.summary.run.gradedNow, 0),
        reused: shards.reduce((n, s) => n + s.summary.run.reused, 0),
        wallSeconds: Math.max(...shards.map((s) => s.summary.run.wallSeconds)),
        jobs: shards.reduce((n, s) => n + s.summary.run.jobs, 0),
      },
    });
    return { ...written, entries };
  } finally {
    out.close();
  }
}
