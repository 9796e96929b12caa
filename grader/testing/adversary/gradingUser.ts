/**
 * The users the adversarial harness grades as: the harness's own (root on Gradescope and in CI)
 * and an unprivileged one it creates (a staff laptop), which must be able to reach the project.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface GradingUser {
  /** "root" or the unprivileged user's name, for test names. */
  label: string;
  /** Set only for a user other than the harness's own. */
  uid?: number;
  gid?: number;
}

export const UNPRIVILEGED_USER = 'rnn-lab-adversary';

/** The unprivileged user, created with useradd when it is missing (needs root). */
export function unprivilegedUser(): GradingUser {
  const id = () => spawnSync('id', ['-u', UNPRIVILEGED_USER], { encoding: 'utf8' });
  if (id().status !== 0) {
    const made = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', UNPRIVILEGED_USER], {
      encoding: 'utf8',
    });
    if (made.status !== 0) throw new Error(`useradd ${UNPRIVILEGED_USER} failed: ${made.stderr.trim()}`);
  }
  const uid = Number(id().stdout.trim());
  const gid = Number(spawnSync('id', ['-g', UNPRIVILEGED_USER], { encoding: 'utf8' }).stdout.trim());
  return { label: UNPRIVILEGED_USER, uid, gid };
}

/** The harness's own user. */
export function selfUser(): GradingUser {
  return { label: process.getuid?.() === 0 ? 'root' : (process.env.USER ?? `uid ${process.getuid?.()}`) };
}

/**
 * Lets other users into every folder on the way to `dir` (o+x), as a clone on a laptop usually
 * is; returns a function that puts the old modes back.
 */
export function openAncestors(dir: string): () => void {
  const changed: [string, number][] = [];
  let at = path.resolve(dir);
  for (;;) {
    const mode = fs.statSync(at).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(at, mode | 0o001);
      changed.push([at, mode]);
    }
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  return () => changed.forEach(([p, mode]) => fs.chmodSync(p, mode));
}

/** Makes `dir` and everything under it belong to `user` (folders it grades into). */
export function giveTo(dir: string, user: GradingUser): void {
  if (user.uid === undefined || user.gid === undefined) return;
  const walk = (p: string): void => {
    fs.lchownSync(p, user.uid!, user.gid!);
    if (fs.lstatSync(p).isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
}
