/**
 * The errors every layer may throw and the exit codes the CLI (grader/cli/main.ts, the only place
 * that ends the process) turns them into. Library code returns results or throws these.
 */

/** Exit codes of every rnn-lab command. */
export const EXIT = {
  ok: 0,
  /** A command ran and found something wrong that the user must fix (e.g. a corpus mismatch). */
  failed: 1,
  /** Bad arguments or configuration. */
  usage: 2,
  /** A bug in rnn-lab itself. */
  internal: 70,
} as const;

/** Bad command-line input or configuration: the message says what was given and what is expected. */
export class UsageError extends Error {
  readonly exitCode = EXIT.usage;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * An expected failure with its own exit code and a message for the user (no stack trace). With
 * `endProcess`, work the command started may still be running (suites cut off at their deadline):
 * the CLI ends the process at once instead of waiting for it. An empty message prints nothing.
 */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
    readonly endProcess = false,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

/** What stopped grading before it started: the backend, the corpus, the submission host or the GPU check. */
export type FaultKind = 'backend' | 'corpus' | 'host' | 'gpu';

/** Grading could not start for a reason of the grader or its machine; exit 2 (backend asked for) or 70. */
export class GraderFault extends ExitError {
  constructor(
    readonly kind: FaultKind,
    message: string,
  ) {
    super(message, kind === 'backend' ? EXIT.usage : EXIT.internal);
    this.name = 'GraderFault';
  }
}
