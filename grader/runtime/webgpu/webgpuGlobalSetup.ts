/**
 * Global setup of `npm run test:webgpu` (jest.webgpu.config.js): builds dist/ like the main run,
 * then asks Dawn for an adapter and stops the whole run, with the reason and the fix, when there is
 * none, rather than letting every test fail on its own. A machine that does not want these tests
 * says so with RNN_LAB_WEBGPU_TESTS=off (scripts/test-webgpu.js then never starts Jest).
 */
import buildOnce from '../../testing/buildOnce';
import { probeAdapter } from './adapter';

export default function webgpuGlobalSetup(): void {
  buildOnce();
  const probe = probeAdapter();
  if (!probe.ok) {
    throw new Error(
      `the webgpu tests need a WebGPU adapter, and there is none here: ${probe.problem}\n(set RNN_LAB_WEBGPU_TESTS=off where these tests are not wanted)`,
    );
  }
  process.stderr.write(`\nwebgpu tests on ${probe.adapter.description} (${probe.adapter.vendor}, ${probe.adapter.architecture})\n`);
}
