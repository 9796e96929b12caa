/** `rnn-lab batch <input>`: grades a class (a folder or zip of submissions, or Gradescope's export). */
import type { Argv, CommandModule } from 'yargs';
import { withBackendOption } from '../options';
import { UsageError } from '../../errors';
import { withFormatOption, withGradingOptions } from './gradingOptions';

function builder(y: Argv) {
  return withFormatOption(withGradingOptions(withBackendOption(y)))
    .positional('input', {
      describe: 'folder of submission folders and .zip files, Gradescope\'s "Export Submissions" folder, or a zip of either',
      type: 'string',
    })
    .option('out', {
      describe: 'output folder: per submission results.json and reports, grades.csv, summary.json, summary.html',
      type: 'string',
      default: 'reports/out/batch',
    })
    .option('jobs', { describe: 'submissions graded at once (default: the number of cores; 1 per task with --emit-slurm)', type: 'number' })
    .option('shard', { describe: 'grade only slice i of n (1-based, e.g. 2/4); merge the slices with rnn-lab merge', type: 'string' })
    .option('force', {
      describe: "regrade submissions already graded, and write into another batch's output folder",
      type: 'boolean',
      default: false,
    })
    .option('emit-slurm', {
      describe: 'write a Slurm job-array script (one shard per task, then the merge) to this file instead of grading',
      type: 'string',
    })
    .option('shards', { describe: 'with --emit-slurm: number of array tasks (default: one per 10 submissions)', type: 'number' })
    .option('gpu', { describe: 'with --emit-slurm: ask for one GPU per task (--gres=gpu:1)', type: 'boolean', default: false })
    .option('partition', { describe: 'with --emit-slurm: the Slurm partition', type: 'string' });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const batchCommand: CommandModule<object, Args> = {
  command: 'batch [input]',
  describe: 'Grade a whole class N at a time (resumable); writes a gradebook (grades.csv) and a summary with item analysis',
  builder,
  handler: async (argv) => {
    if (!argv.input)
      throw new UsageError(
        'batch needs the submissions to grade, for example\n  npx rnn-lab batch submissions/ --out reports/run1 --jobs 2',
      );
    const { runBatchCommand } = await import('../../batch/batchCommand');
    await runBatchCommand({
      input: argv.input,
      out: argv.out,
      jobs: argv.jobs,
      shard: argv.shard,
      force: argv.force,
      configPath: argv.config,
      seed: argv.seed,
      backend: argv.backend,
      isolation: argv.isolation,
      formats: argv.format,
      emitSlurm: argv['emit-slurm'],
      shards: argv.shards,
      gpu: argv.gpu,
      partition: argv.partition,
    });
  },
};
