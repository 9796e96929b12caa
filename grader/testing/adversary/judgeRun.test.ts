import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Fixture } from '../../grading/fixtureSubmission';
import type { IsolationReport } from '../../results/types';
import { failureResults } from '../../reporters/gradescope/failureResults';
import { sandboxRefusal } from '../../grading/sandboxPolicy';
import { DECOY, judgeRefusal, judgeRun, REFUSED_EXIT_CODE, type GradedRun, type GradescopeResults } from './judgeRun';
import { treeChanges, treeFingerprint } from './treeHash';

const fixture: Fixture = {
  name: 'attack-example',
  dir: '/nowhere',
  spec: {
    description: 'an attack on a.one',
    base: 'solution',
    set: 'adversarial',
    attack: { what: 'an example', tests: ['a.one'], blocked: 'blocked: ', leaderboardAbove: 70 },
    expected: { 'a.one': 'error', 'a.two': 'passed', 'a.three': ['passed', 'failed'] },
  },
};

/** The run of a grader that held: every check passes. */
function heldRun(): GradedRun {
  return {
    exitCode: 0,
    signal: null,
    results: {
      score: 3,
      tests: [
        { score: 0, max_score: 1, output: 'blocked: the read was refused', extra_data: { id: 'a.one', status: 'error' } },
        { score: 2, max_score: 2, output: 'passed', extra_data: { id: 'a.two', status: 'passed' } },
        { score: 1, max_score: 1, output: 'passed', extra_data: { id: 'a.three', status: 'passed' } },
      ],
      leaderboard: [{ name: 'RNN held-out perplexity', value: 84.1 }],
      extra_data: { isolation: { notes: ['own namespaces'] } },
    },
    reportMd: '| a.one | blocked: the read was refused |',
    outputFiles: ['results.json', 'report.md', 'report.html', DECOY.name],
    decoyText: DECOY.text,
    projectChanges: [],
    leftovers: [],
    connections: 0,
  };
}

describe('judgeRun', () => {
  it('accepts a run where the grader held', () => {
    expect(judgeRun(fixture, heldRun())).toEqual([]);
  });

  it('names each way a run can show the boundary broke', () => {
    const run = heldRun();
    run.results!.tests[0] = { score: 1, max_score: 1, output: 'passed', extra_data: { id: 'a.one', status: 'passed' } };
    run.results!.leaderboard = [{ name: 'RNN held-out perplexity', value: 31.2 }];
    run.outputFiles.push('pwned.txt');
    run.decoyText = undefined;
    run.projectChanges = ['added grader/suites/support/addon-was-here.txt'];
    run.leftovers = ['4242: node -e for(;;){} rnn-lab-adversarial-orphan'];
    run.connections = 1;
    const problems = judgeRun(fixture, run).join('\n');
    for (const text of [
      'a.one: expected error, got passed',
      'does not say what was blocked',
      'results.json says 3 points, its tests add up to 4',
      'leaderboard perplexity 31.2',
      'pwned.txt',
      'was removed',
      'addon-was-here.txt',
      'outlived it',
      'accepted 1 connection',
    ]) {
      expect(problems).toContain(text);
    }
  });

  it('fails a grader that died without results', () => {
    expect(judgeRun(fixture, { ...heldRun(), exitCode: null, signal: 'SIGKILL', results: undefined, reportMd: undefined })).toEqual([
      'grading did not finish: killed by SIGKILL',
      'no results.json was written (or it does not parse)',
      'no report.md was written',
    ]);
  });
});

describe('treeFingerprint', () => {
  it('sees a file added, changed, removed and re-moded, and nothing in skipped folders', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-tree-'));
    try {
      fs.mkdirSync(path.join(root, 'keep'));
      fs.mkdirSync(path.join(root, 'skip'));
      for (const f of ['keep/a', 'keep/b', 'keep/c']) fs.writeFileSync(path.join(root, f), f);
      const before = treeFingerprint(root, ['skip']);
      fs.writeFileSync(path.join(root, 'keep/a'), 'edited');
      fs.rmSync(path.join(root, 'keep/b'));
      fs.chmodSync(path.join(root, 'keep/c'), 0o600);
      fs.writeFileSync(path.join(root, 'keep/new'), '');
      fs.writeFileSync(path.join(root, 'skip/ignored'), '');
      expect(treeChanges(before, treeFingerprint(root, ['skip']))).toEqual([
        'added keep/new',
        'changed keep/a',
        'changed keep/c',
        'removed keep/b',
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

/** What `rnn-lab grade` leaves when it refuses an unseparated host: the results the CLI writes for a GraderFault. */
function refusedRun(): GradedRun {
  const unseparated: IsolationReport = {
    processBoundary: true,
    permissionModel: true,
    unprivilegedUser: false,
    noNetwork: false,
    heapLimitMb: 256,
    scrubbedEnv: true,
    notes: ["runs as the grader's user: it could signal the grader"],
    sandbox: 'permission-model',
    separatedFromGrader: false,
  };
  const reason = sandboxRefusal('grade', 'permission', unseparated)!;
  const message = `The autograder failed before running any test; this is not a problem with your submission. Reason: ${reason}`;
  return {
    exitCode: REFUSED_EXIT_CODE,
    signal: null,
    results: failureResults(message) as unknown as GradescopeResults,
    outputFiles: ['results.json', DECOY.name],
    decoyText: DECOY.text,
    projectChanges: [],
    leftovers: [],
    connections: 0,
  };
}

describe('judgeRefusal', () => {
  it('accepts hidden grading refused for want of a sandbox, with the reason in results.json', () => {
    expect(judgeRefusal(refusedRun())).toEqual([]);
  });

  it('fails a grading that ran, or a refusal that does not say why, and still looks for escapes', () => {
    expect(judgeRefusal({ ...refusedRun(), exitCode: 0, results: heldRun().results })).toEqual([
      'expected the grading to be refused (exit 70), got exit code 0',
      'results.json does not mark the run as the grader failing',
      'results.json does not say why grading was refused: ""',
      "results.json holds tests of the submission's although none should have run",
    ]);
    const silent = refusedRun();
    silent.results = failureResults('something went wrong') as unknown as GradescopeResults;
    silent.projectChanges = ['changed grader/suites/support/compare.ts'];
    expect(judgeRefusal(silent).join('\n')).toMatch(/does not say why grading was refused[^]*the project changed: changed grader/);
  });
});
