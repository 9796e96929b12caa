/**
 * `rnn-lab batch` as course staff run it, on a class of fixture submissions graded with the quick
 * config (no training tests): every kind of outcome and of bad input gives its row or its problem,
 * and nothing stops the batch.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strToU8, zipSync } from 'fflate';
import type { BatchSummary } from './report/summarize';
import { cli, fixtureClass, quickConfig } from './testing';

let work: string;
let config: string;
let out: string;
let run: ReturnType<typeof cli>;
let summary: BatchSummary;

const rows = () => Object.fromEntries(summary.entries.map((e) => [e.key, e]));

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-batch-test-'));
  config = quickConfig(work);
  const subs = fixtureClass(path.join(work, 'class'), [
    'solution',
    'syntax-error-in-loss',
    'crash-process-exit',
    'hangs-in-rnn-param-count',
  ]);
  // two candidate submissions in one folder: final/ (every file) and draft/ (rnn.ts only)
  const crash = path.join(subs, 'crash-process-exit');
  fs.mkdirSync(path.join(crash, 'final'));
  fs.mkdirSync(path.join(crash, 'draft'));
  for (const f of fs.readdirSync(crash).filter((n) => n.endsWith('.ts'))) fs.renameSync(path.join(crash, f), path.join(crash, 'final', f));
  fs.copyFileSync(path.join(crash, 'final', 'rnn.ts'), path.join(crash, 'draft', 'rnn.ts'));
  fs.writeFileSync(path.join(subs, 'broken.zip'), 'this is not a zip');
  fs.mkdirSync(path.join(subs, 'broken')); // empty, and the same student id as broken.zip
  fs.symlinkSync(path.join(work, 'nowhere.zip'), path.join(subs, 'ghost.zip'));
  execFileSync('mkfifo', [path.join(subs, 'pipe.zip')]);
  fs.writeFileSync(path.join(subs, 'notes.txt'), 'grading notes');
  out = path.join(work, 'out');
  run = cli(['batch', subs, '--out', out, '--config', config, '--jobs', '2']);
  summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as BatchSummary;
}, 300_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('rnn-lab batch on a class with every kind of outcome', () => {
  it('finishes with exit 0 and one row per submission, each with its status and reason', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const byKey = rows();
    expect(Object.keys(byKey)).toEqual([
      'broken',
      'broken.zip',
      'crash-process-exit',
      'ghost.zip',
      'hangs-in-rnn-param-count',
      'pipe.zip',
      'solution',
      'syntax-error-in-loss',
    ]);
    expect(Object.fromEntries(Object.entries(byKey).map(([k, e]) => [k, e.status]))).toEqual({
      broken: 'rejected',
      'broken.zip': 'rejected',
      'crash-process-exit': 'crash',
      'ghost.zip': 'rejected',
      'hangs-in-rnn-param-count': 'timeout',
      'pipe.zip': 'rejected',
      solution: 'graded',
      'syntax-error-in-loss': 'compile',
    });
    expect(byKey.solution.score).toBe(47);
    expect(byKey.solution.reason).toBe('');
    expect(byKey['broken.zip'].reason).toMatch(/named \.zip but is not a zip file/);
    expect(byKey.broken.reason).toMatch(/empty/);
    expect(byKey['ghost.zip'].reason).toMatch(/a link to something that cannot be read \(ENOENT\)/);
    expect(byKey['pipe.zip'].reason).toMatch(/not a regular file/);
    expect(byKey['hangs-in-rnn-param-count'].reason).toMatch(/^rnn\.paramCount: Your code timed out after 3 s/);
    expect(byKey['crash-process-exit'].reason).toMatch(/crashed the process/);
    expect(byKey['syntax-error-in-loss'].reason).toBe('loss.ts did not compile');
    expect(byKey['syntax-error-in-loss'].questions).toEqual({ data: 9, ngram: 11, rnn: 17, keras: 5, loss: 0 });
  });

  it('writes grades.csv with a column per question, the total, status, backend and seconds', () => {
    const lines = fs.readFileSync(path.join(out, 'grades.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('id,submission,student_id,name,email,data,ngram,rnn,keras,loss,total,max,status,reason,backend,seconds');
    expect(lines).toHaveLength(9);
    expect(lines.find((l) => l.startsWith('solution,'))).toMatch(/^solution,solution,,,,9,11,17,5,5,47,47,graded,,wasm,\d+\.\d$/);
    expect(lines.find((l) => l.startsWith('ghost,'))).toMatch(/^ghost,ghost\.zip,,,,0,0,0,0,0,0,47,rejected,.*,none,0\.0$/);
  });

  it('reports each problem with the input in the summary, beside the rows', () => {
    const problems = summary.problems.map((p) => `${p.kind}: ${p.keys.join(' ')}: ${p.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^ignored-file: : notes\.txt was not graded: neither a folder nor a \.zip$/),
      expect.stringMatching(/^duplicate-id: broken broken\.zip: student "broken" has 2 submissions/),
      expect.stringMatching(
        /^ambiguous: crash-process-exit: crash-process-exit holds two candidate submissions: lab files in final\/ and draft\/; final\/ was graded/,
      ),
    ]);
  });

  it('counts failures by kind, and the item analysis gives the pass rate of every test over the submissions whose tests ran', () => {
    expect(Object.fromEntries(summary.failures.map((f) => [f.kind, f.count]))).toEqual({
      grader_fault: 0,
      rejected: 4,
      timeout: 1,
      crash: 1,
      compile: 1,
    });
    const item = (id: string) => summary.items.find((i) => i.id === id)!;
    expect(item('data.vocab')).toMatchObject({ ran: 4, passRate: 1 });
    expect(item('rnn.paramCount')).toMatchObject({
      ran: 4,
      passRate: 0.75,
      counts: { passed: 3, timeout: 1, failed: 0, error: 0, not_run: 0 },
    });
    expect(item('loss.perplexityGolden')).toMatchObject({ ran: 4, passRate: 0.5, counts: { passed: 2, error: 2 } });
    expect(summary.items.map((i) => i.id)).not.toContain('training.rnn');
    expect(summary.backends).toEqual([{ backend: 'wasm', count: 4 }]);
    expect(summary.slowest[0].key).toBe('hangs-in-rnn-param-count');
    expect(summary.scores.histogram.reduce((n, b) => n + b.count, 0)).toBe(8);
  });

  it("keeps each submission's results.json, run.json, report.html and grade.log, and nothing half-written", () => {
    for (const key of ['solution', 'crash-process-exit', 'broken.zip']) {
      const dir = path.join(out, 'submissions', key);
      for (const f of ['entry.json', 'results.json', 'run.json', 'report.html', 'grade.log'])
        expect(fs.existsSync(path.join(dir, f))).toBe(true);
    }
    const results = JSON.parse(fs.readFileSync(path.join(out, 'submissions', 'solution', 'results.json'), 'utf8')) as { score: number };
    expect(results.score).toBe(47);
    expect(fs.readdirSync(path.join(out, 'submissions', 'ghost.zip'))).toEqual(['entry.json']);
    expect(fs.readdirSync(out).sort()).toEqual(['batch.json', 'grades.csv', 'submissions', 'summary.html', 'summary.json']);
    expect(fs.readFileSync(path.join(out, 'summary.html'), 'utf8')).toContain('<a href="submissions/solution/report.html">solution</a>');
  });
});

describe('rnn-lab batch on Gradescope\'s "Export Submissions" zip', () => {
  it('takes ids, names and emails from submission_metadata.yml into grades.csv', () => {
    const zip = path.join(work, 'export.zip');
    const meta =
      "submission_501:\n  :submitters:\n  - :name: Ada Lovelace\n    :sid: '12345'\n    :email: ada@uni.edu\n  - :name: Alan Turing\n    :sid: 67890\n    :email: alan@uni.edu\n  :score: 0.0\n";
    fs.writeFileSync(
      zip,
      zipSync({
        'assignment_9_export/submission_metadata.yml': strToU8(meta),
        'assignment_9_export/submission_501/notes.txt': strToU8('I ran out of time'),
      }),
    );
    const gsOut = path.join(work, 'gradescope-out');
    const r = cli(['batch', zip, '--out', gsOut, '--config', config]);
    expect(r.status).toBe(0);
    const lines = fs.readFileSync(path.join(gsOut, 'grades.csv'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^501,submission_501,12345; 67890,Ada Lovelace; Alan Turing,ada@uni\.edu; alan@uni\.edu,0,0,0,0,0,0,47,rejected,"No lab files were found in your submission folder\./,
    );
    expect(JSON.parse(fs.readFileSync(path.join(gsOut, 'batch.json'), 'utf8')).input).toBe(zip);
  }, 120_000);
});
