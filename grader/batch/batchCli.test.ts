/** The batch and merge commands refuse bad usage with exit 2 and a message, before grading anything. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from './testing';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-batch-cli-'));
  fs.mkdirSync(path.join(work, 'class', 'alice'), { recursive: true });
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('rnn-lab batch and merge usage', () => {
  it('are listed in --help', () => {
    const r = cli(['--help']);
    expect(r.stdout).toMatch(/rnn-lab batch \[input\]/);
    expect(r.stdout).toMatch(/rnn-lab merge \[dirs\.\.\]/);
  });

  it.each([
    [['batch'], /batch needs the submissions to grade/],
    [['batch', 'no/such/folder', '--out', 'x'], /the input no\/such\/folder does not exist/],
    [['batch', '{class}', '--out', '{out}', '--shard', '3/2'], /--shard 3\/2: i must lie between 1 and 2/],
    [['batch', '{class}', '--out', '{out}', '--jobs', '0'], /--jobs must be a positive integer, got 0/],
    [['batch', '{class}', '--out', '{out}', '--format', 'pdf'], /unknown report format "pdf"/],
    [
      ['batch', '{class}', '--out', '{out}', '--emit-slurm', '{out}/x.sbatch', '--shard', '1/2'],
      /--emit-slurm writes a script for every shard/,
    ],
    [['merge', '--out', '{out}'], /merge needs the output folders to merge/],
    [['merge', '{class}', '--out', '{out}'], /is not the output of rnn-lab batch/],
  ])('%j', (args, message) => {
    const r = cli(args.map((a) => a.replace('{class}', path.join(work, 'class')).replace('{out}', path.join(work, 'out'))));
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(2);
    expect(fs.existsSync(path.join(work, 'out'))).toBe(false);
  });
});
