/**
 * The output folder of a batch (or a merge):
 *
 *   batch.json            what made it (input, config and suites hashes, seed, shard)
 *   submissions/<key>/    entry.json (the gradebook row), results.json, run.json, report.html, grade.log
 *   grades.csv  summary.json  summary.html
 *   .work/                results being written (never read as results)
 *   .batch.lock           the process writing into it
 *
 * A submission's folder appears whole or not at all: it is written under .work/ and renamed into
 * place, so a batch stopped at any moment leaves only finished results and resumes from them. A
 * folder made by another batch (other input, config, suites, seed or shard) is refused unless
 * `force`, and a non-empty folder that no batch made is always refused.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BatchEntry, BatchManifest } from '../types';
import { formatShard } from '../shard';

export const MANIFEST = 'batch.json';
export const SUBMISSIONS = 'submissions';
export const ENTRY = 'entry.json';
const WORK = '.work';
const LOCK = '.batch.lock';

export type Opened = { ok: true; out: OutputFolder; resumed: boolean } | { ok: false; error: string };

/** How two manifests differ, in words; [] when they describe the same batch. */
export function manifestDifferences(had: BatchManifest, want: BatchManifest): string[] {
  const diffs: string[] = [];
  if (had.input !== want.input) diffs.push(`input ${had.input} (now ${want.input})`);
  if (had.fingerprint.config !== want.fingerprint.config)
    diffs.push(`config hash ${had.fingerprint.config.slice(0, 12)} (now ${want.fingerprint.config.slice(0, 12)})`);
  if (had.fingerprint.suites !== want.fingerprint.suites)
    diffs.push(`suites hash ${had.fingerprint.suites.slice(0, 12)} (now ${want.fingerprint.suites.slice(0, 12)})`);
  if (had.fingerprint.seed !== want.fingerprint.seed) diffs.push(`seed ${had.fingerprint.seed} (now ${want.fingerprint.seed})`);
  if (formatShard(had.shard) !== formatShard(want.shard)) diffs.push(`shard ${formatShard(had.shard)} (now ${formatShard(want.shard)})`);
  return diffs;
}

export function readManifest(dir: string): BatchManifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as BatchManifest;
    return m.tool === 'rnn-lab batch' && m.fingerprint ? m : null;
  } catch {
    return null;
  }
}

/** Writes `text` to `file` through a temporary file and a rename: readers see the old or the new file, never half of one. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes OUT/.batch.lock, or says who holds it. A lock left by a dead process on this host is taken over. */
function takeLock(dir: string): string | null {
  const file = path.join(dir, LOCK);
  const mine = JSON.stringify({ pid: process.pid, host: os.hostname() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx' });
      return null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: { pid?: number; host?: string } = {};
    try {
      holder = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof holder;
    } catch {
      // unreadable lock: treat as stale
    }
    const stale = holder.host === undefined || (holder.host === os.hostname() && (holder.pid === undefined || !isAlive(holder.pid)));
    if (!stale)
      return `another batch (pid ${holder.pid} on ${holder.host}) is writing into ${dir}; wait for it to finish, or delete ${file} if it is no longer running`;
    fs.rmSync(file, { force: true });
  }
  return `could not take ${file}`;
}

export class OutputFolder {
  constructor(readonly dir: string) {}

  entryDir(key: string): string {
    return path.join(this.dir, SUBMISSIONS, key);
  }

  /** A fresh folder under .work/ for `key`'s result in progress. */
  workDir(key: string): string {
    const dir = path.join(this.dir, WORK, key);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  readEntry(key: string): BatchEntry | null {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.entryDir(key), ENTRY), 'utf8')) as BatchEntry;
    } catch {
      return null;
    }
  }

  /** Puts the finished result in `work` (holding entry.json) in place of `key`'s, by renames. */
  install(key: string, work: string): void {
    const target = this.entryDir(key);
    const old = path.join(this.dir, WORK, `${key}.replaced`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.rmSync(old, { recursive: true, force: true });
    if (fs.existsSync(target)) fs.renameSync(target, old);
    fs.renameSync(work, target);
    fs.rmSync(old, { recursive: true, force: true });
  }

  writeFile(name: string, text: string): string {
    const file = path.join(this.dir, name);
    writeFileAtomic(file, text);
    return file;
  }

  /** Removes .work/ and the lock. */
  close(): void {
    fs.rmSync(path.join(this.dir, WORK), { recursive: true, force: true });
    fs.rmSync(path.join(this.dir, LOCK), { force: true });
  }
}

/**
 * Opens `dir` for the batch `manifest`: creates it, takes the lock, and checks what is there. The
 * same batch resumes; another batch is refused unless `force` (its manifest is then replaced).
 */
export function openOutput(dir: string, manifest: BatchManifest, opts: { force?: boolean } = {}): Opened {
  const out = path.resolve(dir);
  fs.mkdirSync(out, { recursive: true });
  const had = readManifest(out);
  if (had === null) {
    const others = fs.readdirSync(out).filter((n) => n !== LOCK && n !== WORK);
    if (others.length > 0) {
      return {
        ok: false,
        error: `${out} is not empty (${others.slice(0, 5).join(', ')}${others.length > 5 ? ', ...' : ''}) and holds no rnn-lab batch; give --out an empty or new folder`,
      };
    }
  }
  const locked = takeLock(out);
  if (locked) return { ok: false, error: locked };
  const diffs = had === null ? [] : manifestDifferences(had, manifest);
  if (diffs.length > 0 && !opts.force) {
    fs.rmSync(path.join(out, LOCK), { force: true });
    return {
      ok: false,
      error: `${out} holds the results of another batch: ${diffs.join('; ')}. Nothing was changed. Give another --out, or --force to regrade into it`,
    };
  }
  fs.rmSync(path.join(out, WORK), { recursive: true, force: true });
  if (had === null || diffs.length > 0) writeFileAtomic(path.join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { ok: true, out: new OutputFolder(out), resumed: had !== null && diffs.length === 0 };
}
