/**
 * The side effects of a host launch plan (isolation.ts): its private tmp folder (owned by its uid)
 * and its cgroups with their limits, made before the start and removed after the host is gone.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { HostLaunchPlan } from './isolation';

function writeLimit(dir: string, file: string, value: number): void {
  fs.writeFileSync(path.join(dir, file), String(value));
}

/** Creates what `plan` needs on this side; throws with the path when it cannot. */
export function prepareHostFolders(plan: HostLaunchPlan): void {
  if (plan.tmpDir !== undefined) {
    fs.mkdirSync(plan.tmpDir, { recursive: true, mode: 0o700 });
    if (plan.uid !== undefined) fs.chownSync(plan.tmpDir, plan.uid, plan.uid);
  }
  const memory = plan.memory;
  if (memory?.cgroup !== undefined) {
    fs.mkdirSync(memory.cgroup, { recursive: true });
    const bytes = memory.limitMb * 1024 * 1024;
    writeLimit(memory.cgroup, 'memory.limit_in_bytes', bytes);
    // With swap accounting, the same cap on memory + swap: swapping out does not escape it.
    if (fs.existsSync(path.join(memory.cgroup, 'memory.memsw.limit_in_bytes')))
      writeLimit(memory.cgroup, 'memory.memsw.limit_in_bytes', bytes);
  }
  if (memory?.pidsCgroup !== undefined && memory.pidsMax !== undefined) {
    fs.mkdirSync(memory.pidsCgroup, { recursive: true });
    writeLimit(memory.pidsCgroup, 'pids.max', memory.pidsMax);
  }
}

/** Whether the host's memory cgroup saw its limit hit (the kernel killed a process of it). */
export function hitMemoryLimit(plan: HostLaunchPlan): boolean {
  const dir = plan.memory?.cgroup;
  if (dir === undefined) return false;
  try {
    const oom = fs.readFileSync(path.join(dir, 'memory.oom_control'), 'utf8');
    return /oom_kill [1-9]/.test(oom) || Number(fs.readFileSync(path.join(dir, 'memory.failcnt'), 'utf8')) > 0;
  } catch {
    return false;
  }
}

/** Removes the host's cgroups and tmp folder once its processes are gone (a busy cgroup is retried briefly). */
export async function releaseHostFolders(plan: HostLaunchPlan): Promise<void> {
  for (const dir of [plan.memory?.cgroup, plan.memory?.pidsCgroup]) {
    if (dir === undefined) continue;
    for (let attempt = 0; attempt < 20 && fs.existsSync(dir); attempt++) {
      try {
        fs.rmdirSync(dir);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
  if (plan.tmpDir !== undefined) fs.rmSync(plan.tmpDir, { recursive: true, force: true });
}
