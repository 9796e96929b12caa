/**
 * A batch that is killed or interrupted leaves only finished results and resumes where it stopped;
 * its output folder is never taken over by another batch; shards merge into the gradebook the
 * whole batch writes. Real CLI runs on three quick submissions (the quick config: no training).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BatchEntry } from './types';
import { cli, cliAsync, fixtureClass, gradebookWithoutTimes, processesMentioning, quickConfig, sleep, until } from './testing';

let work: string;
let config: string;
let subs: string;
let out: string;

const entryOf = (dir: string, key: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'submissions', key, 'entry.json'), 'utf8')) as BatchEntry;
const installed = (dir: string) =>
  fs.existsSync(path.join(dir, 'submissions')) ? fs.readdirSync(path.join(dir, 'submissions')).sort() : [];
const exited = (child: ReturnType<typeof cliAsync>) =>
  new Promise<{ code: number | null; stdout: string }>((resolve) => {
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout }));
  });

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-resume-test-'));
  config = quickConfig(work);
  subs = fixtureClass(path.join(work, 'class'), ['solution', 'syntax-error-in-loss']);
  fs.writeFileSync(path.join(subs, 'broken.zip'), 'PK but not really');
  out = path.join(work, 'out');
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('an interrupted batch', () => {
  it('killed with SIGKILL: its grading run dies with it, only whole results remain; Ctrl-C stops cleanly (exit 130); the rerun grades only what is missing', async () => {
    const args = ['batch', subs, '--out', out, '--config', config, '--jobs', '1'];
    const first = cliAsync(args);
    const firstDone = exited(first);
    await until(() => installed(out).length === 1, 120_000, 'the first result');
    await until(
      () => fs.existsSync(path.join(out, '.work')) && fs.readdirSync(path.join(out, '.work')).length > 0,
      60_000,
      'the second grading to start',
    );
    first.kill('SIGKILL');
    await firstDone;
    // the orphan guard takes the grading run (and its hosts) down within a second
    await until(() => processesMentioning(out).length === 0, 5_000, 'no process of the killed batch');
    const kept = installed(out);
    expect(kept).toEqual(['broken.zip']);
    const keptEntry = entryOf(out, 'broken.zip');
    expect(fs.existsSync(path.join(out, 'grades.csv'))).toBe(false);

    const second = cliAsync(args);
    let said = '';
    second.stdout.on('data', (d: Buffer) => (said += d.toString()));
    const secondDone = exited(second);
    // (the killed run's .work/ is still there until the rerun clears it)
    await until(
      () => /already graded/.test(said) && fs.existsSync(path.join(out, '.work', 'solution')),
      60_000,
      'the rerun to grade solution',
    );
    await sleep(500);
    second.kill('SIGINT');
    const interrupted = await secondDone;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stdout).toMatch(/1 already graded with this config and suites: kept/);
    expect(processesMentioning(out)).toEqual([]);
    expect(fs.readdirSync(out).sort()).toEqual(['batch.json', 'submissions']); // no .work, no lock
    expect(installed(out)).toEqual(['broken.zip']);

    const third = cli(args);
    expect(third.status).toBe(0);
    expect(third.stdout).toMatch(/1 already graded with this config and suites: kept/);
    expect(third.stdout.match(/^(solution|syntax-error-in-loss|broken\.zip):/gm)).toEqual(['solution:', 'syntax-error-in-loss:']);
    expect(entryOf(out, 'broken.zip').gradedAt).toBe(keptEntry.gradedAt);
    expect(installed(out)).toEqual(['broken.zip', 'solution', 'syntax-error-in-loss']);
    expect(gradebookWithoutTimes(path.join(out, 'grades.csv'))).toHaveLength(4);
  }, 300_000);

  it('a finished batch run again grades nothing; a changed submission is regraded', () => {
    const again = cli(['batch', subs, '--out', out, '--config', config]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/3 already graded/);
    fs.writeFileSync(path.join(subs, 'broken.zip'), 'still not a zip, but different');
    const changed = cli(['batch', subs, '--out', out, '--config', config]);
    expect(changed.stdout).toMatch(/2 already graded/);
    expect(changed.stdout).toMatch(/^broken\.zip: 0\/47 rejected/m);
  }, 120_000);
});

describe('a grader fault', () => {
  it('a grading process killed from outside is a grader fault with no points (exit 1); the rerun regrades only it', async () => {
    const one = fixtureClass(path.join(work, 'one'), ['solution']);
    const faultOut = path.join(work, 'fault');
    const args = ['batch', one, '--out', faultOut, '--config', config];
    const batch = cliAsync(args);
    const done = exited(batch);
    const grading = path.join(faultOut, '.work', 'solution');
    await until(() => processesMentioning(grading).length > 0, 60_000, 'the grading process');
    await sleep(1000);
    for (const pid of processesMentioning(grading)) process.kill(pid, 'SIGKILL');
    const r = await done;
    expect(r.code).toBe(1);
    const e = entryOf(faultOut, 'solution');
    expect(e).toMatchObject({ status: 'grader_fault', score: null });
    expect(e.reason).toMatch(/^the grading process was killed by SIGKILL \(out of memory\?\) without grading/);
    expect(fs.readFileSync(path.join(faultOut, 'grades.csv'), 'utf8')).toMatch(/^solution,solution,,,,,,,,,,47,grader_fault,/m);
    const again = cli(args);
    expect(again.status).toBe(0);
    expect(again.stdout).not.toMatch(/already graded/);
    expect(entryOf(faultOut, 'solution')).toMatchObject({ status: 'graded', score: 47 });
  }, 120_000);
});

describe('output folders', () => {
  it("refuses another batch's results (other seed) and a folder no batch made, changing nothing; --force regrades into it", () => {
    const before = fs.readFileSync(path.join(out, 'grades.csv'), 'utf8');
    const other = cli(['batch', subs, '--out', out, '--config', config, '--seed', '7']);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/holds the results of another batch: seed 0 \(now 7\)\. Nothing was changed/);
    expect(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8')).toBe(before);
    const foreign = path.join(work, 'foreign');
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, 'thesis.tex'), 'x');
    const refused = cli(['batch', subs, '--out', foreign, '--config', config, '--force']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/is not empty \(thesis\.tex\) and holds no rnn-lab batch/);
    expect(fs.readdirSync(foreign)).toEqual(['thesis.tex']);
    const inside = cli(['batch', subs, '--out', path.join(subs, 'out'), '--config', config]);
    expect(inside.status).toBe(2);
    expect(inside.stderr).toMatch(/is inside the input/);

    const small = fixtureClass(path.join(work, 'small'), []);
    fs.writeFileSync(path.join(small, 'only.zip'), 'not a zip');
    const seven = path.join(work, 'seven');
    expect(cli(['batch', small, '--out', seven, '--config', config]).status).toBe(0);
    const was = entryOf(seven, 'only.zip');
    expect(cli(['batch', small, '--out', seven, '--config', config, '--seed', '7']).status).toBe(2);
    const forced = cli(['batch', small, '--out', seven, '--config', config, '--seed', '7', '--force']);
    expect(forced.status).toBe(0);
    expect(entryOf(seven, 'only.zip').fingerprint.seed).toBe(7);
    expect(entryOf(seven, 'only.zip').gradedAt > was.gradedAt).toBe(true);
  }, 120_000);

  it('an empty input folder: exit 1, and the summary says why', () => {
    const empty = path.join(work, 'empty');
    fs.mkdirSync(empty);
    const r = cli(['batch', empty, '--out', path.join(work, 'empty-out'), '--config', config]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/holds no submission/);
    const summary = JSON.parse(fs.readFileSync(path.join(work, 'empty-out', 'summary.json'), 'utf8')) as {
      problems: { kind: string }[];
      entries: unknown[];
    };
    expect(summary.problems.map((p) => p.kind)).toEqual(['empty-input']);
    expect(summary.entries).toEqual([]);
    expect(
      fs
        .readFileSync(path.join(work, 'empty-out', 'grades.csv'), 'utf8')
        .trimEnd()
        .split('\n'),
    ).toHaveLength(1);
  }, 60_000);
});

describe('shards and merge', () => {
  it('two shards split the class deterministically and merge into the gradebook of the whole batch', () => {
    const shard = (i: number) => path.join(work, 'shards', String(i));
    for (const i of [1, 2]) expect(cli(['batch', subs, '--out', shard(i), '--config', config, '--shard', `${i}/2`]).status).toBe(0);
    expect(installed(shard(1))).toEqual(['broken.zip', 'syntax-error-in-loss']);
    expect(installed(shard(2))).toEqual(['solution']);
    const merged = path.join(work, 'merged');
    const r = cli(['merge', shard(1), shard(2), '--out', merged]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(gradebookWithoutTimes(path.join(merged, 'grades.csv'))).toEqual(gradebookWithoutTimes(path.join(out, 'grades.csv')));
    expect(fs.existsSync(path.join(merged, 'submissions', 'solution', 'report.html'))).toBe(true);

    const missing = cli(['merge', shard(1), '--out', path.join(work, 'half')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/shards 2\/2 of .* were not merged/);
    const twice = cli(['merge', shard(1), shard(1), '--out', path.join(work, 'twice')]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/shard 1\/2 of .* is given twice/);
    const mixed = cli(['merge', shard(1), path.join(work, 'seven'), '--out', path.join(work, 'mixed')]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/graded by different graders and cannot share a gradebook: .*seed 7\) differs from/);
    expect(fs.existsSync(path.join(work, 'mixed'))).toBe(false);
  }, 180_000);
});
