/** `rnn-lab calibrate`: propose (or write) the training tests' perplexity bars. */
import * as fs from 'fs';
import type { Argv, CommandModule } from 'yargs';
import { requestedBackend, withBackendOption, withConfigOption } from '../options';
import { UsageError } from '../errors';

function builder(y: Argv) {
  return withConfigOption(withBackendOption(y))
    .option('seeds', { describe: 'how many seeds per initialisation scheme', type: 'number', default: 3 })
    .option('margin', { describe: 'threshold = worst perplexity seen * (1 + margin)', type: 'number', default: 0.25 })
    .option('write', { describe: 'write the proposed bars into the config file', type: 'boolean', default: false });
}

type Args = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export const calibrateCommand: CommandModule<object, Args> = {
  command: 'calibrate',
  describe: 'Train the reference across seeds and initialisations on the configured budget and propose perplexity bars',
  builder,
  handler: async (argv) => {
    if (!Number.isInteger(argv.seeds) || argv.seeds < 1) throw new UsageError(`--seeds must be a positive integer, got ${argv.seeds}`);
    if (!(argv.margin >= 0)) throw new UsageError(`--margin must be >= 0, got ${argv.margin}`);
    const { DEFAULT_CONFIG_PATH, loadConfig } = await import('../../config/loadConfig');
    const { calibrate } = await import('../../calibration/calibrate');
    const file = argv.config ?? DEFAULT_CONFIG_PATH;
    const loaded = loadConfig(file);
    if (loaded.errors) throw new UsageError(`the assignment config is invalid:\n  ${loaded.errors.join('\n  ')}`);
    const seeds = Array.from({ length: argv.seeds }, (_, i) => i + 1);
    const result = await calibrate(loaded.config, seeds, argv.margin, (line) => console.log(line), requestedBackend(argv.backend));
    for (const model of ['ngram', 'rnn'] as const) {
      const s = result.spread[model];
      const p = result.proposed[model];
      const now = loaded.config.training[model];
      console.log(`${model.padEnd(6)} perplexity min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)}, mean ${s.mean.toFixed(1)}, sd ${s.sd.toFixed(1)} over ${result.rows.length} runs -> threshold ${p.threshold} (margin ${Math.round(argv.margin * 100)}% over the worst), implausible below ${p.implausibleBelow}; config has ${now.threshold} / ${now.implausibleBelow}`);
    }
    if (argv.write) {
      const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const model of ['ngram', 'rnn'] as const) Object.assign(raw.training[model], result.proposed[model]);
      fs.writeFileSync(file, `${JSON.stringify(raw, null, 2)}\n`);
      console.log(`wrote the bars into ${file}`);
    }
  },
};
