/**
 * The suites run in a child process: a child that dies is reported, not fatal, and the hand-off
 * is schema-checked where it is read (a context that does not fit its schema stops the child).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfig } from '../config/loadConfig';
import { runSuites } from './runSuites';
import { readOutcomes, type SuiteContextFile } from './suiteContextFile';

const root = path.resolve(__dirname, '../..');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-suites-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function context(testIds: string[]): SuiteContextFile {
  const config = loadConfig().config;
  if (!config) throw new Error('the default config does not load');
  return {
    projectRoot: root,
    labDir: path.join(dir, 'lab'),
    scratchDir: dir,
    isolation: 'auto',
    config,
    outcomesPath: path.join(dir, 'outcomes.jsonl'),
    hostInfoPath: path.join(dir, 'hosts.jsonl'),
    testIds,
  };
}

describe('runSuites', () => {
  it('reports a suite process that dies instead of dying with it (here: a context that fails its schema)', async () => {
    const broken = { ...context(['data.vocab']), isolation: 'sometimes' } as unknown as SuiteContextFile;
    const run = await runSuites(broken, dir, 60_000);
    expect(run.deadlineHit).toBe(false);
    expect(run.outcomes).toEqual([]);
    expect(run.crashed).toMatch(
      /^exit code 1; it printed:\n[\s\S]*the suite context .* is not valid: \/isolation must be equal to one of the allowed values/,
    );
  }, 90_000);

  it('kills the suite process at the deadline and returns what was recorded', async () => {
    const started = Date.now();
    const run = await runSuites(context(['data.vocab']), dir, 300);
    expect(run).toMatchObject({ deadlineHit: true, outcomes: [] });
    expect(run.crashed).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('drops a returned line that does not fit the outcome schema, and says so', () => {
    const file = path.join(dir, 'outcomes.jsonl');
    fs.writeFileSync(
      file,
      `${JSON.stringify({ id: 'a.b', status: 'passed', message: 'ok', durationMs: 3 })}\n{"id":"a.c","status":"won","message":"","durationMs":0}\nnot json\n`,
    );
    const read = readOutcomes(file);
    expect(read.items.map((o) => o.id)).toEqual(['a.b']);
    expect(read.rejected).toEqual([
      'outcomes.jsonl line 2 does not fit its schema: /status must be equal to one of the allowed values',
      'outcomes.jsonl line 3 is not JSON',
    ]);
  });
});
