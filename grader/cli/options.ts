/** Option groups shared by several commands. */
import type { Argv } from 'yargs';
import { BACKEND_CHOICES, BACKEND_CHOICES_TEXT, backendNameOf, type BackendName } from '../runtime/backendNames';
import { UsageError } from './errors';

export function withBackendOption<T>(y: Argv<T>) {
  return y.option('backend', {
    describe: 'TensorFlow.js backend (auto: RNN_LAB_BACKEND if set, else the fastest available)',
    choices: BACKEND_CHOICES,
    default: 'auto' as const,
  });
}

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

export function withConfigOption<T>(y: Argv<T>) {
  return y.option('config', { describe: 'assignment config (JSON); default: grader/config/assignment.json', type: 'string' });
}
