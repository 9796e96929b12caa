/** Helpers of the packaging tests (excluded from the build): fresh folders outside the project, commands, snapshots. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A new folder in the system's temp dir (outside the repository), readable by everyone: as root, submission hosts run as nobody. */
export function freshDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

export interface Ran {
  status: number | null;
  stdout: string;
  /** stdout, then stderr. */
  out: string;
  seconds: number;
}

/** Runs a command to its end; stdout and stderr together in `out`. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 540_000): Ran {
  const started = Date.now();
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return {
    status: r.status,
    stdout: r.stdout ?? '',
    out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Every file under `dir` with its size and modification time. */
export function snapshot(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((f) => {
      const s = fs.statSync(path.join(dir, f));
      return `${f} ${s.size} ${s.mtimeMs}`;
    });
}

/** The environment of a student's shell: no backend forced by the developer's. */
export function studentEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.RNN_LAB_BACKEND;
  return env;
}
