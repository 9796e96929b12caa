/** Option groups shared by several commands. */
import type { Argv } from 'yargs';

export function withBackendOption<T>(y: Argv<T>) {
  return y.option('backend', {
    describe: 'TensorFlow.js backend (default: RNN_LAB_BACKEND, else the fastest available)',
    choices: ['auto', 'tensorflow', 'wasm', 'cpu'] as const,
    default: 'auto' as const,
  });
}

export function withConfigOption<T>(y: Argv<T>) {
  return y.option('config', { describe: 'assignment config (JSON); default: grader/config/assignment.json', type: 'string' });
}
