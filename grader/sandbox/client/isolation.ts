/**
 * How one submission host is confined: a pure plan (command, arguments, environment, read-only
 * binds, folders to make, memory cap, and the report of exactly what it enforces) from the launch
 * options, what this machine supports (machineSupport.ts) and what the host may read
 * (hostReadSet.ts). The side effects live in hostFolders.ts; DESIGN §2 "Host limits": never claim
 * more than was applied.
 *
 * Layers, strongest first:
 * - `bwrap`: bubblewrap puts the host in its own mount, PID, user, IPC, UTS, cgroup and network
 *   namespaces with read-only binds of only what it needs, at fixed paths under /rnn-lab, and a
 *   private tmpfs /tmp (noexec where the sandbox can remount it); Node's permission model on too.
 * - `permission`: Node's permission model alone, granted reads on real paths only (no links, no
 *   addons), writes to a private tmp folder outside them; as root a fresh uid per host and an empty
 *   network namespace.
 * - `none`: a plain child process, on request only.
 */
import * as path from 'path';
import type { IsolationReport } from '../../results/types';
import type { HostRunOptions, IsolationMode } from '../../runOptions';
import { gradingHostThreads } from '../../runtime/kernels/kernelThreads';
import { cgroupPrefix, gpuBindArgs, uidPrefix } from './launchPrefixes';
import type { HostReadSet } from './hostReadSet';
import { HOST_UID_RANGE } from './hostSlots';
import { NOEXEC_TMP_SCRIPT, minimalBwrapArgs, type MachineSupport } from './machineSupport';

/** The run's backend and isolation (grader/runOptions.ts), with the paths and the memory limits of this host. */
export interface LaunchOptions extends HostRunOptions {
  /** Root of the project, whose dist/ and node_modules/ the host runs from. */
  projectRoot: string;
  /** Folder with the submission's compiled .js files. */
  labDir: string;
  /** This submission's scratch folder; per-host folders go in it. */
  scratchDir: string;
  heapMb: number;
  /** Cap on all memory of the host (RSS, off-heap buffers and wasm included); default heapMb + 2048. */
  memoryMb?: number;
}

/** One host's identity: a name unique on this machine, and the uid it runs as where the grader can choose (root). */
export interface HostSlot {
  id: string;
  uid?: number;
  /** Why, as root, the host has no uid of its own. */
  noUidReason?: string;
}

/** The backend decision made outside the plan (it may ask Dawn for an adapter). */
export interface BackendChoice {
  /** Backend the host is told to use, or undefined (it follows the runtime's order). */
  backend?: string;
  /** Why the host needs a native addon, or undefined when it needs none. */
  addon?: string;
}

export interface ReadOnlyBind {
  source: string;
  target: string;
}

export interface MemoryCap {
  limitMb: number;
  enforcedBy: 'cgroup-v1' | 'rss-watchdog' | 'none';
  /** Folder of the host's memory cgroup (cgroup-v1 only). */
  cgroup?: string;
  /** Folder of the host's pids cgroup, which caps its threads and processes. */
  pidsCgroup?: string;
  pidsMax?: number;
}

export interface HostLaunchPlan {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Read-only binds inside the sandbox (bwrap only; the host sees `target`). */
  binds: ReadOnlyBind[];
  /** Writable folder to make on this side before the start (permission layer), owned by `uid`. */
  tmpDir?: string;
  uid?: number;
  memory?: MemoryCap;
  /** Set when this host must not start, with the reason (a GraderFault for the run). */
  refusal?: string;
  report: IsolationReport;
}

/** Where the host's files appear inside the sandbox. */
export const SANDBOX_ROOT = '/rnn-lab';
const IN = {
  node: `${SANDBOX_ROOT}/bin/node`,
  sandbox: `${SANDBOX_ROOT}/app/sandbox`,
  runtime: `${SANDBOX_ROOT}/app/runtime`,
  nodeModules: `${SANDBOX_ROOT}/node_modules`,
  lab: `${SANDBOX_ROOT}/lab`,
  tmp: '/tmp',
};
const NAMESPACES = ['mount', 'pid', 'user', 'ipc', 'uts', 'cgroup', 'network'];
const TMP_BYTES = 64 * 1024 * 1024;
/** Threads of one host (V8, libuv, wasm, Dawn) stay well under this; a fork bomb does not. */
const PIDS_MAX = 256;

/** Environment passed to the host: nothing of the grader's own, only what the runtime needs. */
function hostEnv(labDir: string, tmpDir: string, nodeModules: string, choice: BackendChoice, parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: tmpDir,
    TMPDIR: tmpDir,
    NODE_PATH: nodeModules,
    RNN_LAB_HOST_LAB_DIR: labDir,
    TF_CPP_MIN_LOG_LEVEL: '2',
  };
  if (choice.backend) env.RNN_LAB_BACKEND = choice.backend;
  env.RNN_LAB_THREADS = String(gradingHostThreads()); // wasm kernel threads per host: the cores free while the other hosts run (issue 14)
  // The native GPU backend needs its CUDA libraries and device selection; Dawn (webgpu) finds its
  // Vulkan loader through LD_LIBRARY_PATH and a driver outside the usual folders through these.
  for (const key of ['LD_LIBRARY_PATH', 'CUDA_VISIBLE_DEVICES', 'VK_ICD_FILENAMES', 'VK_DRIVER_FILES', 'VK_ADD_DRIVER_FILES'])
    if (parent[key]) env[key] = parent[key];
  return env;
}

/** The layer `mode` asks for on this machine, or why it cannot be had. */
export function chooseLayer(
  mode: IsolationMode,
  machine: MachineSupport,
): { layer: 'bwrap' | 'permission' | 'none' } | { problem: string } {
  if (mode === 'none') return { layer: 'none' };
  if (mode === 'bwrap' || (mode === 'auto' && machine.bwrap !== undefined)) {
    return machine.bwrap !== undefined
      ? { layer: 'bwrap' }
      : { problem: `--isolation bwrap was asked for, but ${machine.bwrapProblem ?? 'bubblewrap does not run here'}` };
  }
  if (machine.permissionFlag === undefined)
    return {
      problem: `Node's permission model cannot confine the host (${machine.permissionProblem ?? 'unknown'}) and bubblewrap is not available (${machine.bwrapProblem ?? 'not probed'}); grade with --isolation none only if you trust the submission`,
    };
  return { layer: 'permission' };
}

function memoryCap(opts: LaunchOptions, machine: MachineSupport, slot: HostSlot): MemoryCap {
  const limitMb = opts.memoryMb ?? opts.heapMb + 2048;
  if (machine.memoryCgroup === undefined) return { limitMb, enforcedBy: machine.procFs ? 'rss-watchdog' : 'none' };
  const pids = machine.pidsCgroup !== undefined ? { pidsCgroup: path.join(machine.pidsCgroup, slot.id), pidsMax: PIDS_MAX } : {};
  return { limitMb, enforcedBy: 'cgroup-v1', cgroup: path.join(machine.memoryCgroup, slot.id), ...pids };
}

/** Node flags of the permission model for a host that reads `reads` and writes `tmp`. */
function permissionArgs(machine: MachineSupport, reads: string[], tmp: string, addon: boolean): string[] {
  if (machine.permissionFlag === undefined) return [];
  return [
    machine.permissionFlag,
    ...reads.map((r) => `--allow-fs-read=${r}${path.posix.sep}*`),
    `--allow-fs-write=${tmp}${path.posix.sep}*`,
    ...(addon && machine.allowAddonsFlag ? ['--allow-addons'] : []),
    ...(kernelWorkers() ? ['--allow-worker'] : []),
  ];
}

/** Whether the host's wasm kernels run on worker threads (which the permission model must allow). */
function kernelWorkers(): boolean {
  return gradingHostThreads() > 1;
}

function memoryNote(memory: MemoryCap): string {
  if (memory.enforcedBy === 'none')
    return `memory of the whole host not capped (no writable cgroup, and no /proc to watch it); only V8's heap is (--max-old-space-size), not buffers or wasm memory`;
  return memory.enforcedBy === 'cgroup-v1'
    ? `memory of the whole host capped at ${memory.limitMb} MB by a cgroup v1 memory controller${memory.pidsMax ? `; at most ${memory.pidsMax} threads and processes (cgroup v1 pids)` : ''}`
    : `memory of the whole host watched from the grader: killed when its resident memory passes ${memory.limitMb} MB (no writable cgroup here)`;
}

/** Everything the bwrap layer binds: one entry per folder or file the host reads, at its sandbox path. */
export function sandboxBinds(read: HostReadSet): ReadOnlyBind[] {
  return [
    { source: read.nodeBinary, target: IN.node },
    { source: read.sandbox, target: IN.sandbox },
    { source: read.runtime, target: IN.runtime },
    ...read.packages.map((p) => ({ source: p.dir, target: path.posix.join(IN.nodeModules, p.name) })),
    { source: read.lab, target: IN.lab },
  ];
}

function bwrapPlan(
  opts: LaunchOptions,
  machine: MachineSupport,
  read: HostReadSet,
  slot: HostSlot,
  choice: BackendChoice,
  memory: MemoryCap,
  parentEnv: NodeJS.ProcessEnv,
): HostLaunchPlan {
  const binds = sandboxBinds(read);
  // The project's own path is hidden even where /usr holds it; the binds then go on top.
  const hide = [opts.projectRoot, opts.scratchDir].filter((p) => p.startsWith('/usr/')).flatMap((p) => ['--tmpfs', p]);
  const env = hostEnv(IN.lab, IN.tmp, IN.nodeModules, choice, parentEnv);
  const addon = choice.addon !== undefined;
  const nodeArgs = [
    `--max-old-space-size=${opts.heapMb}`,
    '--no-warnings',
    ...permissionArgs(machine, [IN.sandbox, IN.runtime, IN.nodeModules, IN.lab], IN.tmp, addon),
    `${IN.sandbox}/host/hostMain.js`,
  ];
  const noexec = machine.bwrapNoexecTmp
    ? ['--uid', '0', '--gid', '0', '--cap-add', 'CAP_SYS_ADMIN', '--cap-add', 'CAP_SETPCAP', '--', '/bin/sh', '-c', NOEXEC_TMP_SCRIPT]
    : ['--'];
  const bwrapArgs = [
    ...minimalBwrapArgs(),
    ...hide,
    '--size',
    String(TMP_BYTES),
    '--tmpfs',
    IN.tmp,
    ...binds.flatMap((b) => ['--ro-bind', b.source, b.target]),
    ...(addon ? gpuBindArgs(parentEnv) : []),
    '--chdir',
    IN.tmp,
    ...noexec,
    IN.node,
    ...nodeArgs,
  ];
  const command = [...cgroupPrefix(memory), ...uidPrefix(slot.uid), machine.bwrap as string, ...bwrapArgs];
  const notes = [
    `bubblewrap sandbox: own ${NAMESPACES.join(', ')} namespaces (no network, cannot see or signal the grader or other hosts); sees only read-only binds of Node, the runtime, ${read.packages.length} packages (TensorFlow.js and its dependencies) and the compiled lab under ${SANDBOX_ROOT}; nothing of the project, the solution, the suites or the scratch folder`,
    `private ${TMP_BYTES / 1024 / 1024} MB tmpfs /tmp${machine.bwrapNoexecTmp ? ', mounted noexec; every capability dropped' : ' (not noexec: this sandbox cannot remount it)'}`,
    slot.uid !== undefined
      ? `runs as a uid of its own (one per host, from ${HOST_UID_RANGE})`
      : `runs as the grader's user (uid ${process.getuid?.() ?? '?'}) mapped into its own user namespace${slot.noUidReason ? `; ${slot.noUidReason}` : ''}`,
    machine.permissionFlag !== undefined
      ? `inside it, Node ${process.version} permission model (${machine.permissionFlag}): reads limited to the binds, writes to /tmp, no child processes${kernelWorkers() ? ', worker threads allowed (the wasm kernels use them)' : ' or workers'}, ${addon && machine.allowAddonsFlag ? `native addons allowed (${choice.addon})` : 'no native addons'}`
      : `Node's permission model not used inside it (${machine.permissionProblem ?? 'unavailable'})`,
    memoryNote(memory),
  ];
  const report: IsolationReport = {
    processBoundary: true,
    permissionModel: machine.permissionFlag !== undefined,
    unprivilegedUser: true,
    noNetwork: true,
    heapLimitMb: opts.heapMb,
    scrubbedEnv: true,
    notes,
    sandbox: 'bubblewrap',
    namespaces: NAMESPACES,
    ownUid: slot.uid !== undefined,
    separatedFromGrader: true,
    memoryLimitMb: memory.enforcedBy === 'none' ? null : memory.limitMb,
    memoryEnforcedBy: memory.enforcedBy,
    tmpNoexec: machine.bwrapNoexecTmp,
    nativeAddons: addon && (machine.permissionFlag === undefined || machine.allowAddonsFlag),
  };
  return { command: command[0], args: command.slice(1), cwd: '/', env, binds, uid: slot.uid, memory, report };
}

function permissionPlan(
  opts: LaunchOptions,
  machine: MachineSupport,
  read: HostReadSet,
  slot: HostSlot,
  choice: BackendChoice,
  memory: MemoryCap,
  parentEnv: NodeJS.ProcessEnv,
): HostLaunchPlan {
  const tmpDir = path.join(opts.scratchDir, `tmp-${slot.id}`);
  const reads = [read.sandbox, read.runtime, ...read.packages.map((p) => p.dir), read.lab];
  const env = hostEnv(read.lab, tmpDir, read.nodeModules, { backend: choice.backend }, parentEnv);
  const nodeArgs = [
    `--max-old-space-size=${opts.heapMb}`,
    '--no-warnings',
    ...permissionArgs(machine, reads, tmpDir, false),
    path.join(read.sandbox, 'host', 'hostMain.js'),
  ];
  const network = machine.unshareNetwork ? ['unshare', '-n', '--'] : [];
  const command = [...cgroupPrefix(memory), ...network, ...uidPrefix(slot.uid, machine.pdeathsig), read.nodeBinary, ...nodeArgs];
  const separated = slot.uid !== undefined;
  const notes = [
    `Node ${process.version} permission model (${machine.permissionFlag}, probed: a read outside the allowed folders was refused): reads limited to ${reads.length} real folders (the runtime, TensorFlow.js and its dependencies, the compiled lab; no links); writes to its own tmp folder; no child processes or native addons${kernelWorkers() ? '; worker threads allowed (the wasm kernels use them)' : ', no workers'}`,
    machine.unshareNetwork ? 'own empty network namespace (unshare -n)' : 'network not isolated (needs root and unshare)',
    separated
      ? `runs as a uid of its own (one per host, from ${HOST_UID_RANGE}): cannot signal the grader or other hosts`
      : `runs as the grader's user: it could signal the grader (no bubblewrap here, and ${slot.noUidReason ?? 'not root'})`,
    memoryNote(memory),
  ];
  const report: IsolationReport = {
    processBoundary: true,
    permissionModel: true,
    unprivilegedUser: separated,
    noNetwork: machine.unshareNetwork,
    heapLimitMb: opts.heapMb,
    scrubbedEnv: true,
    notes,
    sandbox: 'permission-model',
    namespaces: machine.unshareNetwork ? ['network'] : [],
    ownUid: slot.uid !== undefined,
    separatedFromGrader: separated,
    memoryLimitMb: memory.enforcedBy === 'none' ? null : memory.limitMb,
    memoryEnforcedBy: memory.enforcedBy,
    tmpNoexec: false,
    nativeAddons: false,
  };
  // An addon runs native code the permission model cannot confine: only bubblewrap may host one.
  const refusal =
    choice.addon !== undefined && choice.backend !== undefined
      ? `the ${choice.backend} backend loads a native addon (${choice.addon}), which runs only inside bubblewrap; install bubblewrap (apt-get install bubblewrap), choose --backend wasm, or grade with --isolation none`
      : undefined;
  return {
    command: command[0],
    args: command.slice(1),
    cwd: tmpDir,
    env,
    binds: [],
    tmpDir,
    uid: slot.uid,
    memory,
    report,
    ...(refusal ? { refusal } : {}),
  };
}

function plainPlan(
  opts: LaunchOptions,
  machine: MachineSupport,
  read: HostReadSet,
  slot: HostSlot,
  choice: BackendChoice,
  memory: MemoryCap,
  parentEnv: NodeJS.ProcessEnv,
): HostLaunchPlan {
  const tmpDir = path.join(opts.scratchDir, `tmp-${slot.id}`);
  const env = hostEnv(read.lab, tmpDir, read.nodeModules, choice, parentEnv);
  const command = [
    ...cgroupPrefix(memory),
    ...uidPrefix(undefined, machine.pdeathsig),
    read.nodeBinary,
    `--max-old-space-size=${opts.heapMb}`,
    '--no-warnings',
    path.join(read.sandbox, 'host', 'hostMain.js'),
  ];
  const report: IsolationReport = {
    processBoundary: true,
    permissionModel: false,
    unprivilegedUser: false,
    noNetwork: false,
    heapLimitMb: opts.heapMb,
    scrubbedEnv: true,
    notes: [
      'isolation disabled on request (--isolation none): the submission can read and write whatever the grader can, and signal it',
      memoryNote(memory),
    ],
    sandbox: 'none',
    namespaces: [],
    ownUid: false,
    separatedFromGrader: false,
    memoryLimitMb: memory.enforcedBy === 'none' ? null : memory.limitMb,
    memoryEnforcedBy: memory.enforcedBy,
    tmpNoexec: false,
    nativeAddons: choice.addon !== undefined,
  };
  return { command: command[0], args: command.slice(1), cwd: tmpDir, env, binds: [], tmpDir, memory, report };
}

/**
 * The launch of one host, as a value: nothing is created, started or probed here.
 * @param machine what this machine supports (machineSupport())
 * @param read what the host may read (hostReadSet()), already checked by readSetProblem
 * @param slot the host's name and, as root, its uid
 * @param choice the backend and the addon it needs
 */
export function planHostLaunch(
  opts: LaunchOptions,
  machine: MachineSupport,
  read: HostReadSet,
  slot: HostSlot,
  choice: BackendChoice,
  parentEnv: NodeJS.ProcessEnv = process.env,
): HostLaunchPlan {
  const memory = memoryCap(opts, machine, slot);
  const chosen = chooseLayer(opts.isolation, machine);
  if ('problem' in chosen) {
    const plan = plainPlan(opts, machine, read, slot, choice, memory, parentEnv);
    return { ...plan, refusal: chosen.problem };
  }
  if (chosen.layer === 'bwrap') return bwrapPlan(opts, machine, read, slot, choice, memory, parentEnv);
  if (chosen.layer === 'permission') return permissionPlan(opts, machine, read, slot, choice, memory, parentEnv);
  return plainPlan(opts, machine, read, slot, choice, memory, parentEnv);
}
