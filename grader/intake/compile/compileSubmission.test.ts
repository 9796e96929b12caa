import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { projectRoot } from '../../corpus/layout';
import { compileSubmission, type CompileResult } from './compileSubmission';

const SOLUTION = path.join(projectRoot(), 'solution', 'src');
const LAB = ['data.ts', 'generate.ts', 'init.ts', 'kerasRnn.ts', 'loss.ts', 'ngram.ts', 'random.ts', 'rnn.ts', 'train.ts'];

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-compile-'));
  // The compiled files require @tensorflow/tfjs; the host makes it resolvable the same way.
  fs.symlinkSync(path.join(projectRoot(), 'node_modules'), path.join(tmp, 'node_modules'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of the solution with `edits` applied (null deletes the file). */
function stagedCopy(name: string, edits: Record<string, ((src: string) => string) | string | null>, base = LAB): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  for (const f of base) fs.copyFileSync(path.join(SOLUTION, f), path.join(dir, f));
  for (const [f, edit] of Object.entries(edits)) {
    const file = path.join(dir, f);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (edit === null) fs.rmSync(file);
    else fs.writeFileSync(file, typeof edit === 'string' ? edit : edit(fs.readFileSync(file, 'utf8')));
  }
  return dir;
}

function load(out: string, file: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- compiled output whose path is known only at run time
  return require(path.join(out, file));
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected it to throw');
}

describe('compileSubmission', () => {
  it('compiles the reference solution with every file ok, into loadable CommonJS', () => {
    const out = path.join(tmp, 'out-solution');
    const result = compileSubmission(SOLUTION, out);
    expect(result.files).toEqual(Object.fromEntries(LAB.map((f) => [f, { ok: true, emitted: true, diagnostics: '' }])));
    expect(result.global).toBe('');
    expect(result.ms).toBeGreaterThan(0);
    expect(fs.readdirSync(out).sort()).toEqual(LAB.map((f) => f.replace(/\.ts$/, '.js')));
    const random = load(out, 'random.js') as { seededRandom(seed: number): () => number };
    expect(random.seededRandom(1)()).toBeCloseTo(0.6270739405881613, 12);
    expect(typeof (load(out, 'rnn.js') as { RnnLM: unknown }).RnnLM).toBe('function');
  });

  describe('a submission with a syntax error, a type error and a missing file', () => {
    let staged: string;
    let out: string;
    let result: CompileResult;
    beforeAll(() => {
      staged = stagedCopy('broken', {
        // Line 16 of rnn.ts gets a statement that does not parse, at column 7.
        'rnn.ts': (src) => src.replace('export function rnnParamCount', 'const = 5;\nexport function rnnParamCount'),
        'loss.ts': (src) => `${src}const x: number = 'a';\nexport const typedWrong = x;\n`,
        'generate.ts': null,
        // console.log must not fail a file: students debug with it.
        'kerasRnn.ts': (src) => `${src}export const debug = (): void => console.log('debug');\n`,
        'util/helper.ts': `export const twice = (n: number): number => 2 * n;\n`,
        // The checker, not the parser, rejects this; the JavaScript it would emit does not load.
        'ngram.ts': (src) => `${src}export function later(): void {\n  await Promise.resolve();\n}\n`,
      });
      out = path.join(tmp, 'out-broken');
      result = compileSubmission(staged, out);
    });

    it('reports the syntax error with its line and column and emits a throwing stub', () => {
      const rnn = result.files['rnn.ts']!;
      expect(rnn).toMatchObject({ ok: false, emitted: false });
      expect(rnn.diagnostics).toMatch(/^rnn\.ts:16:7 error TS1134: Variable declaration expected\.\n16 \| const = 5;\n {11}\^/);
      const err = thrown(() => load(out, 'rnn.js'));
      expect(err.message).toBe(`rnn.ts did not compile:\n${rnn.diagnostics}`);
    });

    it('reports the type error with its line, column and code frame, and still emits the file as written', () => {
      const loss = result.files['loss.ts']!;
      expect(loss).toEqual({
        ok: false,
        emitted: true,
        diagnostics:
          "loss.ts:46:7 error TS2322: Type 'string' is not assignable to type 'number'.\n46 | const x: number = 'a';\n           ^",
      });
      const mod = load(out, 'loss.js') as { typedWrong: unknown; perplexity(nll: number): number };
      expect(mod.typedWrong).toBe('a');
      expect(mod.perplexity(Math.log(5))).toBeCloseTo(5, 12);
    });

    it('stubs a file whose checker errors leave JavaScript that would not load', () => {
      const ngram = result.files['ngram.ts']!;
      expect(ngram.emitted).toBe(false);
      expect(ngram.diagnostics).toMatch(/^ngram\.ts:\d+:3 error TS1308: 'await' expressions are only allowed within async functions/);
      expect(thrown(() => load(out, 'ngram.js')).message).toBe(`ngram.ts did not compile:\n${ngram.diagnostics}`);
    });

    it('still compiles and loads the other files', () => {
      for (const f of ['data.ts', 'init.ts', 'kerasRnn.ts', 'random.ts', 'train.ts', 'util/helper.ts']) {
        expect([f, result.files[f]]).toEqual([f, { ok: true, emitted: true, diagnostics: '' }]);
      }
      expect(typeof (load(out, 'data.js') as { buildVocab: unknown }).buildVocab).toBe('function');
      // kerasRnn imports only a type from the broken rnn.ts, so it does not load rnn.js.
      expect(typeof (load(out, 'kerasRnn.js') as { buildKerasRnnLM: unknown }).buildKerasRnnLM).toBe('function');
      expect((load(out, 'util/helper.js') as { twice(n: number): number }).twice(4)).toBe(8);
    });

    it("makes a file that imports a broken one fail with the broken file's message", () => {
      expect(thrown(() => load(out, 'train.js')).message).toBe(`rnn.ts did not compile:\n${result.files['rnn.ts']!.diagnostics}`);
    });

    it('writes nothing for a missing file, so requiring it is MODULE_NOT_FOUND', () => {
      expect(result.files['generate.ts']).toBeUndefined();
      expect(fs.existsSync(path.join(out, 'generate.js'))).toBe(false);
      expect((thrown(() => load(out, 'generate.js')) as NodeJS.ErrnoException).code).toBe('MODULE_NOT_FOUND');
    });
  });

  it('runs an rnnCell that returns Tensor<Rank> where Tensor2D is declared, giving the lecture cell exactly', () => {
    const staged = stagedCopy('nit', {
      'rnn.ts': (src) =>
        src.replace(
          'tf.tidy(() => tf.tanh(tf.add(tf.matMul(tf.concat([e, sPrev], 1), Wr), br)) as tf.Tensor2D)',
          'tf.tidy(() => tf.tanh(tf.matMul(tf.concat([e, sPrev], 1), Wr).add(br)))',
        ),
    });
    const out = path.join(tmp, 'out-nit');
    const result = compileSubmission(staged, out);
    const rnn = result.files['rnn.ts']!;
    expect(rnn.ok).toBe(false);
    expect(rnn.emitted).toBe(true);
    expect(rnn.diagnostics).toMatch(/^rnn\.ts:30:3 error TS2322: Type 'Tensor<Rank>' is not assignable to type 'Tensor2D'\./);
    expect(rnn.diagnostics).toContain('30 |   return tf.tidy(() => tf.tanh(tf.matMul(tf.concat([e, sPrev], 1), Wr).add(br)));');
    // Every other file, train.ts (which imports rnn.ts) included, is clean and loads.
    expect(
      Object.entries(result.files)
        .filter(([, r]) => !r.ok)
        .map(([f]) => f),
    ).toEqual(['rnn.ts']);
    expect(typeof (load(out, 'train.js') as { trainRnn: unknown }).trainRnn).toBe('function');
    const { rnnCell } = load(out, 'rnn.js') as { rnnCell(e: tf.Tensor, s: tf.Tensor, Wr: tf.Tensor, br: tf.Tensor): tf.Tensor };
    const [e, s, Wr, br] = [
      tf.tensor2d([[0.1, -0.2]]),
      tf.tensor2d([[0.3, 0.4, -0.5]]),
      tf.randomNormal([5, 3], 0, 1, 'float32', 7),
      tf.tensor1d([0.01, 0.02, 0.03]),
    ];
    const got = rnnCell(e, s, Wr, br);
    const expected = tf.tanh(tf.add(tf.matMul(tf.concat([e, s], 1), Wr), br));
    expect(got.shape).toEqual([1, 3]);
    expect(got.arraySync()).toEqual(expected.arraySync());
    tf.dispose([e, s, Wr, br, got, expected]);
  });

  it('resolves only lab files and @tensorflow/tfjs, and reads nothing outside the submission and libraries', () => {
    const secret = path.join(tmp, 'secret.d.ts');
    fs.writeFileSync(secret, 'declare const SECRET: 42;\n');
    const staged = stagedCopy('imports', {
      'extra.ts': [
        `/// <reference path="${secret}" />`,
        "import * as yargs from 'yargs';",
        "import { x } from '../imports/../secret';",
        "import * as tf from '@tensorflow/tfjs';",
        'export const s: string = SECRET;',
        'export const all = [yargs, x, tf];',
        '',
      ].join('\n'),
    });
    const result = compileSubmission(staged, path.join(tmp, 'out-imports'));
    const extra = result.files['extra.ts']!;
    // An import that cannot be resolved is not a type nit: the file is a stub, as a syntax error makes it.
    expect(extra).toMatchObject({ ok: false, emitted: false });
    expect(extra.diagnostics).toContain(`extra.ts:1:22 error TS6053: File '${secret}' not found.`);
    expect(extra.diagnostics).toContain("extra.ts:2:24 error TS2307: Cannot find module 'yargs' or its corresponding type declarations.");
    expect(extra.diagnostics).toContain(
      "extra.ts:3:19 error TS2307: Cannot find module '../imports/../secret' or its corresponding type declarations.",
    );
    expect(extra.diagnostics).toContain("extra.ts:5:26 error TS2304: Cannot find name 'SECRET'.");
    // Had the reference been read, SECRET would have type 42 and the error would be TS2322 naming it.
    expect(extra.diagnostics).not.toMatch(/TS2322|'42'/);
    expect(extra.diagnostics).not.toContain('tfjs');
    expect(result.files['rnn.ts']).toEqual({ ok: true, emitted: true, diagnostics: '' });
  });

  it('caps the diagnostics of a file in count and length', () => {
    const many = Array.from({ length: 30 }, (_, i) => `export const v${i}: number = 's';`).join('\n');
    const staged = stagedCopy('many', { 'data.ts': many }, []);
    const capped = compileSubmission(staged, path.join(tmp, 'out-many')).files['data.ts']!;
    expect(capped.ok).toBe(false);
    expect(capped.diagnostics.match(/error TS2322/g)).toHaveLength(20);
    expect(capped.diagnostics.endsWith('\n... and 10 more errors')).toBe(true);
    const short = compileSubmission(staged, path.join(tmp, 'out-short'), { caps: { maxChars: 200 } }).files['data.ts']!;
    expect(short.diagnostics).toHaveLength(200 + '\n... (truncated)'.length);
    expect(short.diagnostics.endsWith('\n... (truncated)')).toBe(true);
  });

  it('fails a file nested too deeply for the parser on its own, instead of crashing', () => {
    const staged = stagedCopy(
      'deep',
      {
        'data.ts': `export const x = ${'('.repeat(2000)}1${')'.repeat(2000)};\n`,
        'user.ts': "import { x } from './data';\nexport const y = x;\n",
      },
      ['random.ts'],
    );
    const result = compileSubmission(staged, path.join(tmp, 'out-deep'));
    expect(result.files['data.ts']).toEqual({
      ok: false,
      emitted: false,
      diagnostics: 'data.ts: the TypeScript compiler ran out of stack parsing this file: its expressions or blocks are nested too deeply.',
    });
    expect(result.files['random.ts']).toEqual({ ok: true, emitted: true, diagnostics: '' });
    expect(result.files['user.ts']!.diagnostics).toContain("user.ts:1:19 error TS2307: Cannot find module './data'");
    expect(thrown(() => load(path.join(tmp, 'out-deep'), 'data.js')).message).toMatch(
      /^data\.ts did not compile:\ndata\.ts: the TypeScript compiler ran out of stack/,
    );
  });
});
