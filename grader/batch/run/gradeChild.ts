/**
 * One submission's grading run: `rnn-lab grade` in a process of its own (it kills its leftover
 * hosts and may end itself at its deadline), leading its own process group so that the batch can
 * stop it and every host it started at once. Its output goes to grade.log beside its results. A
 * watchdog stops a run that outlives the config's time limit by more than a grace period.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../projectRoot';
import { PARENT_ENV } from './guardEnv';

/** Time a run may take beyond the config's total limit (start-up, preflight, writing reports). */
export const WATCHDOG_GRACE_SECONDS = 120;

export interface ChildRequest {
  /** The folder or file to grade. */
  submission: string;
  /** Where `grade` writes results.json and the reports (grade.log goes there too). */
  outDir: string;
  /** Options passed to `grade` after the submission and --out. */
  gradeArgs: string[];
  watchdogSeconds: number;
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why the batch stopped it, when it did. */
  stoppedBy: 'watchdog' | 'interrupt' | null;
  seconds: number;
}

/** Every grading process now running, so that an interrupted batch can stop them all. */
const running = new Map<number, { stop: (why: 'watchdog' | 'interrupt') => void }>();

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}

/** Stops every grading run of this batch (Ctrl-C, SIGTERM). */
export function stopAllChildren(): void {
  for (const r of running.values()) r.stop('interrupt');
}

export function runningChildren(): number {
  return running.size;
}

export function gradeInChild(req: ChildRequest): Promise<ChildResult> {
  const root = projectRoot();
  const guard = path.join(root, 'dist', 'grader', 'batch', 'run', 'orphanGuard.js');
  const bin = path.join(root, 'bin', 'rnn-lab.js');
  fs.mkdirSync(req.outDir, { recursive: true });
  const log = fs.openSync(path.join(req.outDir, 'grade.log'), 'w');
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', guard, bin, 'grade', req.submission, '--out', req.outDir, ...req.gradeArgs], {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, [PARENT_ENV]: String(process.pid) },
  });
  fs.closeSync(log);
  return new Promise((resolve) => {
    let stoppedBy: ChildResult['stoppedBy'] = null;
    const stop = (why: 'watchdog' | 'interrupt') => {
      stoppedBy ??= why;
      if (child.pid !== undefined) killGroup(child.pid);
    };
    const watchdog = setTimeout(() => stop('watchdog'), req.watchdogSeconds * 1000);
    if (child.pid !== undefined) running.set(child.pid, { stop });
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(watchdog);
      if (child.pid !== undefined) {
        running.delete(child.pid);
        // hosts a finished run left behind (it kills its own, but a killed run cannot)
        killGroup(child.pid);
      }
      resolve({ code, signal, stoppedBy, seconds: (performance.now() - started) / 1000 });
    };
    child.once('error', (err) => {
      fs.appendFileSync(path.join(req.outDir, 'grade.log'), `rnn-lab batch: could not start the grading process: ${err.message}\n`);
      finish(null, null);
    });
    child.once('exit', finish);
  });
}
