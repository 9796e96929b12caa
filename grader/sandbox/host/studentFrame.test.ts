/**
 * Student-facing locations are lines of the student's .ts: mapped through the compile step's
 * source maps, in this process and in the real host (permission model, own tree only).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { projectRoot } from '../../corpus/layout';
import { compileSubmission } from '../../intake/compile/compileSubmission';
import { SubmissionClient } from '../client/submissionClient';
import { wireOf } from './probes/common';
import { describeError } from './labLoader';
import { HOST_STACK_TRACE_LIMIT, studentLocation } from './studentFrame';

const SOLUTION = path.join(projectRoot(), 'solution', 'src');
const COMMENTS = Array.from({ length: 40 }, (_, i) => `// note ${i + 1}: the student's own commentary`).join('\n');
const THROW = "  if (V === 13) throw new RangeError('thirteen is unlucky');";
const BAD_CONCAT = 'tf.concat([e, sPrev], 0)';

/** rnn.ts of the solution after 40 comment lines, with a throw in rnnParamCount and concat on the wrong axis. */
function brokenRnn(): string {
  return `${COMMENTS}\n${fs.readFileSync(path.join(SOLUTION, 'rnn.ts'), 'utf8')}`
    .replace(
      '  const { vocabSz: V, embeddingSz: E, hiddenSz: H } = cfg;\n  return V',
      `  const { vocabSz: V, embeddingSz: E, hiddenSz: H } = cfg;\n${THROW}\n  return V`,
    )
    .replace('tf.concat([e, sPrev], 1)', BAD_CONCAT);
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const RNN = brokenRnn();
const THROW_LINE = lineOf(RNN, THROW.trim());
const CONCAT_LINE = lineOf(RNN, BAD_CONCAT);

let tmp: string;
let labDir: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-frames-'));
  fs.chmodSync(tmp, 0o755);
  fs.symlinkSync(path.join(projectRoot(), 'node_modules'), path.join(tmp, 'node_modules'));
  const staged = path.join(tmp, 'staged');
  fs.mkdirSync(path.join(staged, 'util'), { recursive: true });
  for (const f of ['init.ts', 'random.ts']) fs.copyFileSync(path.join(SOLUTION, f), path.join(staged, f));
  fs.writeFileSync(path.join(staged, 'rnn.ts'), RNN);
  fs.writeFileSync(
    path.join(staged, 'util', 'check.ts'),
    `${COMMENTS}\ninterface Box { n: number }\nexport function check(b: Box): number {\n  if (b.n < 0) throw new Error('negative');\n  return b.n;\n}\n`,
  );
  labDir = path.join(tmp, 'lab');
  const compiled = compileSubmission(staged, labDir);
  expect(Object.values(compiled.files).every((f) => f.ok)).toBe(true);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * The error `fn` throws, its stack as the host records it: V8's own format of each call site and at
 * most `limit` frames. (Jest rewrites stacks through source maps itself, which would hide exactly
 * what is under test.)
 */
function thrownRaw(fn: () => unknown, limit = HOST_STACK_TRACE_LIMIT): { err: Error; stack: string } {
  const saved = { limit: Error.stackTraceLimit, prepare: Error.prepareStackTrace };
  Error.stackTraceLimit = limit;
  Error.prepareStackTrace = (err: Error, sites: NodeJS.CallSite[]) =>
    [String(err), ...sites.map((s) => `    at ${s.toString()}`)].join('\n');
  try {
    fn();
  } catch (err) {
    return { err: err as Error, stack: (err as Error).stack ?? '' };
  } finally {
    Error.stackTraceLimit = saved.limit;
    Error.prepareStackTrace = saved.prepare;
  }
  throw new Error('expected it to throw');
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- compiled output whose path is known only at run time
const load = <T>(file: string): T => require(path.join(labDir, file)) as T;

describe('studentLocation', () => {
  it('gives the .ts line of a throw after 40 comment lines, not the compiled line', () => {
    expect(THROW_LINE).toBe(58);
    const rnn = load<{ rnnParamCount(cfg: object): number }>('rnn.js');
    const { stack } = thrownRaw(() => rnn.rnnParamCount({ vocabSz: 13, embeddingSz: 1, hiddenSz: 1 }));
    const jsLine = Number(/rnn\.js:(\d+):/.exec(stack)?.[1]);
    expect(jsLine).toBeGreaterThan(0);
    expect(jsLine).not.toBe(THROW_LINE); // the tfjs import helper and the dropped interface move it
    expect(studentLocation(stack, labDir)).toEqual({ file: 'rnn.ts', line: THROW_LINE });
  });

  it('gives a tfjs shape error raised in student code the innermost student frame', () => {
    const rnn = load<{ rnnCell(...t: tf.Tensor[]): tf.Tensor }>('rnn.js');
    const call = () => tf.tidy(() => rnn.rnnCell(tf.ones([2, 3]), tf.ones([2, 4]), tf.ones([7, 4]), tf.ones([4])));
    // With V8's default depth every recorded frame is inside tfjs: why the host records more.
    expect(studentLocation(thrownRaw(call, 10).stack, labDir)).toBeNull();
    const { err, stack } = thrownRaw(call);
    expect(err.message).toMatch(/^Error in concat2D: Shape of tensors\[1\]/);
    expect(stack.split('\n')[1]).toContain('tfjs-core');
    expect(studentLocation(stack, labDir)).toEqual({ file: 'rnn.ts', line: CONCAT_LINE });
  });

  it('names a file in a subfolder by its path, and ignores frames outside the lab', () => {
    const { check } = load<{ check(b: { n: number }): number }>('util/check.js');
    const { err, stack } = thrownRaw(() => check({ n: -1 }));
    expect(studentLocation(stack, labDir)).toEqual({ file: 'util/check.ts', line: COMMENTS.split('\n').length + 3 });
    expect(studentLocation(stack, path.join(tmp, 'elsewhere'))).toBeNull();
    expect(describeError(Object.assign(err, { stack }), labDir)).toBe(
      `Error: negative (near util/check.ts line ${COMMENTS.split('\n').length + 3})`,
    );
    expect(describeError(new Error('grader side'), labDir)).toBe('Error: grader side');
  });

  it('keeps the file but no line when the compiled file carries no source map', () => {
    const bare = path.join(labDir, 'bare.js');
    fs.writeFileSync(bare, "exports.f = () => { throw new Error('bare'); };\n");
    const { err, stack } = thrownRaw(() => load<{ f(): void }>('bare.js').f());
    expect(describeError(Object.assign(err, { stack }), labDir)).toBe('Error: bare (in bare.ts)');
  });
});

describe('locations in the submission host', () => {
  it("reports .ts lines for a throw and for a tfjs shape error, under the host's isolation", async () => {
    const client = new SubmissionClient({ projectRoot: projectRoot(), labDir, scratchDir: tmp, heapMb: 256, isolation: 'auto' });
    try {
      const paramCount = client
        .call('rnn.paramCount', { cfg: { vocabSz: 13, embeddingSz: 1, hiddenSz: 1 } }, 20_000)
        .catch((e: Error) => e);
      await expect(paramCount).resolves.toMatchObject({
        kind: 'threw',
        message: `RangeError: thirteen is unlucky (near rnn.ts line ${THROW_LINE})`,
      });
      const args = await tf.tidy(() => ({ e: tf.ones([2, 3]), sPrev: tf.ones([2, 4]), Wr: tf.ones([7, 4]), br: tf.ones([4]) }));
      const wire = { e: wireOf(args.e, 'e'), sPrev: wireOf(args.sPrev, 'sPrev'), Wr: wireOf(args.Wr, 'Wr'), br: wireOf(args.br, 'br') };
      tf.dispose(Object.values(args));
      const cell = client.call('rnn.cell', wire, 20_000).catch((e: Error) => e);
      await expect(cell).resolves.toMatchObject({
        kind: 'threw',
        message: expect.stringMatching(new RegExp(`^Error: Error in concat2D: .* \\(near rnn\\.ts line ${CONCAT_LINE}\\)$`)),
      });
      expect(client.isolation?.processBoundary).toBe(true);
      // Where Node has the permission model the host ran under it, reading only its own tree.
      if (process.allowedNodeEnvironmentFlags.has('--experimental-permission')) expect(client.isolation?.permissionModel).toBe(true);
    } finally {
      client.close();
    }
  });
});
