/** `rnn-lab train`: trains the reference model on the Brown corpus with a progress bar. */
import type { Argv, CommandModule } from 'yargs';
import { withBackendOption } from '../options';
import { requestedBackend } from '../../runOptions';
import { UsageError } from '../../errors';

function builder(y: Argv) {
  return withBackendOption(y)
    .option('model', { describe: 'which reference model to train', choices: ['rnn', 'ngram'] as const, default: 'rnn' as const })
    .option('n', { describe: 'order of the N-gram model (n-1 context words)', type: 'number', default: 3 })
    .option('corpus', {
      describe: 'brown: Bengio et al. splits; grading: the small corpus of the grader',
      choices: ['brown', 'grading'] as const,
      default: 'brown' as const,
    })
    .option('epochs', { describe: 'passes over the training split', type: 'number', default: 1 })
    .option('max-steps', { describe: 'stop each epoch after this many batches (0: no limit)', type: 'number', default: 0 })
    .option('batch-size', { describe: 'examples (RNN: windows) per batch', type: 'number', default: 64 })
    .option('learning-rate', { describe: 'Adam learning rate', type: 'number', default: 0.002 })
    .option('embedding-size', { describe: 'E', type: 'number', default: 64 })
    .option('hidden-size', { describe: 'H (RNN only)', type: 'number', default: 128 })
    .option('window', { describe: 'RNN window length (tokens per window)', type: 'number', default: 20 })
    .option('seed', { describe: 'seed for initialisation and shuffling', type: 'number', default: 0 })
    .option('sample-length', { describe: 'tokens of generated text to print at the end', type: 'number', default: 40 })
    .option('json', { describe: 'also write a JSON summary to this file', type: 'string' })
    .check((argv) => {
      for (const key of ['n', 'epochs', 'batch-size', 'embedding-size', 'hidden-size', 'window'] as const) {
        if (!Number.isInteger(argv[key]) || (argv[key] as number) < 1)
          throw new UsageError(`--${key} must be a positive integer, got ${argv[key]}`);
      }
      if (argv.n < 2) throw new UsageError(`--n must be at least 2, got ${argv.n}`);
      if (!(argv['learning-rate'] > 0)) throw new UsageError(`--learning-rate must be > 0, got ${argv['learning-rate']}`);
      if (!Number.isInteger(argv['max-steps']) || argv['max-steps'] < 0)
        throw new UsageError(`--max-steps must be an integer >= 0, got ${argv['max-steps']}`);
      return true;
    });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const trainCommand: CommandModule<object, Args> = {
  command: 'train',
  describe: 'Train the reference RNN or N-gram model; print validation perplexity per epoch, test perplexity and a sample',
  builder,
  handler: async (argv) => {
    const { trainReference } = await import('../../training/trainReference');
    await trainReference({
      model: argv.model,
      n: argv.n,
      corpus: argv.corpus,
      epochs: argv.epochs,
      maxSteps: argv['max-steps'],
      batchSz: argv['batch-size'],
      learningRate: argv['learning-rate'],
      embeddingSz: argv['embedding-size'],
      hiddenSz: argv['hidden-size'],
      windowSz: argv.window,
      seed: argv.seed,
      sampleLength: argv['sample-length'],
      backend: requestedBackend(argv.backend),
      jsonOut: argv.json,
    });
  },
};
