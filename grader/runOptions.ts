/**
 * The choices of one grading run, as one type from the command line down to the host launch: the
 * CLI builds it (grader/cli/commands/gradingOptions.ts), the grade command and gradeSubmission take
 * it whole, and the suite context (grading/suiteContextFile.ts) and the host launch
 * (sandbox/client/isolation.ts) pick the fields they pass on. It lies below all of them, so that
 * none imports upward to reach it. requestedBackend resolves `--backend` against RNN_LAB_BACKEND.
 */
import { UsageError } from './errors';
import { BACKEND_CHOICES_TEXT, backendNameOf, type BackendChoice, type BackendName } from './runtime/backendNames';

/**
 * How the submission host is confined: auto (the strongest layer this machine has), bwrap or
 * permission (that layer or fail), none (no sandbox; hidden grading needs it said).
 */
export const ISOLATION_MODES = ['auto', 'bwrap', 'permission', 'none'] as const;
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

/**
 * The backend a command runs on: `--backend` unless it is auto, else RNN_LAB_BACKEND, else
 * undefined (the runtime's own order). A value of RNN_LAB_BACKEND that names no backend is a usage
 * error naming the choices, whatever `--backend` says.
 */
export function requestedBackend(option: string | undefined, env: NodeJS.ProcessEnv = process.env): BackendName | undefined {
  const fromEnv = backendNameOf(env.RNN_LAB_BACKEND);
  if (fromEnv === null) throw new UsageError(`RNN_LAB_BACKEND=${env.RNN_LAB_BACKEND} is not a backend: use one of ${BACKEND_CHOICES_TEXT}`);
  const fromOption = backendNameOf(option);
  if (fromOption === null) throw new UsageError(`--backend ${option} is not a backend: use one of ${BACKEND_CHOICES_TEXT}`);
  return fromOption ?? fromEnv;
}
