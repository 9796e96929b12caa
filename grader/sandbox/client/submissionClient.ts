/**
 * The typed client the hidden suites use: `client.call('rnn.forward', args, timeoutMs)`. It starts
 * a host on first use and replaces it after a timeout, a crash or a reply of the wrong type, so one
 * hang costs one test.
 */
import { PROBE_TARGETS, type ProbeApi, type ProbeName } from '../probeApi';
import { replyProblem } from './replySchemas';
import type { GpuAdapterReport, IsolationReport } from '../../results/types';
import { ProbeCallError, SubmissionHost } from './submissionHost';
import type { LaunchOptions } from './isolation';

export { ProbeCallError } from './submissionHost';

export class SubmissionClient {
  private host: SubmissionHost | undefined;
  private starting: Promise<SubmissionHost> | undefined;
  /** Isolation of the most recent host (the same for every host of a run). */
  isolation: IsolationReport | undefined;
  backend: string | undefined;
  device: string | undefined;
  gpu: boolean | undefined;
  adapter: GpuAdapterReport | undefined;
  /** Milliseconds from spawning a host to its first answer, per host started. */
  readonly startTimes: number[] = [];

  constructor(
    private readonly launch: LaunchOptions,
    private readonly startTimeoutMs = 30_000,
  ) {}

  async call<K extends ProbeName>(probe: K, args: ProbeApi[K]['args'], timeoutMs: number): Promise<ProbeApi[K]['result']> {
    const host = await this.liveHost();
    try {
      const reply = await host.call(probe, args, timeoutMs);
      // Checked before anyone uses it: the host may send any value a structured clone can hold.
      const problem = replyProblem(probe, reply);
      if (problem !== undefined) {
        // Not asked again: a host that sends what no probe returns may have more such frames queued.
        this.discard(host);
        throw new ProbeCallError('bad-result', `Your code returned a reply the grader cannot use from ${PROBE_TARGETS[probe]}: ${problem}`);
      }
      return reply as ProbeApi[K]['result'];
    } catch (err) {
      if (err instanceof ProbeCallError && (err.kind === 'timeout' || err.kind === 'crash')) this.discard(host);
      throw err;
    }
  }

  close(): void {
    if (this.host) this.discard(this.host);
  }

  private async liveHost(): Promise<SubmissionHost> {
    if (this.host?.alive) return this.host;
    if (!this.starting) {
      const started = performance.now();
      this.starting = SubmissionHost.start(this.launch, this.startTimeoutMs).finally(() => (this.starting = undefined));
      const host = await this.starting;
      this.startTimes.push(performance.now() - started);
      this.host = host;
      this.isolation = host.isolation;
      this.backend = host.ready.backend;
      this.device = host.ready.device;
      this.gpu = host.ready.gpu;
      this.adapter = host.ready.adapter;
      return host;
    }
    return this.starting;
  }

  private discard(host: SubmissionHost): void {
    host.kill();
    if (this.host === host) this.host = undefined;
  }
}
