/**
 * The rnn-lab command line: a yargs command table. Command modules are thin and import their work
 * lazily, so `rnn-lab --help` never loads TensorFlow.js.
 */
import yargs from 'yargs';
import { EXIT, ExitError, UsageError } from '../errors';
import { corpusCommand } from './commands/corpus';
import { trainCommand } from './commands/train';
import { demoCommand } from './commands/demo';
import { gradeCommand } from './commands/grade';
import { checkCommand } from './commands/check';
import { verifyCommand } from './commands/verify';
import { calibrateCommand } from './commands/calibrate';
import { gradescopeCommand } from './commands/gradescope';
import { batchCommand } from './commands/batch';
import { mergeCommand } from './commands/merge';
import { packageCommand } from './commands/package';

/** Builds the parser (exported so tests can inspect the command table without running it). */
export function buildCli(argv: string[]) {
  return yargs(argv)
    .scriptName('rnn-lab')
    .usage('$0 <command> [options]\n\nAutograder and harness for the RNN / N-gram language-model lab.')
    .command(gradeCommand)
    .command(checkCommand)
    .command(verifyCommand)
    .command(calibrateCommand)
    .command(gradescopeCommand)
    .command(batchCommand)
    .command(mergeCommand)
    .command(packageCommand)
    .command(trainCommand)
    .command(corpusCommand)
    .command(demoCommand)
    .demandCommand(1, 'Name a command (see the list above).')
    .strict()
    .recommendCommands()
    .epilogue('Backends: tfjs-node-gpu, tfjs-node, wasm (embedded default), cpu; RNN_LAB_BACKEND or --backend picks one.')
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 80))
    .fail((message, err) => {
      if (err) throw err;
      throw new UsageError(`${message}\nRun rnn-lab --help for usage.`);
    });
}

/** Runs the CLI; the only place that turns errors into exit codes and messages, and that ends the process. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli(argv).parseAsync();
  } catch (err) {
    if (err instanceof UsageError || err instanceof ExitError) {
      if (err.message.trim() !== '') process.stderr.write(`rnn-lab: ${err.message.trim()}\n`);
      // Work the command left running (suites cut off at their deadline) must not keep the process alive.
      if (err instanceof ExitError && err.endProcess) process.exit(err.exitCode);
      process.exitCode = err.exitCode;
      return;
    }
    // Asked for a backend this machine does not have (train, calibrate, bench): the user's to fix.
    if ((err as Error)?.name === 'BackendUnavailableError') {
      process.stderr.write(
        `rnn-lab: ${(err as Error).message}\nChoose another backend with --backend or RNN_LAB_BACKEND (tensorflow, webgpu, wasm, cpu or auto).\n`,
      );
      process.exitCode = EXIT.usage;
      return;
    }
    process.stderr.write(`rnn-lab: internal error (a bug in rnn-lab, please report it):\n${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = EXIT.internal;
  }
}
