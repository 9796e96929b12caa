/**
 * The internal result model: one record per test and one per grading run. Every output format
 * (Gradescope results.json, HTML, Markdown, terminal, JUnit) is rendered from these records.
 */

/** How a test ended. Only `passed` earns points; the others say why it did not. */
export type TestStatus =
  | 'passed'
  | 'failed' // ran, and the submission's answer was wrong
  | 'error' // the submission threw, or did not compile, or an export is missing
  | 'timeout' // a probe call exceeded its time limit (the host was killed)
  | 'not_run'; // never started (e.g. the host could not start, or grading was aborted)

/** Gradescope's visibility levels, used for every test and the run. */
export type Visibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';

/** One weight's gradient (or one output's values) compared with the reference. */
export interface TensorComparison {
  name: string;
  shape: number[];
  maxAbsError: number;
  maxRelError: number;
  /** e.g. "atol 1e-6 + rtol 1e-4 * |expected|" */
  tolerance: string;
  ok: boolean;
  /** Flat index of the first entry outside the tolerance, if any. */
  firstBadIndex?: number;
}

/** Expected against found shape of one tensor. */
export interface ShapeComparison {
  name: string;
  expected: number[];
  found: number[] | null;
}

/** What a training test saw. */
export interface TrainingDetails {
  /** One mean loss per step, as reported by the submission. */
  losses: number[];
  /** Held-out perplexity after training. */
  perplexity: number;
  /** Perplexity at or below which the test passes. */
  threshold: number;
  /** Perplexity below which the result is implausible (labels leaking into the inputs). */
  implausibleBelow: number;
  steps: number;
  seconds: number;
  /** Generated text, when the test produced some. */
  sample?: string;
  /**
   * Set for a preview (a public check on a smaller budget): the perplexity is indicative only, and
   * `threshold` is the bar of the graded test, which trains `gradedSteps` steps; the preview is not held to it.
   */
  indicative?: { gradedSteps: number };
}

/** Structured evidence attached to a test, for reports; may be omitted by the student view. */
export interface TestDetails {
  comparisons?: TensorComparison[];
  shapes?: ShapeComparison[];
  training?: TrainingDetails;
  /** Free-form numbers worth showing (e.g. parameter counts). */
  values?: Record<string, number | string>;
}

/** A raw outcome, as produced by running one test (before points are attached). */
export interface TestOutcome {
  /** Stable id from the assignment config, e.g. "rnn.bptt". */
  id: string;
  status: TestStatus;
  /** What was expected, what was found and where; safe to show for visible tests. */
  message: string;
  /** Share of the points earned, 0..1, for tests with partial credit (default: 1 if passed, else 0). */
  fraction?: number;
  details?: TestDetails;
  durationMs: number;
}

/** A test after scoring: the outcome plus its place in the rubric and its points. */
export interface ScoredTest extends TestOutcome {
  question: string;
  questionTitle: string;
  name: string;
  /** Gradescope ordering key, e.g. "2.3". */
  number: string;
  score: number;
  maxScore: number;
  visibility: Visibility;
  tags: string[];
}

/** What isolation was actually in force for the submission's code (never more than applied). */
export interface IsolationReport {
  processBoundary: boolean;
  permissionModel: boolean;
  unprivilegedUser: boolean;
  noNetwork: boolean;
  heapLimitMb: number | null;
  scrubbedEnv: boolean;
  notes: string[];
  /** The layer that confined the host (sandbox/client/isolation.ts). Optional: runs recorded before it lack it. */
  sandbox?: 'bubblewrap' | 'permission-model' | 'none';
  /** Linux namespaces of its own (mount, pid, user, ipc, uts, cgroup, network). */
  namespaces?: string[];
  /** Each host ran as a uid of its own (from a reserved range; which one varies, so it is not recorded). */
  ownUid?: boolean;
  /** The host could neither signal the grader or other hosts nor read their files. */
  separatedFromGrader?: boolean;
  /** Cap on all memory of the host and what enforced it. */
  memoryLimitMb?: number | null;
  memoryEnforcedBy?: 'cgroup-v1' | 'rss-watchdog' | 'none';
  /** Its writable tmp was mounted noexec. */
  tmpNoexec?: boolean;
  /** It was allowed to load native addons (Dawn or tfjs-node). */
  nativeAddons?: boolean;
}

/** A WebGPU adapter as Dawn names it (runtime/webgpu/dawn.ts). */
export interface GpuAdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
}

/** Provenance of a run: enough to reproduce it and to tell two runs apart. */
export interface RunEnvironment {
  backend: string;
  device: string;
  /**
   * Whether the submission's code (its training included) computed on a GPU: every host said so
   * in its ready message, which it sends before any submission code is loaded.
   */
  gpu?: boolean;
  /** The WebGPU adapter the hosts used, on the webgpu backend. */
  adapter?: GpuAdapterReport;
  isolation: IsolationReport;
  versions: { rnnLab: string; node: string; tfjs: string };
  seed: number;
  /** sha256 of the hidden suites and of the config that graded this run. */
  hashes: { suites: string; config: string };
}

/** The outcome of grading one submission. */
export interface GradingRun {
  /** Display name of the submission (folder or zip name). */
  submission: string;
  /** "grade" (all suites) or "check" (public suites only). */
  mode: 'grade' | 'check';
  startedAt: string;
  executionSeconds: number;
  tests: ScoredTest[];
  score: number;
  maxScore: number;
  /** Problems with the submission as a whole (e.g. "no .ts files found"), shown to the student. */
  messages: string[];
  environment: RunEnvironment;
  /** Held-out perplexity of the student's trained RNN, for the leaderboard (lower is better). */
  rnnPerplexity?: number;
  /** Grading stopped at the config's total time limit (the process must end: suites may still run). */
  deadlineHit?: boolean;
}
