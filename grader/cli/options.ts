/** Option groups shared by several commands. */
import type { Argv } from 'yargs';
import { BACKEND_CHOICES } from '../runtime/backendNames';

export function withBackendOption<T>(y: Argv<T>) {
  return y.option('backend', {
    describe: 'TensorFlow.js backend (auto: RNN_LAB_BACKEND if set, else the fastest available)',
    choices: BACKEND_CHOICES,
    default: 'auto' as const,
  });
}

export function withConfigOption<T>(y: Argv<T>) {
  return y.option('config', { describe: 'assignment config (JSON); default: grader/config/assignment.json', type: 'string' });
}
