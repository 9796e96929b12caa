/**
 * `npm run bench:train`: training throughput of the reference RNN (V=5000, E=64, H=128, window
 * 20, batch 64) on every backend available here, each figure printed with its target and as one
 * JSON line (prefixed "BENCH ") for comparison with earlier runs.
 */
import { initRuntime, BACKEND_NAMES, type BackendName } from '../runtime/backend';
import { benchRnnTraining, type RnnBenchConfig } from './rnnStepBench';

const REFERENCE: RnnBenchConfig = { vocabSz: 5000, embeddingSz: 64, hiddenSz: 128, windowSz: 20, batchSz: 64 };

/** Minimum tokens/s per backend (issue: the embedded wasm backend must reach 2,000). */
const TARGET_TOKENS_PER_SECOND: Partial<Record<BackendName, number>> = { wasm: 2000 };

function parseArgs(argv: string[]): { backends: BackendName[]; seconds: number } {
  let backends: BackendName[] = [...BACKEND_NAMES];
  let seconds = 10;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--backend') backends = argv[++i].split(',') as BackendName[];
    else if (argv[i] === '--seconds') seconds = Number(argv[++i]);
    else if (argv[i] === '--help') {
      console.log('usage: npm run bench:train -- [--backend wasm,cpu,tensorflow] [--seconds 10]');
      process.exit(0);
    }
  }
  return { backends, seconds };
}

async function main(): Promise<void> {
  const { backends, seconds } = parseArgs(process.argv.slice(2));
  const cfg = REFERENCE;
  console.log(`reference RNN: V=${cfg.vocabSz} E=${cfg.embeddingSz} H=${cfg.hiddenSz} window ${cfg.windowSz} batch ${cfg.batchSz}; about ${seconds} s per backend`);
  let missedTarget = false;
  for (const backend of backends) {
    let info;
    try {
      info = await initRuntime(backend);
    } catch (err) {
      console.log(`${backend.padEnd(10)} not available: ${(err as Error).message}`);
      continue;
    }
    const r = await benchRnnTraining(cfg, seconds);
    const target = TARGET_TOKENS_PER_SECOND[backend];
    const verdict = target === undefined ? '(no target)' : r.tokensPerSecond >= target ? `target >= ${target}: met` : `target >= ${target}: MISSED`;
    if (target !== undefined && r.tokensPerSecond < target) missedTarget = true;
    console.log(
      `${backend.padEnd(10)} ${Math.round(r.tokensPerSecond).toLocaleString('en-US').padStart(7)} tokens/s  ${r.gflopsPerSecond.toFixed(2).padStart(6)} GFLOP/s  ` +
        `${verdict}  [${r.steps} steps in ${r.seconds.toFixed(1)} s, ${info.device}; kernel fixes: ${info.kernelFixes.join(', ') || 'none'}]`,
    );
    console.log(
      'BENCH ' +
        JSON.stringify({ bench: 'rnn-train-step', date: new Date().toISOString(), backend, device: info.device, kernelFixes: info.kernelFixes, ...cfg, ...r, targetTokensPerSecond: target ?? null }),
    );
    if (r.leakedTensors !== 0) console.log(`  warning: ${r.leakedTensors} tensors leaked during the run`);
  }
  process.exitCode = missedTarget ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 70;
});
