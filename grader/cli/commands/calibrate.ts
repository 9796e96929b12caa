/** `rnn-lab calibrate`: propose (or write) the training tests' perplexity bars. */
import * as fs from 'fs';
import type { Argv, CommandModule } from 'yargs';
import { withBackendOption, withConfigOption } from '../options';
import { requestedBackend } from '../../runOptions';
import { ExitError, UsageError } from '../../errors';

function builder(y: Argv) {
  return withConfigOption(withBackendOption(y))
    .option('seeds', { describe: 'how many seeds per initialisation scheme', type: 'number', default: 3 })
    .option('write', { describe: 'write the proposed bars into the config file', type: 'boolean', default: false })
    .example('$0 calibrate', 'train 3 init schemes x 3 seeds and print the table (a few minutes)')
    .example('$0 calibrate --seeds 5 --write', 'more seeds, then put the bars into the config');
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const calibrateCommand: CommandModule<object, Args> = {
  command: 'calibrate',
  describe:
    'Train the reference across seeds and initialisations on the configured budget, compare with unigram and bigram counts, and propose perplexity bars',
  builder,
  handler: async (argv) => {
    if (!Number.isInteger(argv.seeds) || argv.seeds < 1) throw new UsageError(`--seeds must be a positive integer, got ${argv.seeds}`);
    const { DEFAULT_CONFIG_PATH, loadConfig } = await import('../../config/loadConfig');
    const { calibrate } = await import('../../calibration/calibrate');
    const { formatCalibration } = await import('../../calibration/formatCalibration');
    const file = argv.config ?? DEFAULT_CONFIG_PATH;
    const loaded = loadConfig(file);
    if (loaded.errors) throw new UsageError(`the assignment config is invalid:\n  ${loaded.errors.join('\n  ')}`);
    // From the config's own seed up, so the seed that grades is among those calibrated on.
    const seeds = Array.from({ length: argv.seeds }, (_, i) => loaded.config.seed + i);
    const result = await calibrate(loaded.config, seeds, (line) => console.log(line), requestedBackend(argv.backend));
    for (const line of formatCalibration(result, loaded.config.training)) console.log(line);
    const tooSmall = (['ngram', 'rnn'] as const).filter((m) => !result.proposed[m].budgetOk);
    if (tooSmall.length > 0)
      throw new ExitError(`the training budget of ${tooSmall.join(' and ')} is too small to tell learning from counting; nothing written`);
    if (argv.write) {
      const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const model of ['ngram', 'rnn'] as const)
        Object.assign(raw.training[model], {
          threshold: result.proposed[model].threshold,
          implausibleBelow: result.proposed[model].implausibleBelow,
        });
      fs.writeFileSync(file, `${JSON.stringify(raw, null, 2)}\n`);
      console.log(`wrote the bars into ${file}`);
    }
  },
};
