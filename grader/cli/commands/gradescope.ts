/** `rnn-lab gradescope`: the run_autograder entry; grades /autograder/submission into /autograder/results. */
import * as path from 'path';
import type { Argv, CommandModule } from 'yargs';
import { withBackendOption, withConfigOption } from '../options';
import { gradingRunOptions } from './gradingOptions';

function builder(y: Argv) {
  return withConfigOption(withBackendOption(y)).option('root', {
    describe: 'the Gradescope autograder folder',
    type: 'string',
    default: '/autograder',
  });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const gradescopeCommand: CommandModule<object, Args> = {
  command: 'gradescope',
  describe: 'Grade ROOT/submission and write ROOT/results/results.json (for run_autograder)',
  builder,
  handler: async (argv) => {
    const { runGradeCommand } = await import('../../grading/gradeCommand');
    await runGradeCommand({
      run: gradingRunOptions('grade', path.join(argv.root, 'submission'), argv),
      out: path.join(argv.root, 'results'),
      configPath: argv.config,
    });
  },
};
