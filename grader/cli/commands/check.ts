/** `rnn-lab check [path]`: the public checks on a student's working copy, through the grading pipeline. */
import type { Argv, CommandModule } from 'yargs';
import { withBackendOption } from '../options';
import { withFormatOption, withGradingOptions } from './gradingOptions';

function builder(y: Argv) {
  return withFormatOption(withGradingOptions(withBackendOption(y)))
    .positional('path', { describe: 'the folder with your lab files', type: 'string', default: 'stencil' })
    .option('out', { describe: 'folder for the results', type: 'string', default: 'reports/out/check' });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const checkCommand: CommandModule<object, Args> = {
  command: 'check [path]',
  describe: 'Run the public checks on your working copy (the hidden tests are not run)',
  builder,
  handler: async (argv) => {
    const { runGradeCommand } = await import('../../grading/gradeCommand');
    await runGradeCommand({ mode: 'check', submission: argv.path, out: argv.out, configPath: argv.config, backend: argv.backend, seed: argv.seed, isolation: argv.isolation, keepScratch: argv['keep-scratch'], formats: argv.format });
  },
};
