/** Processes of this machine found by text in their command line (Linux /proc). */
import * as fs from 'fs';

/** "pid: command line" of every process whose command line contains one of `marks`, this one excluded. */
export function processesMatching(marks: readonly string[]): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  if (marks.length === 0 || !fs.existsSync('/proc')) return found;
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      continue; // gone, or not ours to read
    }
    if (marks.some((m) => cmdline.includes(m))) found.push({ pid, cmdline });
  }
  return found;
}

/** SIGKILLs the given processes (the harness's own gradings' leftovers), ignoring those already gone. */
export function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
