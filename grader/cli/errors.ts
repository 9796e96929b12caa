/** Errors the CLI turns into exit codes; library code returns results or throws these. */

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

/** An expected failure with its own exit code and a message for the user (no stack trace). */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}
