/** The hand-over from the grader to the hidden suites: one JSON file named in RNN_LAB_SUITE_CONTEXT. */
import type { IsolationMode } from '../sandbox/client/isolation';
import type { AssignmentConfig } from '../config/assignmentConfig';

export const SUITE_CONTEXT_ENV = 'RNN_LAB_SUITE_CONTEXT';

export interface SuiteContextFile {
  projectRoot: string;
  labDir: string;
  scratchDir: string;
  backend?: string;
  isolation: IsolationMode;
  config: AssignmentConfig;
  /** JSON-lines file the graded tests append their outcomes to. */
  outcomesPath: string;
  /** JSON-lines file the suites append host facts to (backend, device, isolation, start times). */
  hostInfoPath: string;
  /** Test ids to run (others are not registered, e.g. `check` runs the public ones). */
  testIds: string[];
}
