/**
 * Entry of the submission host: an untrusted child process that loads the student's compiled lab
 * files and answers probe calls from the grader over its channel (fd 3, framedChannel.ts). It never decides a grade; it only
 * reports what the submission's code returned.
 */
import * as net from 'net';
import { initRuntime, parseBackendName } from '../../runtime/backend';
import { HOST_CHANNEL_FD, readFrames, writeFrame } from '../framedChannel';
import { HOST_ENV, type HostReady, type ProbeRequest, type ProbeResponse } from '../protocol';
import { LabLoader, ProbeError, describeError } from './labLoader';
import { HOST_STACK_TRACE_LIMIT } from './studentFrame';
import { dataProbes } from './probes/dataProbes';
import { modelProbes } from './probes/modelProbes';
import { trainProbes } from './probes/trainProbes';
import { installTensorCensus } from './tensorCensus';

type AnyProbe = (args: unknown) => unknown;

async function main(): Promise<void> {
  const started = performance.now();
  // Deep enough that a tfjs error raised in student code still has the student's frame.
  Error.stackTraceLimit = HOST_STACK_TRACE_LIMIT;
  const labDir = process.env[HOST_ENV.labDir];
  if (!labDir) throw new Error(`the host needs ${HOST_ENV.labDir}`);
  const channel = new net.Socket({ fd: HOST_CHANNEL_FD, readable: true, writable: true });
  const runtime = await initRuntime(parseBackendName(process.env[HOST_ENV.backend]));
  // Before any submission code loads, so the count is not the submission's to rewrite.
  const census = installTensorCensus();
  const lab = new LabLoader(labDir);
  const probes = { ...dataProbes(lab), ...modelProbes(lab), ...trainProbes(lab, census) } as unknown as Record<string, AnyProbe>;
  const send = (message: ProbeResponse | HostReady) => writeFrame(channel, message);

  const answer = async (request: ProbeRequest) => {
    const probe = probes[request.probe];
    if (probe === undefined) {
      send({ id: request.id, ok: false, error: { kind: 'bad-result', message: `unknown probe ${request.probe}` } });
      return;
    }
    try {
      send({ id: request.id, ok: true, result: await probe(request.args) });
    } catch (err) {
      const error =
        err instanceof ProbeError
          ? { kind: err.kind, message: err.message }
          : { kind: 'threw' as const, message: describeError(err, labDir) };
      send({ id: request.id, ok: false, error });
    }
  };
  // The grader's requests are its own, so the host reads them uncapped.
  readFrames(channel, Number.MAX_SAFE_INTEGER, { onMessage: (m) => void answer(m as ProbeRequest), onRefused: () => process.exit(3) });
  channel.on('close', () => process.exit(0));
  // Before any submission code is loaded, so what it says about the backend is the runtime's.
  send({
    ready: true,
    backend: runtime.backend,
    device: runtime.device,
    gpu: runtime.gpu,
    ...(runtime.adapter ? { adapter: runtime.adapter } : {}),
    startMs: performance.now() - started,
  });
}

main().catch((err) => {
  process.stderr.write(`submission host failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(3);
});
