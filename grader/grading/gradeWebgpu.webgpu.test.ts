/**
 * Grading on the webgpu backend, end to end through the compiled CLI: the reference solution earns
 * full marks with the goldens, tolerances, training budgets and perplexity bars of the default
 * config, and results.json records the backend, the adapter and whether it was a GPU.
 *
 * On a software adapter (lavapipe in CI) only the time limits are raised, SOFTWARE_TIME_FACTOR
 * times. Measured on the 2-core development machine: the RNN's 460 steps took 328 s (other jobs:
 * load ~4) and 614-711 s (load ~9) against a limit of 180 s, the n-gram's 600 steps 150 s and
 * 270-334 s against 120 s; the whole grade 5.7 and 10.6-12.3 min. On a GPU the default config is
 * used as it is.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { AssignmentConfig } from '../config/assignmentConfig';
import { isSoftwareAdapter, probeAdapter } from '../runtime/webgpu/adapter';
import type { AdapterInfo } from '../runtime/webgpu/dawn';

const root = path.resolve(__dirname, '../..');
const solution = path.join(root, 'solution', 'src');
const SOFTWARE_TIME_FACTOR = 8;

function rnnLab(args: string[]) {
  const env = { ...process.env };
  delete env.RNN_LAB_BACKEND;
  const run = spawnSync(process.execPath, [path.join(root, 'bin/rnn-lab.js'), ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 1_800_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The default config, with every time limit `factor` times longer and nothing else changed. */
function slowerConfig(dir: string, factor: number): string {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'grader/config/assignment.json'), 'utf8')) as AssignmentConfig;
  for (const q of config.questions) for (const t of q.tests) t.timeoutSeconds *= factor;
  config.limits.totalTimeoutSeconds *= factor;
  const file = path.join(dir, 'assignment-slow.json');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

describe('grading on webgpu', () => {
  let dir: string;
  let adapter: AdapterInfo;
  beforeAll(() => {
    const probe = probeAdapter();
    if (!probe.ok) throw new Error(probe.problem);
    adapter = probe.adapter;
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-webgpu-grade-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the solution earns full marks, and results.json names the backend and the adapter', () => {
    const software = isSoftwareAdapter(adapter);
    const out = path.join(dir, 'out');
    const config = software ? ['--config', slowerConfig(dir, SOFTWARE_TIME_FACTOR)] : [];
    const started = Date.now();
    const r = rnnLab(['grade', solution, '--backend', 'webgpu', '--out', out, '--format', 'json', ...config]);
    process.stderr.write(
      `webgpu grade of the solution: ${((Date.now() - started) / 1000).toFixed(0)} s\n${r.stdout
        .split('\n')
        .filter((l) => /6\.\d|Total/.test(l))
        .join('\n')}\n`,
    );
    expect(r.status).toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
    const failed = results.tests
      .filter((t: { status: string }) => t.status !== 'passed')
      .map((t: { name: string; output: string }) => `${t.name}: ${t.output.slice(0, 300)}`);
    expect(failed).toEqual([]);
    expect(results.score).toBe(results.tests.reduce((s: number, t: { max_score: number }) => s + t.max_score, 0));
    expect(results.extra_data).toMatchObject({
      backend: 'webgpu',
      gpu: !software,
      adapter: { vendor: adapter.vendor, architecture: adapter.architecture, description: adapter.description },
    });
    expect(results.extra_data.device).toContain(adapter.description);
  }, 1_800_000);

  it("--require-gpu grades on a GPU adapter and refuses a software one as the grader's fault", () => {
    const out = path.join(dir, 'out');
    const r = rnnLab(['check', solution, '--backend', 'webgpu', '--require-gpu', '--out', out, '--format', 'json']);
    const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
    if (!isSoftwareAdapter(adapter)) {
      expect(r.status).toBe(0);
      expect(results.extra_data.gpu).toBe(true);
      return;
    }
    expect(r.status).toBe(70);
    expect(r.stderr).toMatch(
      /a GPU is required \(--require-gpu\) but the submission host's backend is webgpu on WebGPU \(Dawn\) on .*software adapter/,
    );
    expect(results.output).toMatch(/The autograder failed before running any test; this is not a problem with your submission/);
    expect(results.extra_data.error).toBe(true);
  });
});
