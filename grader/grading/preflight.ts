/**
 * Checks, in the trusted process and before a submission is staged, that grading can run at all:
 * the requested backend can be had, the grading corpus loads (when a selected test trains), a
 * submission host starts on this Node with the run's isolation and backend, and, with
 * `requireGpu`, that host computes on a GPU. A failure here is the
 * grader's (a GraderFault), never the submission's: no test is run, so none can be blamed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GraderFault } from '../errors';
import type { GradingRunOptions } from '../runOptions';
import { ensureCorpus } from '../corpus';
import { backendProblem } from '../runtime/backend';
import { backendNameOf } from '../runtime/backendNames';
import { SubmissionHost } from '../sandbox/client/submissionHost';
import { projectRoot } from '../projectRoot';
import type { HostInfo } from './runSuites';

export interface PreflightOptions extends Pick<GradingRunOptions, 'backend' | 'isolation' | 'requireGpu'> {
  heapMb: number;
  /** Some selected test trains on the grading corpus. */
  needsCorpus: boolean;
}

const HOST_START_TIMEOUT_MS = 30_000;
const passed = new Map<string, Promise<Omit<HostInfo, 'startTimesMs'>>>();

/** Starts one host on an empty lab and stops it: what it reports is what the run's hosts will get. */
async function startProbeHost(opts: PreflightOptions): Promise<Omit<HostInfo, 'startTimesMs'>> {
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-preflight-'));
  try {
    fs.chmodSync(scratchDir, 0o755); // the host may run as nobody
    fs.mkdirSync(path.join(scratchDir, 'lab'), { mode: 0o755 });
    const launch = {
      projectRoot: projectRoot(),
      labDir: path.join(scratchDir, 'lab'),
      scratchDir,
      heapMb: opts.heapMb,
      backend: opts.backend,
      isolation: opts.isolation,
    };
    const host = await SubmissionHost.start(launch, HOST_START_TIMEOUT_MS).catch((err: Error) => {
      throw new GraderFault(
        'host',
        `the submission host (the process that runs submissions) could not start on Node ${process.version}: ${err.message}`,
      );
    });
    host.kill();
    return {
      backend: host.ready.backend,
      device: host.ready.device,
      gpu: host.ready.gpu,
      adapter: host.ready.adapter,
      isolation: host.isolation,
    };
  } finally {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

async function check(opts: PreflightOptions): Promise<Omit<HostInfo, 'startTimesMs'>> {
  const backend = backendNameOf(opts.backend);
  if (backend === null)
    throw new GraderFault('backend', `'${opts.backend}' is not a TensorFlow.js backend (choose tensorflow, webgpu, wasm, cpu or auto)`);
  const problem = backend === undefined ? undefined : backendProblem(backend);
  if (problem !== undefined)
    throw new GraderFault('backend', `the TensorFlow.js backend '${backend}' was asked for but is not available here: ${problem}`);
  if (opts.requireGpu && (backend === 'wasm' || backend === 'cpu'))
    throw new GraderFault('backend', `a GPU is required (--require-gpu) but the backend asked for, '${backend}', runs on the CPU`);
  if (opts.needsCorpus) {
    await ensureCorpus().catch((err: Error) => {
      throw new GraderFault('corpus', `the grading corpus could not be loaded: ${err.message}`);
    });
  }
  const host = await startProbeHost(opts);
  if (opts.requireGpu && !host.gpu) {
    throw new GraderFault(
      'gpu',
      `a GPU is required (--require-gpu) but the submission host's backend is ${host.backend} on ${host.device}, not a GPU (the webgpu backend needs a hardware adapter, tensorflow the CUDA 11.2 libraries)`,
    );
  }
  return host;
}

/**
 * Throws a GraderFault when grading cannot run; else returns what the host reported (backend,
 * device, isolation). A check that passed is not repeated in this process (verify grades many).
 */
export function preflight(opts: PreflightOptions): Promise<Omit<HostInfo, 'startTimesMs'>> {
  const key = JSON.stringify(opts);
  let pending = passed.get(key);
  if (pending === undefined) {
    pending = check(opts);
    passed.set(key, pending);
    pending.catch(() => passed.delete(key));
  }
  return pending;
}
