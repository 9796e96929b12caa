/**
 * Same code, same seed, same backend: same grade. The solution is graded twice through the real
 * CLI (each training run in fresh hosts, as always); results.json and the run's evidence (every
 * training loss, every perplexity) must agree exactly, apart from timings and timestamps.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

/** Keys that hold wall-clock times; their values may differ between two runs. */
const TIMING_KEYS = new Set(['execution_time', 'executionSeconds', 'durationMs', 'seconds', 'startedAt', 'startTimesMs']);

/** A copy without timings: timing keys dropped, durations in text ("in 12.3 s") replaced. */
function withoutTimings(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\d+(\.\d+)? (s|ms)\b/g, '<time>');
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !TIMING_KEYS.has(k))
        .map(([k, v]) => [k, withoutTimings(v)]),
    );
  }
  return value;
}

function gradeSolution(out: string): {
  results: unknown;
  run: { tests: { id: string; details?: { training?: { losses: number[]; perplexity: number } } }[] };
} {
  const cli = spawnSync(
    process.execPath,
    [path.join(root, 'bin/rnn-lab.js'), 'grade', path.join(root, 'solution/src'), '--out', out, '--format', 'json', '--seed', '0'],
    { cwd: root, encoding: 'utf8', timeout: 240_000 },
  );
  expect({ status: cli.status, stderr: cli.status === 0 ? '' : cli.stderr }).toEqual({ status: 0, stderr: '' });
  return {
    results: JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')),
    run: JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8')),
  };
}

it('grading the solution twice with one seed gives identical results.json and training curves', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-repro-'));
  try {
    const first = gradeSolution(path.join(dir, 'first'));
    const second = gradeSolution(path.join(dir, 'second'));
    expect(withoutTimings(second.results)).toEqual(withoutTimings(first.results));
    const training = (r: typeof first) =>
      r.run.tests
        .filter((t) => t.details?.training)
        .map((t) => ({ id: t.id, losses: t.details?.training?.losses, perplexity: t.details?.training?.perplexity }));
    expect(training(first).map((t) => t.id)).toEqual(['training.ngram', 'training.rnn']);
    expect(training(second)).toEqual(training(first));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 480_000);
