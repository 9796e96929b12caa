/**
 * `npm run bench:batch`: a class of 20 fixture submissions graded with the project's config
 * (training included) by `rnn-lab batch`, with --jobs 1 and --jobs 2. Prints each figure beside its
 * target and as a JSON line ("BENCH ..."), with the machine's load before and after (the figures
 * are only as quiet as the machine):
 *  - wall time of each, and their ratio (target: --jobs 2 at most 0.6 of --jobs 1 on 2 cores),
 *    beside the best ratio the CPU time of a grading run allows on this many cores,
 *  - per-submission overhead excluding training: the time a submission costs outside its grading
 *    (the process starting and loading, reports written, the batch's bookkeeping; target <= 3 s),
 *    and for reference the grading itself without its training tests (compiling, hosts, suites),
 *  - peak resident memory of the whole batch (every process) per concurrent job (target < 768 MB),
 *  - submissions per hour.
 * A benchmark, not a test: it exits 0 whether or not the targets are met.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listFixtures, materialiseFixture } from '../../grading/fixtureSubmission';
import { projectRoot } from '../../projectRoot';
import type { GradingRun } from '../../results/types';
import { treeRssBytes } from '../../bench/processTree';
import type { BatchEntry } from '../types';
import { GRADES_AT_ONCE_ENV, gradingHostThreads } from '../../runtime/kernels/kernelThreads';

/** Left out of the class: a 20 s hang (idle time, not grading work), the empty stencil, and a near copy of the solution. */
const LEFT_OUT = ['hangs-in-rnn-param-count', 'stencil', 'reads-hidden-files'];
const CLASS_SIZE = 20;

interface Timed {
  seconds: number;
  /** CPU seconds of every process of the batch (user + system). */
  cpuSeconds: number;
  peakBytes: number;
  code: number | null;
}

/** CPU seconds of this process's waited-for descendants (cutime + cstime in /proc/self/stat). */
function childrenCpuSeconds(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is the state (field 3): cutime and cstime are fields 16 and 17, in clock ticks
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function timeBatch(args: string[]): Promise<Timed> {
  return new Promise((resolve) => {
    const started = performance.now();
    const cpuBefore = childrenCpuSeconds();
    const child = spawn(process.execPath, [path.join(projectRoot(), 'bin', 'rnn-lab.js'), 'batch', ...args], {
      cwd: projectRoot(),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    let peakBytes = 0;
    const timer = setInterval(() => (peakBytes = Math.max(peakBytes, treeRssBytes(child.pid!))), 200);
    child.on('exit', (code) => {
      clearInterval(timer);
      // after 'exit' the child is reaped, so its CPU time (and its waited-for children's) is counted
      setImmediate(() =>
        resolve({ seconds: (performance.now() - started) / 1000, cpuSeconds: childrenCpuSeconds() - cpuBefore, peakBytes, code }),
      );
    });
  });
}

/** Seconds of a run spent training: the two trainings run side by side, the other training tests reuse them. */
function trainingSpan(run: GradingRun): number {
  const ms = (id: string) => run.tests.find((t) => t.id === id)?.durationMs ?? 0;
  return (Math.max(ms('training.ngram'), ms('training.rnn')) + ms('training.noLeak') + ms('training.generate')) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-bench-batch-'));
  const subs = path.join(work, 'class');
  fs.mkdirSync(subs);
  const chosen = listFixtures()
    .filter((f) => !LEFT_OUT.includes(f.name))
    .slice(0, CLASS_SIZE);
  for (const f of chosen) materialiseFixture(f, subs);
  console.log(
    `batch benchmark: ${chosen.length} fixture submissions, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), load average before: ${load()}`,
  );
  const runs: Record<1 | 2, Timed> = {} as Record<1 | 2, Timed>;
  for (const jobs of [1, 2] as const) {
    runs[jobs] = await timeBatch([subs, '--out', path.join(work, `jobs${jobs}`), '--jobs', String(jobs)]);
    console.log(`--jobs ${jobs}: ${runs[jobs].seconds.toFixed(1)} s, exit ${runs[jobs].code}, load average after: ${load()}`);
  }
  const dir = path.join(work, 'jobs1', 'submissions');
  const outside: number[] = [];
  const gradingWithoutTraining: number[] = [];
  let inRuns = 0;
  for (const key of fs.readdirSync(dir)) {
    const entry = JSON.parse(fs.readFileSync(path.join(dir, key, 'entry.json'), 'utf8')) as BatchEntry;
    inRuns += entry.seconds;
    const run = JSON.parse(fs.readFileSync(path.join(dir, key, 'run.json'), 'utf8')) as GradingRun;
    outside.push(entry.seconds - run.executionSeconds);
    gradingWithoutTraining.push(run.executionSeconds - trainingSpan(run));
  }
  const bookkeeping = (runs[1].seconds - inRuns) / chosen.length;
  const cores = os.cpus().length;
  const cpuPerSubmission = runs[1].cpuSeconds / chosen.length;
  // with perfect packing, `cores` cores need cpuPerSubmission / cores seconds a submission
  const bestRatio = Math.max(1 / cores, cpuPerSubmission / cores / (runs[1].seconds / chosen.length));
  const figures = [
    { name: 'wall time, --jobs 1', value: runs[1].seconds, unit: 's', target: null },
    { name: 'wall time, --jobs 2', value: runs[2].seconds, unit: 's', target: null },
    { name: 'ratio --jobs 2 / --jobs 1', value: runs[2].seconds / runs[1].seconds, unit: '', target: 0.6 },
    { name: 'CPU time per submission (all processes, --jobs 1)', value: cpuPerSubmission, unit: 's', target: null },
    { name: `best ratio that CPU time allows on ${cores} cores`, value: bestRatio, unit: '', target: null },
    {
      name: 'overhead excluding training: outside the grading (median, --jobs 1)',
      value: median(outside) + bookkeeping,
      unit: 's',
      target: 3,
    },
    { name: "  of which the batch's own bookkeeping", value: bookkeeping, unit: 's', target: null },
    { name: 'grading without its training tests, for reference (median)', value: median(gradingWithoutTraining), unit: 's', target: null },
    { name: 'peak memory per concurrent job, --jobs 1', value: runs[1].peakBytes / 2 ** 20, unit: 'MB', target: 768 },
    { name: 'peak memory per concurrent job, --jobs 2', value: runs[2].peakBytes / 2 ** 20 / 2, unit: 'MB', target: 768 },
    { name: 'submissions per hour, --jobs 1', value: (3600 * chosen.length) / runs[1].seconds, unit: '/h', target: null },
    { name: 'submissions per hour, --jobs 2', value: (3600 * chosen.length) / runs[2].seconds, unit: '/h', target: null },
  ];
  /** Kernel threads each host of the figure's runs had (RNN_LAB_THREADS per host: cores / hosts at once). */
  const threadsOfFigure = (name: string): number =>
    gradingHostThreads({ ...process.env, [GRADES_AT_ONCE_ENV]: name.includes('--jobs 2') ? '2' : '1' });
  for (const f of figures) {
    const met = f.target === null ? null : f.value <= f.target;
    const shown = f.unit === 'MB' || f.unit === '/h' ? f.value.toFixed(0) : f.value.toFixed(2);
    console.log(
      `${f.name.padEnd(66)} ${shown.padStart(8)} ${f.unit.padEnd(2)}${f.target === null ? '' : `  target <= ${f.target} ${f.unit}: ${met ? 'met' : 'MISSED'}`}`,
    );
    console.log(
      `BENCH ${JSON.stringify({ bench: 'batch', date: new Date().toISOString(), load: os.loadavg(), threads: threadsOfFigure(f.name), figure: f.name, value: f.value, unit: f.unit, target: f.target, met })}`,
    );
  }
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 70;
});
