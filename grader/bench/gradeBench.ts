/**
 * `npm run bench:grade`: the grader's speed and memory on this machine, each figure printed with
 * its target and as a JSON line ("BENCH ..."):
 *  - grading the reference solution with every hidden suite (training included): <= 30 s wall (the training budget is sized to it),
 *  - all grader processes together (grader + submission hosts): <= 768 MB peak resident memory,
 *  - `check` on the solution: <= 20 s,
 *  - submission host start to its first answer: <= 1.5 s.
 */
import type { BackendChoice } from '../runtime/backendNames';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../projectRoot';
import { treeRssBytes } from './processTree';
import { stageSubmission } from '../intake/stage/stageSubmission';
import { compileSubmission } from '../intake/compile/compileSubmission';
import { SubmissionClient } from '../sandbox/client/submissionClient';
import { gradingHostThreads } from '../runtime/kernels/kernelThreads';

interface Figure {
  name: string;
  value: number;
  unit: string;
  target: number;
}

/** Runs the CLI with `args`, sampling the process tree's memory every 100 ms. */
function timeCli(args: string[], backend: string): Promise<{ seconds: number; peakBytes: number; code: number | null }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(projectRoot(), 'bin', 'rnn-lab.js'), ...args], {
      cwd: projectRoot(),
      stdio: 'ignore',
      env: { ...process.env, RNN_LAB_BACKEND: backend },
    });
    let peakBytes = 0;
    const timer = setInterval(() => (peakBytes = Math.max(peakBytes, treeRssBytes(child.pid!))), 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ seconds: (performance.now() - started) / 1000, peakBytes, code });
    });
  });
}

async function hostStartMs(backend: BackendChoice): Promise<number> {
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-bench-'));
  fs.chmodSync(scratchDir, 0o755);
  try {
    const staged = await stageSubmission(path.join(projectRoot(), 'solution', 'src'), scratchDir);
    if (!staged.ok) throw new Error(staged.messages.join('; '));
    const labDir = path.join(scratchDir, 'lab');
    compileSubmission(staged.dir, labDir);
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const client = new SubmissionClient({ projectRoot: projectRoot(), labDir, scratchDir, heapMb: 512, backend, isolation: 'auto' });
      const started = performance.now();
      await client.call('rnn.paramCount', { cfg: { vocabSz: 10, embeddingSz: 2, hiddenSz: 3 } }, 30_000);
      samples.push(performance.now() - started);
      client.close();
    }
    return samples.sort((a, b) => a - b)[1];
  } finally {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const backend = (process.argv.includes('--backend') ? process.argv[process.argv.indexOf('--backend') + 1] : 'wasm') as BackendChoice;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-bench-out-'));
  console.log(`grading benchmark on ${backend}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()})`);
  const grade = await timeCli(['grade', 'solution/src', '--out', path.join(out, 'grade')], backend);
  const check = await timeCli(['check', 'solution/src', '--out', path.join(out, 'check')], backend);
  const figures: Figure[] = [
    { name: 'grade the solution (every suite, training included)', value: grade.seconds, unit: 's', target: 30 },
    { name: 'peak resident memory, all grader processes', value: grade.peakBytes / 2 ** 20, unit: 'MB', target: 768 },
    { name: 'check on the solution', value: check.seconds, unit: 's', target: 20 },
    { name: 'host start to first answer (median of 3)', value: (await hostStartMs(backend)) / 1000, unit: 's', target: 1.5 },
  ];
  let missed = grade.code !== 0 || check.code !== 0;
  for (const f of figures) {
    const met = f.value <= f.target;
    missed ||= !met;
    console.log(
      `${f.name.padEnd(54)} ${f.value.toFixed(f.unit === 'MB' ? 0 : 2).padStart(8)} ${f.unit.padEnd(2)}  target <= ${f.target} ${f.unit}: ${met ? 'met' : 'MISSED'}`,
    );
    console.log(
      `BENCH ${JSON.stringify({ bench: 'grade', date: new Date().toISOString(), backend, threads: gradingHostThreads(), figure: f.name, value: f.value, unit: f.unit, target: f.target, met })}`,
    );
  }
  fs.rmSync(out, { recursive: true, force: true });
  process.exitCode = missed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 70;
});
