/**
 * The records of a batch: what was found in the input, one gradebook entry per submission, the
 * fingerprint that says which grader made them, and the problems a batch reports beside its rows.
 * Every file a batch writes (entry.json, batch.json, summary.json) holds one of these.
 */
import type { TestStatus } from '../results/types';

/** What a student is known as (Gradescope's metadata names the submitters; a folder name gives only an id). */
export interface Student {
  name?: string;
  email?: string;
  sid?: string;
}

/** One submission found in the input: a folder or a file (normally a .zip), with what is known of its students. */
export interface SubmissionRef {
  /** Name of its folder under OUT/submissions/: unique in the batch, letters, digits, '.', '_' and '-' only. */
  key: string;
  /** The id staff know it by: Gradescope's submission id, or the folder or zip name without ".zip". */
  id: string;
  /** Absolute path of the folder or file to grade. */
  path: string;
  /** Path relative to the input, for people. */
  source: string;
  students: Student[];
  /** Why it cannot be graded at all (a link to nothing, a pipe), found before any grading. */
  unusable?: string;
}

/** Which grader made a result: a result made by another one is never reused. */
export interface Fingerprint {
  /** sha256 of the loaded assignment config (as results.json's extra_data has it). */
  config: string;
  /** sha256 of the hidden suites, their support code and the goldens. */
  suites: string;
  seed: number;
}

/** The gradebook status of a submission; the kinds of failure a summary counts are the same words. */
export type EntryStatus = 'graded' | 'compile' | 'crash' | 'timeout' | 'rejected' | 'grader_fault';

/** A kind of failure; a submission may show several (a crash in one test, a timeout in another). */
export type FailureKind = Exclude<EntryStatus, 'graded'>;

/** One row of the gradebook, kept as OUT/submissions/<key>/entry.json. */
export interface BatchEntry {
  key: string;
  id: string;
  source: string;
  students: Student[];
  /** The most serious kind in `kinds` (grader_fault, rejected, timeout, crash, compile), else graded. */
  status: EntryStatus;
  kinds: FailureKind[];
  /** Why, for each kind in `kinds`, in a line. */
  reasons: Partial<Record<FailureKind, string>>;
  /** Why the status is not `graded` (its kind's reason); '' when it is. */
  reason: string;
  /** null when no trustworthy score exists (a grader fault). */
  score: number | null;
  maxScore: number;
  /** Points per question id. */
  questions: Record<string, number>;
  /** Status of every test that was scored, by test id. */
  tests: Record<string, TestStatus>;
  backend: string;
  /** Wall time of this submission's grading run, seconds. */
  seconds: number;
  fingerprint: Fingerprint;
  /** sha256 of the submission's files (names, sizes, contents), to tell a changed submission from a graded one. */
  sourceStamp: string;
  gradedAt: string;
}

/** A problem with the input or the output that is not one submission's row: reported in the summary. */
export interface BatchProblem {
  kind: 'empty-input' | 'duplicate-id' | 'ambiguous' | 'ignored-file' | 'metadata' | 'missing-shard';
  message: string;
  /** The submissions it concerns (keys), when any. */
  keys: string[];
}

/** `--shard i/n`: 1-based index of the slice, and the number of slices. */
export interface Shard {
  index: number;
  count: number;
}

/** OUT/batch.json: what made this output folder, so a later run can tell resume from another batch. */
export interface BatchManifest {
  tool: 'rnn-lab batch';
  /** Absolute path of the input folder or zip. */
  input: string;
  fingerprint: Fingerprint;
  shard: Shard | null;
  createdAt: string;
}

/** The rubric a gradebook is laid out by (from the config), so merge and the summary need no config file. */
export interface Rubric {
  name: string;
  questions: { id: string; title: string; tests: { id: string; name: string; points: number }[] }[];
}
