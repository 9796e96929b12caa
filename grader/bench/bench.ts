/**
 * `npm run bench`: training throughput of the reference RNN and trigram models for several
 * vocabulary sizes on each backend available: tokens/s (wall clock and per CPU second), achieved
 * GFLOP/s of the matrix products, peak memory, and each kernel's share of the step time
 * (tf.profile). One "BENCH {...}" JSON line per model, vocabulary size and backend, so a change can
 * be compared with an earlier run (`--baseline FILE` prints the ratios). Each figure runs in a
 * fresh process, so its memory figures are its own (the wasm heap never shrinks).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as tf from '@tensorflow/tfjs';
import { initRuntime, kernelThreadsInUse, BACKEND_NAMES, type BackendName } from '../runtime/backend';
import { coreCount, kernelThreads } from '../runtime/kernels/kernelThreads';
import { findTorchPython, runPeer, type PeerResult } from './peerBench';
import { kernelFixNames, registerKernelFixes, removeKernelFixes } from '../runtime/kernels/registerKernelFixes';
import { benchTraining, MODEL_NAMES, type ModelBenchConfig, type ModelName } from './modelBench';
import { profileTraining, type ProfileClock } from './kernelProfile';

const USAGE = `usage: npm run bench -- [options]
  --models rnn,trigram        models (default both)
  --vocab 1000,5000,20000     vocabulary sizes (default these three)
  --backends wasm,cpu,...     backends (default every one available; cpu only at the smallest V
                              unless --cpu-all-vocab: its JavaScript kernels take seconds per step)
  --seconds 3                 timed seconds per figure (default 3; at least 2 steps)
  --profile-steps 2           steps profiled per figure (0: no profile)
  --top 8                     kernels listed per profile (the rest folded into "(other)")
  --clock cpu|wall            profile clock (default cpu: robust when other jobs share the machine)
  --fixes all|basic|none|K,K  kernel fixes in force (default all; basic: UnsortedSegmentSum,
                              BatchMatMul, _FusedMatMul in today's versions; none: wasm cannot
                              train an embedding without UnsortedSegmentSum). For the code
                              before a change, run an older checkout with the same options.
  --baseline FILE             earlier output: print each figure's ratio to the matching line
  --cpu-all-vocab             run the cpu backend at every vocabulary size
  --threads 1,N               wasm kernel thread counts, one figure each (default 1 and
                              RNN_LAB_THREADS or the cores); other backends run once
  --no-peer                   skip the PyTorch peer (run where python3 imports torch: the same
                              models at 1 thread and at every core, with ours / theirs)`;

export const BASIC_FIXES = ['UnsortedSegmentSum', 'BatchMatMul', '_FusedMatMul'];

interface Options {
  models: ModelName[];
  vocab: number[];
  backends: BackendName[];
  seconds: number;
  profileSteps: number;
  top: number;
  clock: ProfileClock;
  fixes: string;
  baseline?: string;
  cpuAllVocab: boolean;
  threads: number[];
  peer: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    models: [...MODEL_NAMES],
    vocab: [1000, 5000, 20000],
    backends: [...BACKEND_NAMES],
    seconds: 3,
    profileSteps: 2,
    top: 8,
    clock: 'cpu',
    fixes: 'all',
    cpuAllVocab: false,
    threads: [...new Set([1, kernelThreads()])],
    peer: true,
  };
  const list = (v: string): string[] => v.split(',').filter((s) => s.length > 0);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--models') o.models = list(value()) as ModelName[];
    else if (arg === '--vocab') o.vocab = list(value()).map(Number);
    else if (arg === '--backends' || arg === '--backend') o.backends = list(value()) as BackendName[];
    else if (arg === '--seconds') o.seconds = Number(value());
    else if (arg === '--profile-steps') o.profileSteps = Number(value());
    else if (arg === '--top') o.top = Number(value());
    else if (arg === '--clock') o.clock = value() as ProfileClock;
    else if (arg === '--fixes') o.fixes = value();
    else if (arg === '--baseline') o.baseline = value();
    else if (arg === '--cpu-all-vocab') o.cpuAllVocab = true;
    else if (arg === '--threads') o.threads = [...new Set(list(value()).map(Number))];
    else if (arg === '--no-peer') o.peer = false;
    else if (arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (o.models.some((m) => !(MODEL_NAMES as readonly string[]).includes(m)))
    throw new Error(`--models: expected ${MODEL_NAMES.join(', ')}`);
  if (o.vocab.some((v) => !Number.isInteger(v) || v < 2)) throw new Error('--vocab: expected integers >= 2');
  if (!(o.seconds > 0) || !(o.profileSteps >= 0) || !(o.top >= 1))
    throw new Error('--seconds, --profile-steps, --top: expected positive numbers');
  if (o.clock !== 'cpu' && o.clock !== 'wall') throw new Error('--clock: expected cpu or wall');
  if (o.threads.length === 0 || o.threads.some((t) => !Number.isInteger(t) || t < 1))
    throw new Error('--threads: expected positive integers');
  return o;
}

/** Applies --fixes on `backend`; returns the kernel fixes now in force. */
function applyFixes(backend: BackendName, fixes: string): string[] {
  removeKernelFixes(backend);
  if (fixes === 'none') return [];
  const all = kernelFixNames(backend);
  const only = fixes === 'all' ? all : fixes === 'basic' ? BASIC_FIXES : fixes.split(',');
  return registerKernelFixes(backend, only);
}

/** BENCH lines of an earlier run, keyed by model/V/backend/fixes. */
function readBaseline(file: string): Map<string, { tokensPerSecond: number; tokensPerCpuSecond: number }> {
  const map = new Map<string, { tokensPerSecond: number; tokensPerCpuSecond: number }>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('BENCH {');
    if (at < 0) continue;
    try {
      const r = JSON.parse(line.slice(at + 6));
      if (r.bench === 'train-step') map.set(keyOf(r), r);
    } catch {
      // not one of ours: skip
    }
  }
  return map;
}

function keyOf(r: { model: string; vocabSz: number; backend: string; fixes: string; threads?: number | null }): string {
  return `${r.model}/${r.vocabSz}/${r.backend}/${r.fixes}/${r.threads ?? 1}`;
}

const MB = 1024 * 1024;

/** One figure, in this process: prints its lines (the last one "BENCH {...}"). */
async function runFigure(o: Options, backend: BackendName, cfg: ModelBenchConfig): Promise<void> {
  const info = await initRuntime(backend);
  const fixes = applyFixes(backend, o.fixes);
  const loadBefore = os.loadavg()[0];
  const r = await benchTraining(cfg, backend === 'cpu' ? Math.min(o.seconds, 2) : o.seconds);
  const profile = o.profileSteps > 0 ? await profileTraining(cfg, backend === 'cpu' ? 1 : o.profileSteps, o.top, o.clock) : undefined;
  const line = {
    bench: 'train-step',
    date: new Date().toISOString(),
    ...cfg,
    backend,
    device: info.device,
    /** Threads the project's kernels ran with (null: libtensorflow's own). */
    threads: kernelThreadsInUse(),
    fixes: o.fixes,
    kernelFixes: fixes,
    tfjs: tf.version.tfjs,
    node: process.version,
    loadAverage: Number(((loadBefore + os.loadavg()[0]) / 2).toFixed(2)),
    ...r,
    /** Peak resident set of this process (one figure per process), from getrusage. */
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    profile,
  };
  console.log(
    `${backend.padEnd(5)} ${cfg.model.padEnd(8)} V=${String(cfg.vocabSz).padEnd(6)} ${threadsText(line.threads).padEnd(10)} ${Math.round(r.tokensPerSecond).toLocaleString('en-US').padStart(7)} tokens/s ` +
      `(${Math.round(r.tokensPerCpuSecond).toLocaleString('en-US')} per CPU s) ${r.gflopsPerSecond.toFixed(1).padStart(5)} GFLOP/s  ` +
      `max RSS ${(line.maxRssBytes / MB).toFixed(0)} MB` +
      (r.wasmHeapBytes !== null ? `, wasm heap ${(r.wasmHeapBytes / MB).toFixed(0)} MB` : '') +
      (profile !== undefined ? `, tensors at peak ${(profile.peakBytes / MB).toFixed(0)} MB` : '') +
      `, between steps ${(r.peakTensorBytes / MB).toFixed(0)} MB  [${r.steps} steps, load ${line.loadAverage}]`,
  );
  if (profile !== undefined) {
    const shares = profile.kernels.map((k) => `${k.kernel} ${(100 * k.share).toFixed(0)}%`).join(', ');
    console.log(`      kernels (${profile.clock} time, ${profile.kernelMsPerStep.toFixed(0)} ms/step): ${shares}`);
  }
  if (r.leakedTensors !== 0) console.log(`      warning: ${r.leakedTensors} tensors leaked during the run`);
  console.log('BENCH ' + JSON.stringify(line));
}

function threadsText(threads: number | null): string {
  return threads === null ? 'own threads' : `${threads} thread${threads === 1 ? '' : 's'}`;
}

/** Runs one figure in a fresh process at `threads` kernel threads; its BENCH line, or undefined when it failed. */
function figureInChild(
  argv: string[],
  backend: BackendName,
  cfg: ModelBenchConfig,
  threads: number,
): { tokensPerSecond: number; tokensPerCpuSecond: number; threads: number | null } | undefined {
  const child = spawnSync(process.execPath, [__filename, ...argv, '--figure', JSON.stringify({ backend, cfg })], {
    encoding: 'utf8',
    maxBuffer: 64 * MB,
    env: { ...process.env, RNN_LAB_THREADS: String(threads) },
  });
  const out = child.stdout ?? '';
  process.stdout.write(out);
  if (child.status !== 0) {
    console.log(
      `${backend} ${cfg.model} V=${cfg.vocabSz}: the figure's process failed (exit ${child.status}): ${(child.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`,
    );
    process.exitCode = 1;
    return undefined;
  }
  const benchLine = out.split('\n').find((l) => l.startsWith('BENCH '));
  return benchLine !== undefined ? JSON.parse(benchLine.slice(6)) : undefined;
}

/** The PyTorch peer of one model and V at 1 thread and at every core, with our figures' ratios to each. */
function peerRows(o: Options, cfg: ModelBenchConfig, ours: { tokensPerSecond: number; threads: number | null }[]): void {
  const { python } = findTorchPython();
  if (python === undefined) return;
  for (const threads of [...new Set([1, coreCount()])]) {
    const load = os.loadavg()[0];
    let peer: PeerResult;
    try {
      peer = runPeer(python, cfg, threads, o.seconds);
    } catch (err) {
      console.log(`torch ${cfg.model.padEnd(8)} V=${String(cfg.vocabSz).padEnd(6)} ${(err as Error).message}`);
      continue;
    }
    const ratios = ours
      .map((r) => `ours at ${threadsText(r.threads)} x${(r.tokensPerSecond / peer.tokensPerSecond).toFixed(2)}`)
      .join(', ');
    console.log(
      `torch ${cfg.model.padEnd(8)} V=${String(cfg.vocabSz).padEnd(6)} ${threadsText(peer.threads).padEnd(10)} ${Math.round(peer.tokensPerSecond).toLocaleString('en-US').padStart(7)} tokens/s  ` +
        `(${ratios}) [PyTorch ${peer.torch}, ${peer.blas}, ${peer.steps} steps, load ${load.toFixed(2)}]`,
    );
    console.log(
      'BENCH ' +
        JSON.stringify({
          bench: 'train-step-peer',
          peer: 'pytorch',
          date: new Date().toISOString(),
          ...cfg,
          ...peer,
          loadAverage: load,
          ours: ours.map((r) => ({
            threads: r.threads,
            tokensPerSecond: r.tokensPerSecond,
            ratio: r.tokensPerSecond / peer.tokensPerSecond,
          })),
        }),
    );
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const figure = argv.indexOf('--figure');
  if (figure >= 0) {
    const { backend, cfg } = JSON.parse(argv[figure + 1]) as { backend: BackendName; cfg: ModelBenchConfig };
    await runFigure(parseArgs([...argv.slice(0, figure), ...argv.slice(figure + 2)]), backend, cfg);
    return;
  }
  const o = parseArgs(argv);
  const baseline = o.baseline !== undefined ? readBaseline(o.baseline) : undefined;
  const smallest = Math.min(...o.vocab);
  console.log(
    `training-step benchmark: E=64, H=128, window 20, batch 64 (trigram: 1280 examples per step); ~${o.seconds} s per figure, ` +
      `each in its own process; load average ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores`,
  );
  if (o.peer) {
    const { problem } = findTorchPython();
    console.log(
      problem === undefined
        ? `PyTorch peer: ${findTorchPython().python} (rows "torch", after each wasm figure)`
        : `PyTorch peer skipped: ${problem}`,
    );
  }
  for (const backend of o.backends) {
    try {
      await initRuntime(backend);
    } catch (err) {
      console.log(`${backend}: not available: ${(err as Error).message}`);
      continue;
    }
    for (const model of o.models) {
      for (const vocabSz of o.vocab) {
        if (backend === 'cpu' && vocabSz !== smallest && !o.cpuAllVocab) {
          console.log(
            `${backend.padEnd(5)} ${model.padEnd(8)} V=${String(vocabSz).padEnd(6)} skipped: the cpu backend takes seconds per step (--cpu-all-vocab runs it)`,
          );
          continue;
        }
        const cfg: ModelBenchConfig = { model, vocabSz, embeddingSz: 64, hiddenSz: 128, windowSz: 20, batchSz: 64 };
        const ours: { tokensPerSecond: number; threads: number | null }[] = [];
        for (const threads of backend === 'wasm' ? o.threads : [1]) {
          const r = figureInChild(argv, backend, cfg, threads);
          if (r === undefined) continue;
          ours.push(r);
          const prev = baseline?.get(keyOf(r as unknown as Parameters<typeof keyOf>[0]));
          if (prev !== undefined) {
            console.log(
              `      vs baseline: x${(r.tokensPerSecond / prev.tokensPerSecond).toFixed(2)} tokens/s, x${(r.tokensPerCpuSecond / prev.tokensPerCpuSecond).toFixed(2)} per CPU s`,
            );
          }
        }
        if (backend === 'wasm' && o.threads.length > 1 && ours.length > 1) {
          console.log(
            `      ${threadsText(ours[ours.length - 1].threads)} / ${threadsText(ours[0].threads)}: x${(ours[ours.length - 1].tokensPerSecond / ours[0].tokensPerSecond).toFixed(2)} tokens/s`,
          );
        }
        if (backend === 'wasm' && o.peer && ours.length > 0) peerRows(o, cfg, ours);
      }
    }
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 70;
});
