/** `rnn-lab check [path]`: the public checks on a student's working copy, through the grading pipeline. */
import * as path from 'path';
import type { Argv, CommandModule } from 'yargs';
import { projectRoot } from '../../projectRoot';
import { withBackendOption } from '../options';
import { withFailUnderOption, withFormatOption, withGradingOptions } from './gradingOptions';

function builder(y: Argv) {
  return withFailUnderOption(withFormatOption(withGradingOptions(withBackendOption(y))))
    .positional('path', { describe: 'the folder with your lab files (default: the project\'s stencil/)', type: 'string' })
    .option('out', { describe: 'folder for the results, outside the checked one (default: the project\'s reports/out/check/)', type: 'string' });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const checkCommand: CommandModule<object, Args> = {
  command: 'check [path]',
  describe: 'Run the public checks on your working copy (the hidden tests are not run)',
  builder,
  handler: async (argv) => {
    // Defaults belong to the project, not to the folder the command is typed in (often stencil/ itself).
    const submission = argv.path ?? path.join(projectRoot(), 'stencil');
    const out = argv.out ?? path.join(projectRoot(), 'reports', 'out', 'check');
    const { runGradeCommand } = await import('../../grading/gradeCommand');
    await runGradeCommand({ mode: 'check', submission, out, configPath: argv.config, backend: argv.backend, seed: argv.seed, isolation: argv.isolation, keepScratch: argv['keep-scratch'], formats: argv.format, failUnder: argv['fail-under'] });
  },
};
