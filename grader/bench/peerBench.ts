/**
 * The optional PyTorch peer of `npm run bench` (issue 14): torchPeer.py trains the same model, same
 * shapes, same optimiser, at 1 thread and at every core, when a python3 with torch is here (not a
 * dependency: Debian's python3-torch with libopenblas0-pthread is what was measured). Without one
 * it says why it skipped.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { projectRoot } from '../projectRoot';
import type { ModelBenchConfig } from './modelBench';

export interface PeerResult {
  tokensPerSecond: number;
  steps: number;
  seconds: number;
  threads: number;
  torch: string;
  blas: string;
}

/** Pythons tried, in order: RNN_LAB_PYTHON, Debian's (a pyenv shim may shadow it on PATH), then PATH's. */
function candidates(): string[] {
  return [process.env.RNN_LAB_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => p !== undefined && p !== '');
}

let found: { python?: string; problem?: string } | undefined;

/** The first python3 that imports torch, or why there is none. */
export function findTorchPython(): { python?: string; problem?: string } {
  if (found !== undefined) return found;
  const tried: string[] = [];
  for (const python of candidates()) {
    const run = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 60_000 });
    if (run.status === 0) return (found = { python });
    const why = run.error !== undefined ? run.error.message : (run.stderr.trim().split('\n').pop() ?? `exit ${run.status}`);
    tried.push(`${python}: ${why}`);
  }
  return (found = { problem: `no python3 with torch (${tried.join('; ')}); e.g. apt-get install python3-torch libopenblas0-pthread` });
}

/** Times the peer for `cfg` at `threads` threads for about `seconds`; throws when the script fails. */
export function runPeer(python: string, cfg: ModelBenchConfig, threads: number, seconds: number): PeerResult {
  const script = path.join(projectRoot(), 'grader', 'bench', 'torchPeer.py');
  const run = spawnSync(python, [script, JSON.stringify({ ...cfg, threads, seconds })], {
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, OMP_NUM_THREADS: String(threads) },
  });
  if (run.status !== 0)
    throw new Error(`torch peer failed (exit ${run.status}): ${(run.stderr ?? '').trim().split('\n').slice(-2).join(' | ')}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as PeerResult;
}
