/**
 * The pieces a host's command line is built from, outside the plan itself (isolation.ts): the
 * prefixes that move the launcher into the host's cgroups and drop it to the host's uid, and the
 * binds the GPU backends need inside bubblewrap.
 */
import * as path from 'path';
import type { MemoryCap } from './isolation';

/** Prefix that moves the launcher into the host's cgroups before anything of the host exists. */
export function cgroupPrefix(memory: MemoryCap): string[] {
  if (memory.cgroup === undefined) return [];
  const dirs = [memory.cgroup, ...(memory.pidsCgroup ? [memory.pidsCgroup] : [])];
  const script = 'for d in "$@"; do [ "$d" = -- ] && break; echo $$ > "$d/cgroup.procs" || exit 97; shift; done; shift; exec "$@"';
  return ['/bin/sh', '-c', script, 'rnn-lab-host', ...dirs, '--'];
}

/** Prefix that starts the rest as the slot's uid (root only) and, with `pdeathsig`, killed when the grader dies. */
export function uidPrefix(uid: number | undefined, pdeathsig = false): string[] {
  const death = pdeathsig ? ['--pdeathsig', 'KILL'] : [];
  if (uid === undefined) return death.length > 0 ? ['setpriv', ...death, '--'] : [];
  return ['setpriv', ...death, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--'];
}

/** Binds Dawn needs for the webgpu backend and CUDA for tfjs-node-gpu: GPU device nodes and driver files. */
export function gpuBindArgs(env: NodeJS.ProcessEnv): string[] {
  const args = [
    '--dev-bind-try',
    '/dev/dri',
    '/dev/dri',
    '--ro-bind-try',
    '/etc/vulkan',
    '/etc/vulkan',
    '--ro-bind-try',
    '/sys/dev/char',
    '/sys/dev/char',
    '--ro-bind-try',
    '/sys/devices',
    '/sys/devices',
  ];
  for (const dev of [
    'nvidiactl',
    'nvidia-uvm',
    'nvidia-uvm-tools',
    'nvidia-modeset',
    'dxg',
    ...Array.from({ length: 8 }, (_, i) => `nvidia${i}`),
  ])
    args.push('--dev-bind-try', `/dev/${dev}`, `/dev/${dev}`);
  const files = [env.LD_LIBRARY_PATH, env.VK_ICD_FILENAMES, env.VK_DRIVER_FILES, env.VK_ADD_DRIVER_FILES]
    .flatMap((v) => (v ?? '').split(':'))
    .filter((p) => path.isAbsolute(p) && !p.startsWith('/usr/'));
  for (const file of files) args.push('--ro-bind-try', file, file);
  return args;
}
