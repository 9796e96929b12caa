/** `rnn-lab demo`: grade the reference solution and one buggy submission on the embedded backend. */
import type { Argv, CommandModule } from 'yargs';

function builder(y: Argv) {
  return y.option('backend', { describe: 'TensorFlow.js backend for the demo', choices: ['tensorflow', 'wasm', 'cpu'] as const, default: 'wasm' as const });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const demoCommand: CommandModule<object, Args> = {
  command: 'demo',
  describe: 'Grade the reference solution and a buggy fixture submission on the embedded backend; results go to reports/out/demo/',
  builder,
  handler: async (argv) => {
    const { runDemo } = await import('../../grading/demo');
    await runDemo(argv.backend);
  },
};
