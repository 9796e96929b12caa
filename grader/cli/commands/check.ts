/** `rnn-lab check [path]`: the public checks on a student's working copy, through the grading pipeline. */
import * as path from 'path';
import type { Argv, CommandModule } from 'yargs';
import { isInstalledPackage, projectRoot } from '../../projectRoot';
import { withBackendOption } from '../options';
import { gradingRunOptions, withFailUnderOption, withFormatOption, withGradingOptions, withRequireGpuOption } from './gradingOptions';

function builder(y: Argv) {
  return withFailUnderOption(withRequireGpuOption(withFormatOption(withGradingOptions(withBackendOption(y)))))
    .positional('path', {
      describe: "the folder with your lab files (default: src/ in the handout, the project's stencil/ in the repository)",
      type: 'string',
    })
    .option('out', {
      describe:
        "folder for the results, outside the checked one (default: reports/check/ in the handout, the project's reports/out/check/ in the repository)",
      type: 'string',
    });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const checkCommand: CommandModule<object, Args> = {
  command: 'check [path]',
  describe: 'Run the public checks on your working copy (the hidden tests are not run)',
  builder,
  handler: async (argv) => {
    // In the repository the defaults belong to the project, not to the folder the command is typed
    // in (often stencil/ itself); in the handout (rnn-lab installed) they are the student's src/ and reports/check/.
    const installed = isInstalledPackage();
    const submission = argv.path ?? (installed ? 'src' : path.join(projectRoot(), 'stencil'));
    const out = argv.out ?? (installed ? path.join('reports', 'check') : path.join(projectRoot(), 'reports', 'out', 'check'));
    const { runGradeCommand } = await import('../../grading/gradeCommand');
    await runGradeCommand({
      run: gradingRunOptions('check', submission, argv),
      out,
      configPath: argv.config,
      formats: argv.format,
      failUnder: argv['fail-under'],
    });
  },
};
