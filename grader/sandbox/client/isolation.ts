/**
 * Decides how the submission host is confined, from what this machine supports, and reports
 * exactly what was applied (DESIGN §2 "Host limits": never claim more than was applied).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { IsolationReport } from '../../results/types';

export interface HostLaunch {
  command: string;
  cwd: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  report: IsolationReport;
}

export interface LaunchOptions {
  /** Root of the project, whose dist/ and node_modules/ the host runs from. */
  projectRoot: string;
  /** Folder with the submission's compiled .js files. */
  labDir: string;
  /** This submission's scratch folder; the host may read scratch/host and write scratch/tmp only. */
  scratchDir: string;
  heapMb: number;
  backend?: string;
  /** 'none' runs the host as a plain child process (for debugging a submission). */
  isolation: 'auto' | 'none';
}

/**
 * Lays out the only folder tree the host may read: scratch/host/{app/sandbox, app/runtime,
 * node_modules, lab}. Node 20's permission model honours a single --allow-fs-read path, so the
 * runtime and node_modules are linked in (with --preserve-symlinks the loader reads them through
 * these paths); nothing else of the project (the solution, the hidden suites) is reachable.
 * The writable scratch/tmp lies outside it, so the host cannot plant links it could read.
 * @returns the readable root, the writable folder and the host's entry script
 */
export function prepareHostRoot(opts: LaunchOptions): { hostRoot: string; tmpDir: string; hostMain: string } {
  const hostRoot = path.join(opts.scratchDir, 'host');
  const tmpDir = path.join(opts.scratchDir, 'tmp');
  fs.mkdirSync(path.join(hostRoot, 'app'), { recursive: true, mode: 0o755 });
  fs.mkdirSync(tmpDir, { recursive: true, mode: 0o777 });
  fs.chmodSync(tmpDir, 0o777);
  const links: [string, string][] = [
    [path.join(opts.projectRoot, 'node_modules'), path.join(hostRoot, 'node_modules')],
    [path.join(opts.projectRoot, 'dist', 'grader', 'sandbox'), path.join(hostRoot, 'app', 'sandbox')],
    [path.join(opts.projectRoot, 'dist', 'grader', 'runtime'), path.join(hostRoot, 'app', 'runtime')],
  ];
  const lab = path.join(hostRoot, 'lab');
  if (path.resolve(opts.labDir) !== lab) links.push([path.resolve(opts.labDir), lab]);
  for (const [target, link] of links) {
    if (!fs.existsSync(link)) fs.symlinkSync(target, link, 'dir');
  }
  return { hostRoot, tmpDir, hostMain: path.join(hostRoot, 'app', 'sandbox', 'host', 'hostMain.js') };
}

let unshareWorks: boolean | undefined;

/** Whether `unshare -n` can give a process an empty network namespace here (needs root). */
function canUnshareNetwork(): boolean {
  if (unshareWorks === undefined) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    unshareWorks = isRoot && spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore', timeout: 5000 }).status === 0 && spawnSync('setpriv', ['--help'], { stdio: 'ignore', timeout: 5000 }).status === 0;
  }
  return unshareWorks;
}

/** Environment passed to the host: nothing of the grader's own, only what the runtime needs. */
function scrubbedEnv(opts: LaunchOptions, hostRoot: string, tmpDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: tmpDir,
    TMPDIR: tmpDir,
    NODE_PATH: path.join(hostRoot, 'node_modules'),
    RNN_LAB_HOST_LAB_DIR: path.join(hostRoot, 'lab'),
    TF_CPP_MIN_LOG_LEVEL: '2',
  };
  if (opts.backend) env.RNN_LAB_BACKEND = opts.backend;
  // The native GPU backend needs its CUDA libraries and device selection.
  for (const key of ['LD_LIBRARY_PATH', 'CUDA_VISIBLE_DEVICES']) if (process.env[key]) env[key] = process.env[key];
  return env;
}

export function planHostLaunch(opts: LaunchOptions): HostLaunch {
  const notes: string[] = [];
  const { hostRoot, tmpDir, hostMain } = prepareHostRoot(opts);
  const nodeArgs = [`--max-old-space-size=${opts.heapMb}`, '--no-warnings', '--preserve-symlinks', '--preserve-symlinks-main'];
  const flags = process.allowedNodeEnvironmentFlags;
  let permissionModel = false;
  if (opts.isolation === 'auto' && flags.has('--experimental-permission')) {
    permissionModel = true;
    nodeArgs.push('--experimental-permission', `--allow-fs-read=${hostRoot}/*`, `--allow-fs-write=${tmpDir}/*`);
    // The native tfjs-node backend is an addon; without this flag the host falls back to wasm.
    if (flags.has('--allow-addons')) nodeArgs.push('--allow-addons');
    notes.push('Node permission model: reads limited to the submission, the runtime and node_modules; writes to the scratch folder; no child processes or workers');
  } else {
    notes.push(opts.isolation === 'none' ? 'isolation disabled on request (--no-isolation)' : 'Node permission model unavailable in this Node version');
  }
  const env = scrubbedEnv(opts, hostRoot, tmpDir);
  const nodeCommand = [process.execPath, ...nodeArgs, hostMain];
  const sandboxed = opts.isolation === 'auto' && canUnshareNetwork();
  if (sandboxed) notes.push('own empty network namespace (unshare -n); runs as nobody (uid 65534)');
  else notes.push('network not isolated (needs root and unshare); runs as the grader\'s user');
  const report: IsolationReport = {
    processBoundary: true,
    permissionModel,
    unprivilegedUser: sandboxed,
    noNetwork: sandboxed,
    heapLimitMb: opts.heapMb,
    scrubbedEnv: true,
    notes,
  };
  if (sandboxed) {
    return { command: 'unshare', cwd: tmpDir, args: ['-n', '--', 'setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--', ...nodeCommand], env, report };
  }
  return { command: nodeCommand[0], cwd: tmpDir, args: nodeCommand.slice(1), env, report };
}
