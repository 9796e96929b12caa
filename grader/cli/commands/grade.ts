/** `rnn-lab grade <submission>`: grades a folder or .zip and writes results.json. */
import type { Argv, CommandModule } from 'yargs';
import { withBackendOption } from '../options';
import { UsageError } from '../../errors';
import { gradingRunOptions, withFailUnderOption, withFormatOption, withGradingOptions, withRequireGpuOption } from './gradingOptions';

function builder(y: Argv) {
  return withFailUnderOption(withRequireGpuOption(withFormatOption(withGradingOptions(withBackendOption(y)))))
    .positional('submission', { describe: 'folder or .zip with the lab files', type: 'string' })
    .option('out', { describe: 'folder for results.json (and the other formats)', type: 'string', default: 'reports/out/grade' });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

/** What `grade` says when it is not told what to grade. */
export const MISSING_SUBMISSION =
  'grade needs the submission to grade: a folder or a .zip with the lab files, for example\n  npx rnn-lab grade path/to/submission --out reports/out/alice\n  npx rnn-lab grade alice.zip';

export const gradeCommand: CommandModule<object, Args> = {
  // Optional for yargs, so that a missing path gets the message above instead of yargs' own.
  command: 'grade [submission]',
  describe: 'Grade a submission with every hidden suite; writes OUT/results.json (Gradescope format) and prints a summary',
  builder,
  handler: async (argv) => {
    if (argv.submission === undefined || argv.submission === '') throw new UsageError(MISSING_SUBMISSION);
    const { runGradeCommand } = await import('../../grading/gradeCommand');
    await runGradeCommand({
      run: gradingRunOptions('grade', argv.submission, argv),
      out: argv.out,
      configPath: argv.config,
      formats: argv.format,
      failUnder: argv['fail-under'],
    });
  },
};
