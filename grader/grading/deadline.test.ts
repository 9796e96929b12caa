/** A grading run that reaches the config's total time limit still writes results: finished tests keep their scores, the rest are listed as not run. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_CONFIG_PATH } from '../config/loadConfig';

const root = path.resolve(__dirname, '../..');

it('stops at totalTimeoutSeconds with partial results', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-deadline-'));
  try {
    const config = JSON.parse(fs.readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));
    config.limits.totalTimeoutSeconds = 12;
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
    const started = Date.now();
    const run = spawnSync(process.execPath, [path.join(root, 'bin/rnn-lab.js'), 'grade', path.join(root, 'solution/src'), '--out', path.join(dir, 'out'), '--config', path.join(dir, 'config.json')], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(run.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'results.json'), 'utf8'));
    const statuses = results.tests.map((t: { extra_data: { status: string } }) => t.extra_data.status);
    expect(results.tests).toHaveLength(24);
    expect(statuses).toContain('passed');
    expect(statuses).toContain('not_run');
    expect(results.output).toMatch(/time limit of 12 s/);
    const notRun = results.tests.find((t: { extra_data: { status: string } }) => t.extra_data.status === 'not_run');
    expect(notRun.output).toMatch(/reached its time limit/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 150_000);
