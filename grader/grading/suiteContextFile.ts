/** The hand-over from the grader to the hidden suites: one JSON file named in RNN_LAB_SUITE_CONTEXT. */
import type { AssignmentConfig } from '../config/assignmentConfig';
import type { HostRunOptions } from '../runOptions';

export const SUITE_CONTEXT_ENV = 'RNN_LAB_SUITE_CONTEXT';

/** The run's backend and isolation (grader/runOptions.ts) travel as they are, for the suites' hosts. */
export interface SuiteContextFile extends HostRunOptions {
  projectRoot: string;
  labDir: string;
  scratchDir: string;
  config: AssignmentConfig;
  /** JSON-lines file the graded tests append their outcomes to. */
  outcomesPath: string;
  /** JSON-lines file the suites append host facts to (backend, device, isolation, start times). */
  hostInfoPath: string;
  /** Test ids to run (others are not registered, e.g. `check` runs the public ones). */
  testIds: string[];
}
