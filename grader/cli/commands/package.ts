/** `rnn-lab package handout|gradescope --out DIR`: what students get, and Gradescope's autograder.zip. */
import * as path from 'path';
import type { Argv, CommandModule } from 'yargs';
import { ExitError } from '../../errors';
import { projectRoot } from '../../projectRoot';

function builder(y: Argv) {
  return y
    .positional('what', {
      describe: 'handout (for students) or gradescope (autograder.zip, for staff)',
      choices: ['handout', 'gradescope'] as const,
      demandOption: true,
    })
    .option('out', { describe: 'a new or empty folder for the result', type: 'string', demandOption: true })
    .option('grading-backend', {
      describe: 'gradescope: the backend the autograder grades on (the goldens and bars were calibrated on wasm)',
      choices: ['wasm', 'tensorflow', 'cpu'] as const,
      default: 'wasm' as const,
    });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const packageCommand: CommandModule<object, Args> = {
  command: 'package <what>',
  describe: 'Build the student handout or the Gradescope autograder.zip (maintainers, in the full repository)',
  builder,
  handler: async (argv) => {
    const out = path.resolve(argv.out);
    const { buildPackage, describePackage } = await import('../../packaging/buildPackage');
    const result = buildPackage(argv.what, out, projectRoot(), argv['grading-backend']);
    for (const line of describePackage(result)) process.stdout.write(`${line}\n`);
    if (result.leaks.length > 0)
      throw new ExitError(
        `the ${argv.what} package leaks ${result.leaks.length} hidden item(s) (listed above); nothing in ${out} may be given out`,
      );
  },
};
