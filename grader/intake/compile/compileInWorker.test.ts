import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../../corpus/layout';
import { compileSubmissionInWorker } from './compileInWorker';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-compile-worker-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function staged(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

const random = fs.readFileSync(path.join(projectRoot(), 'solution', 'src', 'random.ts'), 'utf8');

describe('compileSubmissionInWorker', () => {
  it('returns what compileSubmission returns', async () => {
    const dir = staged('ok', { 'random.ts': random, 'bad.ts': "export const n: number = 'a';\n" });
    const out = path.join(tmp, 'out-ok');
    const result = await compileSubmissionInWorker(dir, out);
    expect(result.files['random.ts']).toEqual({ ok: true, emitted: true, diagnostics: '' });
    expect(result.files['bad.ts']).toMatchObject({ ok: false, emitted: true });
    expect(result.files['bad.ts']!.diagnostics).toMatch(/^bad\.ts:1:14 error TS2322: Type 'string' is not assignable to type 'number'\./);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- compiled output whose path is known only at run time
    expect(typeof (require(path.join(out, 'random.js')) as { seededRandom: unknown }).seededRandom).toBe('function');
  });

  it('stops a compile that runs past its deadline, then compiles file by file: only the slow file fails', async () => {
    // The checker is quadratic in the length of this chain: ~15 s for 20,000 terms on a 2-core machine.
    const dir = staged('slow', { 'random.ts': random, 'data.ts': `export const x = 1${' + 1'.repeat(20000)};\n` });
    const out = path.join(tmp, 'out-slow');
    const t0 = Date.now();
    const result = await compileSubmissionInWorker(dir, out, { timeoutMs: 7000 });
    expect(Date.now() - t0).toBeLessThan(40_000);
    const reason =
      'The TypeScript compiler did not finish within 7 s on data.ts, nor on the whole submission, so this file could not be compiled. Very long expressions (thousands of terms) or very complex types can cause this.';
    expect(result.files).toEqual({
      'data.ts': { ok: false, emitted: false, diagnostics: reason },
      'random.ts': { ok: true, emitted: true, diagnostics: '' },
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- compiled output whose path is known only at run time
    expect(() => require(path.join(out, 'data.js'))).toThrow(`data.ts did not compile:\n${reason}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- compiled output whose path is known only at run time
    expect(typeof (require(path.join(out, 'random.js')) as { seededRandom: unknown }).seededRandom).toBe('function');
  }, 70_000);
});
