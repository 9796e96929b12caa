/**
 * Loads the submission's compiled lab files inside the host and turns every way that can fail
 * (missing file, compile error, missing export) into a ProbeError a student can act on.
 */
import * as path from 'path';
import type { LabModuleName, LabModules } from '../../lab';
import type { ProbeErrorKind } from '../protocol';
import { describeLocation, studentLocation } from './studentFrame';

export class ProbeError extends Error {
  constructor(
    readonly kind: ProbeErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ProbeError';
  }
}

export class LabLoader {
  constructor(readonly labDir: string) {}

  /** The compiled module of `file` (e.g. "rnn" for rnn.ts). */
  module<F extends LabModuleName>(file: F): LabModules[F] {
    const modulePath = path.join(this.labDir, `${file}.js`);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the student's compiled module, whose path is known only at run time
      return require(modulePath) as LabModules[F];
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'MODULE_NOT_FOUND' && e.message.includes(modulePath)) {
        throw new ProbeError('missing-file', `${file}.ts is missing from the submission`);
      }
      // One line first (what a summary shows), then the compiler's messages.
      if (/did not compile/.test(e.message))
        throw new ProbeError('compile', e.message.replace(/did not compile:\s*\n\s*/, 'did not compile: '));
      if (e.code === 'MODULE_NOT_FOUND') {
        const wanted = /Cannot find module '([^']+)'/.exec(e.message)?.[1] ?? 'a module';
        const asTs = wanted.startsWith('.') ? `${wanted}.ts` : wanted;
        throw new ProbeError(
          'missing-file',
          `${file}.ts imports ${asTs}, which is not in the submission (only the lab files and @tensorflow/tfjs are available)`,
        );
      }
      throw new ProbeError('threw', `loading ${file}.ts threw ${describeError(err, this.labDir)}`);
    }
  }

  /** One export of a lab file, or a missing-export error naming it. */
  export<F extends LabModuleName, K extends keyof LabModules[F] & string>(file: F, name: K): LabModules[F][K] {
    const mod = this.module(file);
    const value = mod[name];
    if (value === undefined) throw new ProbeError('missing-export', `${file}.ts does not export ${name}`);
    return value;
  }
}

/**
 * "TypeError: x is not a function (near rnn.ts line 42)": the message and the innermost frame in
 * the submission, at its line in the student's .ts (not the compiled JavaScript).
 */
export function describeError(err: unknown, labDir: string): string {
  if (!(err instanceof Error)) return `a non-Error value: ${String(err).slice(0, 200)}`;
  return `${err.name}: ${err.message}${describeLocation(studentLocation(err.stack ?? '', labDir))}`;
}
