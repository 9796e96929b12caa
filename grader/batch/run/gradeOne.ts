/**
 * Grades one submission of a batch into a work folder and returns its gradebook entry. Whatever
 * happens (a broken zip, a crash, a hang, the grader failing), the result is an entry with a status
 * and a reason, and the folder holds what the grading run wrote. Never throws for a submission.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { GradingRun } from '../../results/types';
import { verdictOf, verdictWithoutRun, type RunVerdict } from '../classify';
import type { BatchEntry, Fingerprint, SubmissionRef } from '../types';
import { gradeInChild, WATCHDOG_GRACE_SECONDS, type ChildResult } from './gradeChild';

export interface GradeOneOptions {
  fingerprint: Fingerprint;
  /** `grade` options after the submission and --out (config, seed, backend, isolation, format). */
  gradeArgs: string[];
  totalTimeoutSeconds: number;
  maxScore: number;
  sourceStamp: string;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** The last lines `rnn-lab:` printed (the CLI's own error), else the log's last line. */
function lastWords(workDir: string): string {
  let log: string;
  try {
    log = fs.readFileSync(path.join(workDir, 'grade.log'), 'utf8');
  } catch {
    return 'no output';
  }
  const lines = log
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const own = lines.find((l) => l.startsWith('rnn-lab: '));
  return (own ?? lines[lines.length - 1] ?? 'no output').slice(0, 300);
}

function verdictOfChild(child: ChildResult, workDir: string, opts: GradeOneOptions): RunVerdict {
  const run = readJson<GradingRun>(path.join(workDir, 'run.json'));
  if (run) {
    const verdict = verdictOf(run);
    const hashes = run.environment.hashes;
    if (
      hashes.config !== opts.fingerprint.config ||
      hashes.suites !== opts.fingerprint.suites ||
      run.environment.seed !== opts.fingerprint.seed
    ) {
      return {
        ...verdictWithoutRun(
          'grader_fault',
          'graded by a different grader than the batch (config, suites or seed changed while it ran)',
          opts.maxScore,
        ),
        backend: verdict.backend,
      };
    }
    return verdict;
  }
  if (child.stoppedBy === 'watchdog') {
    return verdictWithoutRun(
      'timeout',
      `grading did not finish within ${opts.totalTimeoutSeconds + WATCHDOG_GRACE_SECONDS} s (the config's limit plus ${WATCHDOG_GRACE_SECONDS} s); the batch stopped it`,
      opts.maxScore,
    );
  }
  const how = child.signal
    ? `was killed by ${child.signal}${child.signal === 'SIGKILL' ? ' (out of memory?)' : ''}`
    : `exited with code ${child.code}`;
  return verdictWithoutRun('grader_fault', `the grading process ${how} without grading: ${lastWords(workDir)}`, opts.maxScore);
}

function entryOf(ref: SubmissionRef, verdict: RunVerdict, seconds: number, opts: GradeOneOptions): BatchEntry {
  return {
    key: ref.key,
    id: ref.id,
    source: ref.source,
    students: ref.students,
    ...verdict,
    seconds: Math.round(seconds * 10) / 10,
    fingerprint: opts.fingerprint,
    sourceStamp: opts.sourceStamp,
    gradedAt: new Date().toISOString(),
  };
}

/** Grades `ref` into `workDir` and writes its entry.json there. An interrupted run returns null (nothing to keep). */
export async function gradeOne(ref: SubmissionRef, workDir: string, opts: GradeOneOptions): Promise<BatchEntry | null> {
  let entry: BatchEntry;
  if (ref.unusable) {
    entry = entryOf(ref, verdictWithoutRun('rejected', ref.unusable, opts.maxScore), 0, opts);
  } else {
    const child = await gradeInChild({
      submission: ref.path,
      outDir: workDir,
      gradeArgs: opts.gradeArgs,
      watchdogSeconds: opts.totalTimeoutSeconds + WATCHDOG_GRACE_SECONDS,
    });
    if (child.stoppedBy === 'interrupt') return null;
    entry = entryOf(ref, verdictOfChild(child, workDir, opts), child.seconds, opts);
  }
  fs.writeFileSync(path.join(workDir, 'entry.json'), `${JSON.stringify(entry, null, 2)}\n`);
  return entry;
}
