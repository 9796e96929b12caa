/**
 * A grading run that reaches the config's total time limit still writes results: finished tests
 * keep their scores, the rest are listed as not run, and no submission process outlives it. The
 * submission is the solution with a trainRnn that never returns, so the limit is reached whatever
 * the machine's speed.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_CONFIG_PATH } from '../config/loadConfig';

const root = path.resolve(__dirname, '../..');

/** Command lines of running processes that mention `text` (Linux /proc). */
function processesMentioning(text: string): string[] {
  return fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .map((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        return '';
      }
    })
    .filter((cmd) => cmd.includes(text));
}

it('stops at totalTimeoutSeconds with partial results', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-deadline-'));
  try {
    const config = JSON.parse(fs.readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));
    config.limits.totalTimeoutSeconds = 40;
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
    const submission = path.join(dir, 'submission');
    fs.cpSync(path.join(root, 'solution/src'), submission, { recursive: true });
    const train = path.join(submission, 'train.ts');
    const spin = fs
      .readFileSync(train, 'utf8')
      .replace(
        '  return runTraining([embedding, Wr, br, Wo, bo]',
        '  while (Date.now() > 0) Math.sqrt(2); // never returns\n  return runTraining([embedding, Wr, br, Wo, bo]',
      );
    fs.writeFileSync(train, spin);
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [path.join(root, 'bin/rnn-lab.js'), 'grade', submission, '--out', path.join(dir, 'out'), '--config', path.join(dir, 'config.json')],
      { cwd: root, encoding: 'utf8', timeout: 180_000 },
    );
    expect(run.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(120_000);
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'results.json'), 'utf8'));
    const statuses = results.tests.map((t: { extra_data: { status: string } }) => t.extra_data.status);
    expect(results.tests).toHaveLength(24);
    expect(statuses).toContain('passed');
    expect(statuses).toContain('not_run');
    expect(results.output).toMatch(/time limit of 40 s/);
    const notRun = results.tests.find((t: { extra_data: { status: string } }) => t.extra_data.status === 'not_run');
    expect(notRun.output).toMatch(/reached its time limit/);
    const rnnTraining = results.tests.find((t: { extra_data: { id: string } }) => t.extra_data.id === 'training.rnn');
    expect(rnnTraining.extra_data.status).toBe('not_run');
    // The spinning host was killed with the grader: no process runs from this run's scratch folder.
    const scratch = /scratch folder kept at (\S+)/.exec(results.output)?.[1];
    expect(scratch).toBeDefined();
    expect(processesMentioning(scratch as string)).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 240_000);
