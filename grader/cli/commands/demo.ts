/** `rnn-lab demo`: grade the reference solution and one buggy submission. */
import type { Argv, CommandModule } from 'yargs';
import { withBackendOption } from '../options';
import { requestedBackend } from '../../runOptions';

function builder(y: Argv) {
  return withBackendOption(y);
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const demoCommand: CommandModule<object, Args> = {
  command: 'demo',
  describe:
    'Grade the reference solution and a buggy fixture submission (on the embedded wasm backend unless tfjs-node is installed); results go to reports/out/demo/',
  builder,
  handler: async (argv) => {
    const { runDemo } = await import('../../grading/demo');
    await runDemo(requestedBackend(argv.backend));
  },
};
