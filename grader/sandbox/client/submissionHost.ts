/**
 * One running submission host (a child process) and the calls in flight to it. A call that times
 * out kills the process; a process that dies fails every pending call with what it printed.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { IsolationReport } from '../../results/types';
import type { Duplex } from 'stream';
import type { HostReady, ProbeErrorKind, ProbeResponse } from '../protocol';
import { HOST_CHANNEL_FD, MAX_REPLY_BYTES, readFrames, writeFrame } from '../framedChannel';
import { PROBE_TARGETS } from '../probeApi';
import type { LaunchOptions } from './isolation';
import { prepareHostLaunch, releaseHostLaunch, type PreparedLaunch } from './hostLaunch';
import { hitMemoryLimit } from './hostFolders';
import { watchHostMemory } from './memoryWatchdog';

/** Why a probe call did not return a value. */
export type CallFailureKind = ProbeErrorKind | 'timeout' | 'crash' | 'start';

export class ProbeCallError extends Error {
  constructor(
    readonly kind: CallFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'ProbeCallError';
  }
}

const STDERR_KEEP = 4000;

/**
 * Folder of a scratch directory where each running host leaves a file named after its PID, so the
 * grader can kill whatever is still running when grading stops (at a deadline the suites that
 * started the hosts may never finish).
 */
export function hostPidDir(scratchDir: string): string {
  return path.join(scratchDir, 'host-pids');
}

/** Spawns a host process (the leader of its own process group) and keeps its PID file until it exits. */
function spawnTracked(command: string, args: string[], options: SpawnOptions, scratchDir: string): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid === undefined) return child;
  const pidFile = path.join(hostPidDir(scratchDir), String(child.pid));
  fs.mkdirSync(hostPidDir(scratchDir), { recursive: true });
  fs.writeFileSync(pidFile, '');
  child.once('exit', () => fs.rmSync(pidFile, { force: true }));
  return child;
}

/** Kills every host of this scratch folder that is still running; returns how many it signalled. */
export function killLeftoverHosts(scratchDir: string): number {
  const dir = hostPidDir(scratchDir);
  if (!fs.existsSync(dir)) return 0;
  let killed = 0;
  for (const name of fs.readdirSync(dir)) {
    if (killHostTree(Number(name))) killed++;
    fs.rmSync(path.join(dir, name), { force: true });
  }
  return killed;
}

/**
 * Kills a host and everything it started: its process group, and with it (bwrap --die-with-parent)
 * the PID namespace of its sandbox. Returns whether anything was signalled.
 */
export function killHostTree(pid: number): boolean {
  let signalled = false;
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
      signalled = true;
    } catch {
      // already gone
    }
  }
  return signalled;
}

export class SubmissionHost {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { probe: string; resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  private stderr = '';
  private exited = false;
  /** Why the grader killed the host, when it did so for a limit (said in the crash message). */
  private killedFor: string | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly isolation: IsolationReport,
    readonly ready: HostReady,
  ) {
    child.on('exit', (code, signal) =>
      this.failAll(
        (probe) =>
          new ProbeCallError(
            'crash',
            `the submission's process ended (${this.killedFor ?? signal ?? `exit code ${code}`}) while running ${target(probe)}${this.stderrTail()}`,
          ),
      ),
    );
  }

  /** Records why the host is being killed, then kills it. */
  killFor(reason: string): void {
    this.killedFor ??= reason;
    this.kill();
  }

  /** Starts a host and waits for its ready message (or fails within `startTimeoutMs`). */
  static start(opts: LaunchOptions, startTimeoutMs: number): Promise<SubmissionHost> {
    let prepared: PreparedLaunch;
    try {
      prepared = prepareHostLaunch(opts);
    } catch (err) {
      return Promise.reject(new ProbeCallError('start', `the submission host could not be prepared: ${(err as Error).message}`));
    }
    const launch = prepared.plan;
    if (launch.refusal !== undefined) {
      void releaseHostLaunch(prepared);
      return Promise.reject(new ProbeCallError('start', `the submission host was not started: ${launch.refusal}`));
    }
    const child = spawnTracked(
      launch.command,
      launch.args,
      { env: launch.env, cwd: launch.cwd, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] },
      opts.scratchDir,
    );
    let host: SubmissionHost | undefined;
    const memory = launch.memory;
    const stopWatching =
      memory?.enforcedBy === 'rss-watchdog' && child.pid !== undefined
        ? watchHostMemory(child.pid, memory.limitMb, (rssMb) =>
            host
              ? host.killFor(`killed: it used ${rssMb} MB, over its memory limit of ${memory.limitMb} MB`)
              : killHostTree(child.pid as number),
          )
        : () => undefined;
    child.once('exit', () => {
      stopWatching();
      if (host !== undefined && hitMemoryLimit(launch)) host.killedFor ??= `killed: it reached its memory limit of ${memory?.limitMb} MB`;
      void releaseHostLaunch(prepared);
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP)));
    child.stdout?.on('data', () => undefined); // the submission's prints are not part of any result
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (child.pid !== undefined) killHostTree(child.pid);
        reject(new ProbeCallError('start', `the submission host did not start within ${startTimeoutMs / 1000} s${tail(stderr)}`));
      }, startTimeoutMs);
      // One reader for the host's whole life: its first frame must be the ready message, the rest answers.
      readFrames(channelOf(child), MAX_REPLY_BYTES, {
        onMessage: (message) => (host ? host.settle(message as ProbeResponse) : ready(message as HostReady)),
        onRefused: (reason) => {
          if (host) return host.refuse(reason);
          clearTimeout(timer);
          if (child.pid !== undefined) killHostTree(child.pid);
          reject(new ProbeCallError('start', `the submission host sent ${reason} before it was ready`));
        },
      });
      const ready = (message: HostReady) => {
        clearTimeout(timer);
        const started = new SubmissionHost(child, launch.report, message);
        started.stderr = stderr;
        child.stderr?.on('data', (chunk: Buffer) => (started.stderr = (started.stderr + chunk.toString('utf8')).slice(-STDERR_KEEP)));
        host = started;
        resolve(started);
      };
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new ProbeCallError('start', `the submission host exited before it was ready (${signal ?? `exit code ${code}`})${tail(stderr)}`),
        );
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new ProbeCallError('start', `the submission host could not be started: ${err.message}`));
      });
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Sends one probe call; rejects with a ProbeCallError on failure, timeout or crash. */
  call(probe: string, args: unknown, timeoutMs: number): Promise<unknown> {
    if (this.exited) return Promise.reject(new ProbeCallError('crash', 'the submission host is no longer running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.kill();
        reject(new ProbeCallError('timeout', `timed out after ${formatSeconds(timeoutMs)} in ${target(probe)}`));
      }, timeoutMs);
      this.pending.set(id, { probe, resolve, reject, timer });
      writeFrame(channelOf(this.child), { id, probe, args }, (err) => {
        if (err) this.settle({ id, ok: false, error: { kind: 'threw', message: `could not send the call: ${err.message}` } });
      });
    });
  }

  kill(): void {
    if (!this.exited && this.child.pid !== undefined) killHostTree(this.child.pid);
    this.exited = true;
  }

  /** A reply the grader will not read: the host is killed and every call in flight fails as the submission's. */
  private refuse(reason: string): void {
    const error = (probe: string) => new ProbeCallError('bad-result', `Your code returned ${reason} from ${target(probe)}`);
    this.kill(); // first: failAll marks the host as gone
    this.failAll(error);
  }

  private settle(message: ProbeResponse): void {
    // Only the envelope is read here; the result is checked against the probe's schema by the client.
    // The host answers each call once: a frame for no call in flight (unreadable, answered already,
    // or written ahead for a call not yet made) means it is out of step, so it is not trusted again.
    const entry =
      typeof message === 'object' && message !== null && typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (entry === undefined) return this.refuse('a reply to no call the grader made');
    this.pending.delete(message.id);
    clearTimeout(entry.timer);
    if (message.ok === true) entry.resolve(message.result);
    else entry.reject(failureOf(message));
  }

  private failAll(error: (probe: string) => Error): void {
    this.exited = true;
    for (const { probe, reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(error(probe));
    }
    this.pending.clear();
  }

  private stderrTail(): string {
    return tail(this.stderr);
  }
}

const FAILURE_KINDS = new Set<string>(['missing-file', 'compile', 'missing-export', 'threw', 'bad-result', 'no-gradient']);

/** The host's account of a failed call, taken only as far as it is well formed. */
function failureOf(message: ProbeResponse): ProbeCallError {
  const error = (message as { error?: { kind?: unknown; message?: unknown } }).error;
  const kind = typeof error?.kind === 'string' && FAILURE_KINDS.has(error.kind) ? (error.kind as ProbeErrorKind) : 'bad-result';
  const text =
    typeof error?.message === 'string'
      ? error.message.slice(0, 20_000)
      : 'Your code returned a reply the grader cannot read (no result and no error)';
  return new ProbeCallError(kind, text);
}

/** The host's channel (fd 3 of the child). */
function channelOf(child: ChildProcess): Duplex {
  const channel = child.stdio[HOST_CHANNEL_FD];
  if (!channel) throw new Error('the submission host has no channel on fd 3');
  return channel as Duplex;
}

function tail(stderr: string): string {
  const text = stderr.trim();
  return text ? `; it printed:\n${text.split('\n').slice(-12).join('\n')}` : '';
}

function target(probe: string): string {
  return (PROBE_TARGETS as Record<string, string>)[probe] ?? probe;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
