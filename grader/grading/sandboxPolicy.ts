/**
 * When grading may run in the host it got: hidden grading (`grade`) only in a host that cannot
 * signal or read the grader, unless the staff said `--isolation none`. `check` (public tests, the
 * student's own machine) always may.
 */
import type { IsolationReport } from '../results/types';
import type { IsolationMode } from '../runOptions';

/**
 * Why `mode` may not run in a host confined as `report` says, or undefined when it may.
 * `trusted`: the project's own fixture submissions (`rnn-lab verify`'s default set), never a student's.
 */
export function sandboxRefusal(
  mode: 'grade' | 'check',
  isolation: IsolationMode,
  report: IsolationReport,
  trusted = false,
): string | undefined {
  if (trusted || mode !== 'grade' || isolation === 'none' || report.separatedFromGrader !== false) return undefined;
  return `hidden grading needs a sandbox that keeps the submission away from the grader, and this machine has none (${report.notes.join('; ')}); install bubblewrap (Linux), run as root, or grade with --isolation none if you trust the submission`;
}
