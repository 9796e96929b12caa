/** Options shared by the commands that grade (grade, check, verify, batch). */
import type { Argv } from 'yargs';

export function withGradingOptions<T>(y: Argv<T>) {
  return y
    .option('config', { describe: 'assignment config (JSON); default: grader/config/assignment.json', type: 'string' })
    .option('seed', { describe: 'seed for the training tests (default: the config\'s)', type: 'number' })
    .option('isolation', { describe: 'how to confine the submission: auto (all this machine supports) or none (debugging)', choices: ['auto', 'none'] as const, default: 'auto' as const })
    .option('keep-scratch', { describe: 'keep the staged and compiled files for debugging', type: 'boolean', default: false });
}
