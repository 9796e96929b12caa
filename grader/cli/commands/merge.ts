/** `rnn-lab merge DIR... --out DIR`: one gradebook and summary from the outputs of batch shards. */
import type { Argv, CommandModule } from 'yargs';

function builder(y: Argv) {
  return y
    .positional('dirs', { describe: 'output folders of rnn-lab batch (normally --shard runs)', type: 'string', array: true })
    .option('out', { describe: 'folder for the merged gradebook, summary and submissions', type: 'string', demandOption: true })
    .option('force', { describe: "write into a folder that holds another batch's results", type: 'boolean', default: false });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const mergeCommand: CommandModule<object, Args> = {
  command: 'merge [dirs..]',
  describe: 'Merge the outputs of batch shards into one gradebook and summary (refuses different config or suites hashes)',
  builder,
  handler: async (argv) => {
    const { runMergeCommand } = await import('../../batch/batchCommand');
    runMergeCommand((argv.dirs ?? []).map(String), argv.out, argv.force);
  },
};
