/**
 * The choices of one grading run, as one type from the command line down to the host launch: the
 * CLI builds it (grader/cli/commands/gradingOptions.ts), the grade command and gradeSubmission take
 * it whole, and the suite context (grading/suiteContextFile.ts) and the host launch
 * (sandbox/client/isolation.ts) pick the fields they pass on. It lies below all of them, so that
 * none imports upward to reach it.
 */
import type { BackendChoice } from './runtime/backendNames';

/** How the submission host is confined: auto (all this machine supports) or none (debugging). */
export const ISOLATION_MODES = ['auto', 'none'] as const;
export type IsolationMode = (typeof ISOLATION_MODES)[number];

export interface GradingRunOptions {
  /** `grade` runs every hidden test but the previews; `check` the public ones. */
  mode: 'grade' | 'check';
  /** The folder or .zip to grade. */
  submission: string;
  /**
   * The backend the submission runs on: a name, or auto (undefined) for the runtime's own order.
   * The grade command resolves auto against RNN_LAB_BACKEND once, so that below it this is a
   * name or undefined.
   */
  backend?: BackendChoice;
  /** Seed of the training tests (default: the config's). */
  seed?: number;
  isolation: IsolationMode;
  /** Keep the scratch folder (staged and compiled files) for debugging. */
  keepScratch?: boolean;
  /** Refuse to grade (a GraderFault) unless the submission's backend computes on a GPU. */
  requireGpu?: boolean;
}

/** The fields of a run that reach the submission host (with the config's heap limit). */
export type HostRunOptions = Pick<GradingRunOptions, 'backend' | 'isolation'>;
