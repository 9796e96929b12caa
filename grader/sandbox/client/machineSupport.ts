/**
 * What this machine lets the grader do to confine a submission host, found by trying it once per
 * process (never from the OS name or version): bubblewrap, a remount of its tmp as noexec, Node's
 * permission model, `unshare -n` and `setpriv` as root, and writable cgroup v1 controllers.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface MachineSupport {
  isRoot: boolean;
  /** bubblewrap runs an empty-namespace sandbox here (undefined: it does not, see bwrapProblem). */
  bwrap?: string;
  bwrapProblem?: string;
  /** `mount` and `setpriv` inside the sandbox can remount its tmp noexec and drop every capability. */
  bwrapNoexecTmp: boolean;
  /** As root: bwrap also runs when started as another uid (unprivileged user namespaces), so each host can have its own. */
  bwrapAsOtherUid: boolean;
  /** The permission flag of this Node that was probed to refuse a read (undefined: none works). */
  permissionFlag?: string;
  permissionProblem?: string;
  /** This Node accepts `--allow-addons` (without it, the permission model refuses every addon). */
  allowAddonsFlag: boolean;
  /** As root: `unshare -n` gives an empty network namespace. */
  unshareNetwork: boolean;
  /** As root: `setpriv` can start a process as another uid. */
  setpriv: boolean;
  /** /proc tells a process's resident memory and children (Linux): the memory watchdog can work. */
  procFs: boolean;
  /** `setpriv --pdeathsig KILL` works: a host outside bwrap dies with the grader. */
  pdeathsig: boolean;
  /** Parent folders, created by this probe, that per-host cgroups go into (cgroup v1; undefined where not writable). */
  memoryCgroup?: string;
  pidsCgroup?: string;
}

/** Commands that make the sandbox's tmp noexec, then drop every capability (run inside bwrap by sh). */
export const NOEXEC_TMP_SCRIPT =
  'mount -o remount,bind,noexec,nosuid,nodev /tmp && exec setpriv --bounding-set=-all --inh-caps=-all --ambient-caps=-all --no-new-privs -- "$0" "$@"';

/** The bwrap arguments that give a process nothing but /usr and an empty set of namespaces. */
export function minimalBwrapArgs(): string[] {
  const args = ['--unshare-all', '--die-with-parent', '--new-session', '--ro-bind', '/usr', '/usr'];
  for (const dir of ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']) {
    const stat = fs.lstatSync(dir, { throwIfNoEntry: false });
    if (stat?.isSymbolicLink()) args.push('--symlink', fs.readlinkSync(dir), dir);
    else if (stat?.isDirectory()) args.push('--ro-bind', dir, dir);
  }
  return [...args, '--proc', '/proc', '--dev', '/dev'];
}

function runs(command: string, args: string[]): { ok: boolean; output: string } {
  const child = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  return { ok: child.status === 0, output: child.error?.message ?? `${child.stderr ?? ''}${child.stdout ?? ''}`.trim().split('\n')[0] };
}

function findBwrap(): string | undefined {
  for (const dir of ['/usr/bin', '/usr/local/bin', '/bin']) {
    const candidate = path.join(dir, 'bwrap');
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Removes the empty cgroups of hosts whose grader (the PID in their name) is gone. */
function removeStaleCgroups(parent: string): void {
  for (const name of fs.readdirSync(parent)) {
    const pid = Number(/^host-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      try {
        fs.rmdirSync(path.join(parent, name));
      } catch {
        // still has processes, or already removed
      }
    }
  }
}

/** A fresh cgroup v1 folder for rnn-lab's hosts under `controller`, or undefined where it cannot be made. */
function cgroupParent(controller: string, isRoot: boolean): string | undefined {
  if (!isRoot) return undefined;
  const parent = path.join('/sys/fs/cgroup', controller, 'rnn-lab-hosts');
  try {
    fs.mkdirSync(parent, { recursive: true });
    removeStaleCgroups(parent);
    const probe = fs.mkdtempSync(path.join(parent, 'probe-'));
    fs.rmdirSync(probe);
    return parent;
  } catch {
    return undefined;
  }
}

/**
 * Whether `flag` really confines this Node: a child started with it, allowed to read only a folder
 * that does not exist, must see process.permission and be refused this module's own file.
 * @returns undefined when it does, else what went wrong
 */
export function permissionProbe(flag: string): string | undefined {
  const script =
    'let denied=false;try{require("fs").readFileSync(process.argv[1])}catch(e){denied=e.code==="ERR_ACCESS_DENIED"}process.stdout.write(JSON.stringify({on:!!process.permission,denied}))';
  const child = spawnSync(
    process.execPath,
    [flag, '--no-warnings', `--allow-fs-read=${path.join(__dirname, 'permission-probe')}${path.sep}*`, '-e', script, __filename],
    { encoding: 'utf8', timeout: 10_000 },
  );
  try {
    const seen = JSON.parse(child.stdout) as { on: boolean; denied: boolean };
    if (!seen.on) return `${flag} left process.permission undefined`;
    if (!seen.denied) return `${flag} did not refuse a read outside the allowed folder`;
    return undefined;
  } catch {
    return `node ${flag} did not run (${child.error?.message ?? `exit ${child.status}: ${child.stderr.trim().split('\n')[0]}`})`;
  }
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

let cached: MachineSupport | undefined;

/** Probes the machine once per process (a few short child processes, about 100 ms). */
export function machineSupport(): MachineSupport {
  if (cached !== undefined) return cached;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const support: MachineSupport = {
    isRoot,
    bwrapNoexecTmp: false,
    bwrapAsOtherUid: false,
    allowAddonsFlag: process.allowedNodeEnvironmentFlags.has('--allow-addons'),
    unshareNetwork: false,
    setpriv: false,
    procFs: fs.existsSync('/proc/self/statm'),
    pdeathsig: false,
  };
  const flag = permissionFlag();
  if (flag === undefined) support.permissionProblem = `Node ${process.version} has no permission model`;
  else {
    support.permissionProblem = permissionProbe(flag);
    if (support.permissionProblem === undefined) support.permissionFlag = flag;
  }
  if (process.platform === 'linux') {
    support.setpriv = isRoot && runs('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).ok;
    const bwrap = findBwrap();
    if (bwrap === undefined) support.bwrapProblem = 'bubblewrap (bwrap) is not installed';
    else {
      const base = [...minimalBwrapArgs(), '--tmpfs', '/tmp'];
      const plain = runs(bwrap, [...base, '--', '/usr/bin/true']);
      if (!plain.ok) support.bwrapProblem = `bwrap could not make a sandbox here (${plain.output || 'no message'})`;
      else {
        support.bwrap = bwrap;
        const asNobody = ['--reuid=65534', '--regid=65534', '--clear-groups', '--', bwrap];
        support.bwrapAsOtherUid = support.setpriv && runs('setpriv', [...asNobody, ...base, '--', '/usr/bin/true']).ok;
        // Probed the way hosts will run: as another uid where that works, else as this user.
        const [command, prefix] = support.bwrapAsOtherUid ? ['setpriv', asNobody] : [bwrap, []];
        const noexec = [
          '--uid',
          '0',
          '--gid',
          '0',
          '--cap-add',
          'CAP_SYS_ADMIN',
          '--cap-add',
          'CAP_SETPCAP',
          '--',
          '/bin/sh',
          '-c',
          NOEXEC_TMP_SCRIPT,
          '/bin/sh',
          '-c',
          'cp /usr/bin/true /tmp/t && ! /tmp/t 2>/dev/null && grep -q "Bnd:.0000000000000000" /proc/self/status',
        ];
        support.bwrapNoexecTmp = runs(command, [...prefix, ...base, ...noexec]).ok;
      }
    }
    support.pdeathsig = runs('setpriv', ['--pdeathsig', 'KILL', '--', 'true']).ok;
    support.unshareNetwork = isRoot && runs('unshare', ['-n', 'true']).ok;
    support.memoryCgroup = cgroupParent('memory', isRoot);
    support.pidsCgroup = cgroupParent('pids', isRoot);
  }
  cached = support;
  return support;
}
