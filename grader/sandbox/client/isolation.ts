/**
 * Decides how the submission host is confined, from what this machine supports, and reports
 * exactly what was applied (DESIGN §2 "Host limits": never claim more than was applied).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { IsolationReport } from '../../results/types';
import { webgpuAutoProblem } from '../../runtime/webgpu/adapter';
import { gradingHostThreads } from '../../runtime/kernels/kernelThreads';

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
 * The node_modules folder the grader's packages are installed in: the project's own, or, where the
 * grader is itself an installed package (the student handout), the one npm hoisted its dependencies into.
 */
function nodeModulesOf(projectRoot: string): string {
  const tfjs = require.resolve('@tensorflow/tfjs/package.json', { paths: [projectRoot] });
  return path.dirname(path.dirname(path.dirname(tfjs)));
}

/**
 * Lays out the only folder tree the host may read: scratch/host/{app/sandbox, app/runtime,
 * node_modules, lab}. The host gets one --allow-fs-read root, so the runtime and node_modules are
 * linked in (with --preserve-symlinks the loader reads them through these paths); nothing else of
 * the project (the solution, the hidden suites) is reachable by its own path. (Node 20.20, 22 and
 * 24 all honour repeated --allow-fs-read flags; one root keeps the rule the same on each.)
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
    [nodeModulesOf(opts.projectRoot), path.join(hostRoot, 'node_modules')],
    [path.join(opts.projectRoot, 'dist', 'grader', 'sandbox'), path.join(hostRoot, 'app', 'sandbox')],
    [path.join(opts.projectRoot, 'dist', 'grader', 'runtime'), path.join(hostRoot, 'app', 'runtime')],
  ];
  const lab = path.join(hostRoot, 'lab');
  if (path.resolve(opts.labDir) !== lab) links.push([path.resolve(opts.labDir), lab]);
  for (const [target, link] of links) {
    // lstat, not exists: a link whose target is not there yet (the lab before compiling) is still there.
    if (fs.lstatSync(link, { throwIfNoEntry: false }) === undefined) fs.symlinkSync(target, link, 'dir');
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

/**
 * The first folder on the way to `dir` (itself included) that other users cannot enter, if any:
 * a host dropped to uid 65534 could not reach the runtime through it (e.g. a project cloned under a
 * mode-700 temp folder).
 */
export function unsearchableAncestor(dir: string): string | undefined {
  const parts = path.resolve(dir).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const at = path.sep + parts.slice(0, i).join(path.sep);
    if ((fs.statSync(at).mode & 0o001) === 0) return at;
  }
  return undefined;
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
  const backend = hostBackend(opts);
  if (backend) env.RNN_LAB_BACKEND = backend;
  env.RNN_LAB_THREADS = String(gradingHostThreads()); // issue 14: wasm kernel threads per host (cores / hosts at once)
  // The native GPU backend needs its CUDA libraries and device selection; Dawn (webgpu) finds its
  // Vulkan loader through LD_LIBRARY_PATH and a driver outside the usual folders through these.
  for (const key of ['LD_LIBRARY_PATH', 'CUDA_VISIBLE_DEVICES', 'VK_ICD_FILENAMES', 'VK_DRIVER_FILES', 'VK_ADD_DRIVER_FILES']) if (process.env[key]) env[key] = process.env[key];
  return env;
}

function nativeInstalled(projectRoot: string): boolean {
  return ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'].some((pkg) => {
    try {
      require.resolve(`${pkg}/package.json`, { paths: [projectRoot] });
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The backend the host is told to use: the one asked for; in auto mode `webgpu` where the runtime's
 * order would take it (tfjs-node absent, a GPU adapter), decided here because the host may not
 * start the process that asks Dawn; else nothing (the host follows the order itself).
 */
export function hostBackend(opts: Pick<LaunchOptions, 'backend' | 'projectRoot'>): string | undefined {
  if (opts.backend !== undefined && opts.backend !== 'auto') return opts.backend;
  return !nativeInstalled(opts.projectRoot) && webgpuAutoProblem() === undefined ? 'webgpu' : undefined;
}

/**
 * The flag that turns on Node's permission model in this Node, found from the flags it accepts
 * (not its version): `--permission` (Node 22.13+, 23.5+, 24) before `--experimental-permission`
 * (Node 20, 21 and older 22; Node 24 refuses it); undefined where Node has neither.
 */
export function permissionFlag(flags: ReadonlySet<string> = process.allowedNodeEnvironmentFlags): string | undefined {
  if (flags.has('--permission')) return '--permission';
  if (flags.has('--experimental-permission')) return '--experimental-permission';
  return undefined;
}

const probed = new Map<string, string | undefined>();

/**
 * Whether `flag` really confines this Node: a child started with it, allowed to read only a folder
 * that does not exist, must see process.permission and be refused this module's own file.
 * @returns undefined when it does, else what went wrong; cached per flag for the process
 */
export function permissionProbe(flag: string): string | undefined {
  if (probed.has(flag)) return probed.get(flag);
  const script = 'let denied=false;try{require("fs").readFileSync(process.argv[1])}catch(e){denied=e.code==="ERR_ACCESS_DENIED"}process.stdout.write(JSON.stringify({on:!!process.permission,denied}))';
  const child = spawnSync(process.execPath, [flag, '--no-warnings', `--allow-fs-read=${path.join(__dirname, 'permission-probe')}${path.sep}*`, '-e', script, __filename], { encoding: 'utf8', timeout: 10_000 });
  let problem: string | undefined;
  try {
    const seen = JSON.parse(child.stdout) as { on: boolean; denied: boolean };
    if (!seen.on) problem = `${flag} left process.permission undefined`;
    else if (!seen.denied) problem = `${flag} did not refuse a read outside the allowed folder`;
  } catch {
    problem = `node ${flag} did not run (${child.error?.message ?? `exit ${child.status}: ${child.stderr.trim().split('\n')[0]}`})`;
  }
  probed.set(flag, problem);
  return problem;
}

/**
 * The addon the host may load, if any: Dawn for the webgpu backend, tfjs-node where it is
 * installed and the run may use it; undefined for no addon.
 */
function addonFor(opts: LaunchOptions): string | undefined {
  const backend = hostBackend(opts);
  if (backend === 'webgpu') return 'Dawn, for the webgpu backend';
  if (backend !== undefined && backend !== 'tensorflow') return undefined;
  return nativeInstalled(opts.projectRoot) ? 'tfjs-node is installed' : undefined;
}

/** Node flags of the permission model for this host, and the note that says what they enforce. */
function permissionArgs(opts: LaunchOptions, hostRoot: string, tmpDir: string): { args: string[]; note: string } | { args?: undefined; note: string } {
  if (opts.isolation === 'none') return { note: 'isolation disabled on request (--isolation none)' };
  const flag = permissionFlag();
  if (flag === undefined) return { note: `Node permission model unavailable in Node ${process.version}` };
  const problem = permissionProbe(flag);
  if (problem !== undefined) return { note: `Node permission model not used: ${problem}` };
  const args = [flag, `--allow-fs-read=${hostRoot}${path.sep}*`, `--allow-fs-write=${tmpDir}${path.sep}*`];
  // tfjs-node and Dawn are addons; an addon runs native code the model cannot confine.
  const addon = process.allowedNodeEnvironmentFlags.has('--allow-addons') ? addonFor(opts) : undefined;
  if (addon !== undefined) args.push('--allow-addons');
  const workers = gradingHostThreads() > 1 && process.allowedNodeEnvironmentFlags.has('--allow-worker'); // issue 14: the wasm kernels' worker threads
  if (workers) args.push('--allow-worker');
  const what = `reads limited to the submission, the runtime and node_modules; writes to the scratch folder; no child processes${workers ? '; worker threads allowed (the wasm kernels use them)' : ' or workers'}; ${addon !== undefined ? `native addons allowed (${addon})` : 'no native addons'}`;
  return { args, note: `Node ${process.version} permission model (${flag}, probed: a read outside the allowed folder was refused): ${what}` };
}

export function planHostLaunch(opts: LaunchOptions): HostLaunch {
  const notes: string[] = [];
  const { hostRoot, tmpDir, hostMain } = prepareHostRoot(opts);
  const nodeArgs = [`--max-old-space-size=${opts.heapMb}`, '--no-warnings', '--preserve-symlinks', '--preserve-symlinks-main'];
  const permission = permissionArgs(opts, hostRoot, tmpDir);
  const permissionModel = permission.args !== undefined;
  if (permission.args) nodeArgs.push(...permission.args);
  notes.push(permission.note);
  const env = scrubbedEnv(opts, hostRoot, tmpDir);
  const nodeCommand = [process.execPath, ...nodeArgs, hostMain];
  const noNetwork = opts.isolation === 'auto' && canUnshareNetwork();
  const blocked = noNetwork ? [opts.projectRoot, path.dirname(process.execPath)].map(unsearchableAncestor).find((d) => d !== undefined) : undefined;
  const unprivileged = noNetwork && blocked === undefined;
  if (unprivileged) notes.push('own empty network namespace (unshare -n); runs as nobody (uid 65534)');
  else if (noNetwork) notes.push(`own empty network namespace (unshare -n); runs as the grader's user, because uid 65534 cannot enter ${blocked} (make it searchable by others, chmod o+x, to run submissions as nobody)`);
  else notes.push('network not isolated (needs root and unshare); runs as the grader\'s user');
  const report: IsolationReport = {
    processBoundary: true,
    permissionModel,
    unprivilegedUser: unprivileged,
    noNetwork,
    heapLimitMb: opts.heapMb,
    scrubbedEnv: true,
    notes,
  };
  if (unprivileged) {
    return { command: 'unshare', cwd: tmpDir, args: ['-n', '--', 'setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--', ...nodeCommand], env, report };
  }
  if (noNetwork) return { command: 'unshare', cwd: tmpDir, args: ['-n', '--', ...nodeCommand], env, report };
  return { command: nodeCommand[0], cwd: tmpDir, args: nodeCommand.slice(1), env, report };
}
