/** `rnn-lab demo`: a short end-to-end run on the embedded backend (train briefly, evaluate, sample). */
import type { Argv, CommandModule } from 'yargs';
import { withBackendOption } from '../options';

function builder(y: Argv) {
  return withBackendOption(y).option('steps', { describe: 'training batches', type: 'number', default: 150 });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const demoCommand: CommandModule<object, Args> = {
  command: 'demo',
  describe: 'Train the reference RNN briefly on the grading corpus, then print perplexity and a sample',
  builder,
  handler: async (argv) => {
    const { trainReference } = await import('../../training/trainReference');
    await trainReference({
      model: 'rnn',
      n: 3,
      corpus: 'grading',
      epochs: 1,
      maxSteps: argv.steps,
      batchSz: 64,
      learningRate: 0.005,
      embeddingSz: 64,
      hiddenSz: 128,
      windowSz: 20,
      seed: 0,
      sampleLength: 30,
      backend: argv.backend === 'auto' ? undefined : argv.backend,
      evaluateTest: false,
    });
  },
};
