/**
 * A name for each host and, as root, a uid of its own from a reserved range, so that no host can
 * signal or read the files of another host or of the grader. A uid is held by a lock file that
 * names the grader's PID; a lock whose grader is gone is taken over.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { HostSlot } from './isolation';

/** Host uids: 1000 of them from here, far above any account a distribution creates. */
export const HOST_UID_BASE = 420_000;
const HOST_UID_COUNT = 1000;
/** The range, as reports say it. */
export const HOST_UID_RANGE = `${HOST_UID_BASE}-${HOST_UID_BASE + HOST_UID_COUNT - 1}`;
let counter = 0;

function lockDir(): string {
  const dir = path.join(fs.existsSync('/run') ? '/run' : os.tmpdir(), 'rnn-lab-host-uids');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of one free uid; undefined when all are held. */
function lockUid(): number | undefined {
  const dir = lockDir();
  const start = (process.pid * 7 + counter) % HOST_UID_COUNT;
  for (let i = 0; i < HOST_UID_COUNT; i++) {
    const uid = HOST_UID_BASE + ((start + i) % HOST_UID_COUNT);
    const file = path.join(dir, String(uid));
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return uid;
    } catch {
      const holder = Number(fs.readFileSync(file, { encoding: 'utf8', flag: 'r' }) || 0);
      if (holder > 0 && !alive(holder)) {
        fs.rmSync(file, { force: true });
        i--; // try the same uid again
      }
    }
  }
  return undefined;
}

/**
 * A new slot; with `ownUid` (root, and every path the host needs is reachable by other users) a
 * uid of its own.
 */
export function allocateHostSlot(ownUid: boolean): HostSlot {
  // Random too: each Jest suite file has its own copy of this module, and so of the counter.
  const id = `host-${process.pid}-${++counter}-${randomBytes(4).toString('hex')}`;
  const uid = ownUid ? lockUid() : undefined;
  return uid === undefined ? { id } : { id, uid };
}

export function releaseHostSlot(slot: HostSlot): void {
  if (slot.uid !== undefined) fs.rmSync(path.join(lockDir(), String(slot.uid)), { force: true });
}

/**
 * The first folder on the way to `dir` (itself included) that other users cannot enter, if any:
 * a host with a uid of its own could not reach the runtime through it (e.g. a project cloned under
 * a mode-700 temp folder).
 */
export function unsearchableAncestor(dir: string): string | undefined {
  const parts = path.resolve(dir).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const at = path.sep + parts.slice(0, i).join(path.sep);
    const stat = fs.statSync(at, { throwIfNoEntry: false });
    if (stat === undefined) return undefined;
    if ((stat.mode & 0o001) === 0) return at;
  }
  return undefined;
}
