/**
 * The Slurm script as staff use it, on a real single-node Slurm started for the test (slurm-wlm and
 * munge from Debian, everything under one temporary folder): the script `--emit-slurm` wrote
 * submits 2 array tasks and the merge after them, and the gradebook they make equals the one
 * `batch` writes without Slurm (apart from the seconds). Run by `npm run test:slurm`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli, fixtureClass, gradebookWithoutTimes, quickConfig } from '../testing';
import { startLocalSlurm, type LocalSlurm } from './localSlurm';

let work: string;
let slurm: LocalSlurm | undefined;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-slurm-test-'));
  slurm = await startLocalSlurm();
}, 60_000);

afterAll(async () => {
  await slurm?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('rnn-lab batch --emit-slurm on a real Slurm', () => {
  it('grades 5 submissions in 2 array tasks, merges after them, and gives the gradebook of a batch without Slurm', async () => {
    const config = quickConfig(work);
    const subs = fixtureClass(path.join(work, 'class'), ['solution', 'syntax-error-in-loss', 'crash-process-exit', 'missing-file']);
    fs.writeFileSync(path.join(subs, 'broken.zip'), 'not a zip');
    const local = path.join(work, 'local');
    expect(cli(['batch', subs, '--out', local, '--config', config, '--jobs', '2']).status).toBe(0);

    const out = path.join(work, 'cluster');
    const script = path.join(work, 'grade.sbatch');
    const emitted = cli(['batch', subs, '--out', out, '--config', config, '--emit-slurm', script, '--shards', '2']);
    expect(emitted.stderr).toBe('');
    expect(emitted.status).toBe(0);
    expect(emitted.stdout).toMatch(/5 submissions in 2 array tasks of 1 cores, 1408 MB and 00:40:00 each/);
    const text = fs.readFileSync(script, 'utf8');
    expect(text).toMatch(/^#SBATCH --array=1-2$/m);
    expect(text).not.toMatch(/--gres/);

    const submitted = execFileSync('bash', [script], { env: slurm!.env, encoding: 'utf8' });
    const ids = /submitted grading job (\d+) \(2 array tasks\) and merge job (\d+)/.exec(submitted);
    expect(ids).not.toBeNull();
    const [grade, merge] = [ids![1], ids![2]];
    await slurm!.waitForJobs([grade, merge], 540_000);
    const states = slurm!.finishedStates();
    expect([states.get(`${grade}_1`), states.get(`${grade}_2`), states.get(merge)]).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);

    expect(fs.readdirSync(path.join(out, 'shards', '1', 'submissions')).sort()).toEqual([
      'broken.zip',
      'missing-file',
      'syntax-error-in-loss',
    ]);
    expect(fs.readdirSync(path.join(out, 'shards', '2', 'submissions')).sort()).toEqual(['crash-process-exit', 'solution']);
    const cluster = gradebookWithoutTimes(path.join(out, 'grades.csv'));
    expect(cluster).toHaveLength(6);
    expect(cluster).toEqual(gradebookWithoutTimes(path.join(local, 'grades.csv')));
    expect(fs.readdirSync(path.join(out, 'slurm')).filter((f) => f.startsWith('grade-'))).toHaveLength(2);
  }, 600_000);
});
