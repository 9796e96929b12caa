/** `rnn-lab verify`: grade every fixture submission and compare with its recorded outcomes. */
import type { Argv, CommandModule } from 'yargs';
import { withBackendOption, withConfigOption } from '../options';
import { requestedBackend } from '../../runOptions';
import { ExitError, UsageError } from '../../errors';

function builder(y: Argv) {
  return withConfigOption(withBackendOption(y))
    .option('only', { describe: 'fixture names to verify (default: every fixture of the set)', type: 'array', string: true })
    .option('set', {
      describe: 'fixtures to verify: default (fixtures/submissions without a set), adversarial (hostile submissions; slow) or all',
      choices: ['default', 'adversarial', 'all'] as const,
      default: 'default' as const,
    })
    .option('record', {
      describe: 'write the observed outcomes into each fixture.json (review the diff before committing)',
      type: 'boolean',
      default: false,
    });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const verifyCommand: CommandModule<object, Args> = {
  command: 'verify',
  describe: 'Prove the grader: the solution earns full marks, the stencil none, and each fixture submission exactly its recorded outcome',
  builder,
  handler: async (argv) => {
    const { loadConfig } = await import('../../config/loadConfig');
    const { verifyFixtures } = await import('../../grading/verify');
    const loaded = loadConfig(argv.config);
    if (loaded.errors) throw new UsageError(`the assignment config is invalid:\n  ${loaded.errors.join('\n  ')}`);
    const verdicts = await verifyFixtures({
      config: loaded.config,
      only: argv.only,
      set: argv.set,
      backend: requestedBackend(argv.backend),
      record: argv.record,
    });
    if (verdicts.length === 0) throw new UsageError('no fixture submissions matched');
    const failed = verdicts.filter((v) => !v.ok);
    console.log(`verify: ${verdicts.length - failed.length} passed, ${failed.length} failed`);
    if (failed.length > 0)
      throw new ExitError(
        `${failed.length} fixture submission(s) did not get their recorded outcome: ${failed.map((f) => f.fixture).join(', ')}`,
      );
  },
};
