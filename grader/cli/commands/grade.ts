/** `rnn-lab grade <submission>`: grades a folder or .zip and writes results.json. */
import type { Argv, CommandModule } from 'yargs';
import { withBackendOption } from '../options';
import { withFormatOption, withGradingOptions } from './gradingOptions';

function builder(y: Argv) {
  return withFormatOption(withGradingOptions(withBackendOption(y)))
    .positional('submission', { describe: 'folder or .zip with the lab files', type: 'string', demandOption: true })
    .option('out', { describe: 'folder for results.json (and the other formats)', type: 'string', default: 'reports/out/grade' });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const gradeCommand: CommandModule<object, Args> = {
  command: 'grade <submission>',
  describe: 'Grade a submission with every hidden suite; writes OUT/results.json (Gradescope format) and prints a summary',
  builder,
  handler: async (argv) => {
    const { runGradeCommand } = await import('../../grading/gradeCommand');
    await runGradeCommand({ mode: 'grade', submission: argv.submission, out: argv.out, configPath: argv.config, backend: argv.backend, seed: argv.seed, isolation: argv.isolation, keepScratch: argv['keep-scratch'], formats: argv.format });
  },
};
