/**
 * compileSubmission with a wall-clock limit. The TypeScript checker is quadratic on some inputs
 * (a 1 MB file of `1 + 1 + ...` runs for many minutes; 20,000 terms take ~15 s here), and a sync
 * compile cannot be interrupted, so this runs it in a worker thread and terminates the worker at
 * the deadline; then every file is compiled again on its own, so only the file that is slow to
 * check fails. When the worker dies (e.g. out of memory) every staged file gets a stub that throws
 * the reason, so the grade still completes with an honest message.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { listSources, stubModule, type CompileOptions, type CompileResult } from './compileSubmission';

export interface WorkerCompileOptions extends CompileOptions {
  /** Wall-clock limit, ms; a cold compile of the reference takes ~3 s on a busy 2-core machine. */
  timeoutMs?: number;
  /** V8 old-generation cap of the worker, MB (the compile of the reference peaks near 200 MB). */
  maxHeapMb?: number;
}

export const DEFAULT_COMPILE_TIMEOUT_MS = 60_000;
export const DEFAULT_COMPILE_HEAP_MB = 1024;

/** Loads compileSubmission in the worker; under ts-jest (sources are .ts) it transpiles on require. */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('worker_threads');
if (workerData.entry.endsWith('.ts')) {
  const fs = require('fs');
  const ts = require(workerData.typescript);
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  require.extensions['.ts'] = (m, file) => m._compile(ts.transpileModule(fs.readFileSync(file, 'utf8'), { fileName: file, compilerOptions }).outputText, file);
}
const { compileSubmission } = require(workerData.entry);
parentPort.postMessage(compileSubmission(workerData.stagedDir, workerData.outDir, workerData.opts));
`;

/** A stub that throws `reason` for each of `names`, written once no worker can overwrite it. */
function failFiles(outDir: string, names: string[], reason: string): CompileResult['files'] {
  const files: CompileResult['files'] = {};
  for (const name of names) {
    files[name] = { ok: false, emitted: false, diagnostics: reason };
    const js = path.join(path.resolve(outDir), name.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(js), { recursive: true });
    fs.writeFileSync(js, stubModule(name, reason));
  }
  return files;
}

type WorkerOutcome = { done: CompileResult } | { failed: 'timeout' | string };

/** One compileSubmission in a worker, terminated at `timeoutMs`; resolves once the worker is gone. */
function compileInOneWorker(
  stagedDir: string,
  outDir: string,
  compileOpts: CompileOptions,
  timeoutMs: number,
  maxHeapMb: number,
): Promise<WorkerOutcome> {
  const entry = path.join(__dirname, `compileSubmission${path.extname(__filename)}`);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { entry, typescript: require.resolve('typescript'), stagedDir, outDir, opts: compileOpts },
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
  });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: WorkerOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate().then(() => resolve(outcome));
    };
    const timer = setTimeout(() => settle({ failed: 'timeout' }), timeoutMs);
    worker.once('message', (result: CompileResult) => settle({ done: result }));
    worker.once('error', (err) => settle({ failed: `The TypeScript compiler failed on this submission (${err.message})` }));
    worker.once('exit', (code) => settle({ failed: `The TypeScript compiler stopped (exit code ${code})` }));
  });
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

/**
 * Like compileSubmission, but never crashes the caller, and runs for at most `timeoutMs`, or when
 * that runs out, `timeoutMs` more per file. When the whole compile runs out of time, each file is compiled again on its own (the
 * program holds that file and what it imports) within the same limit: one pathological
 * file then fails alone, with the reason, and the others compile as usual.
 */
export async function compileSubmissionInWorker(
  stagedDir: string,
  outDir: string,
  opts: WorkerCompileOptions = {},
): Promise<CompileResult> {
  const start = performance.now();
  const { timeoutMs = DEFAULT_COMPILE_TIMEOUT_MS, maxHeapMb = DEFAULT_COMPILE_HEAP_MB, ...compileOpts } = opts;
  const staged = path.resolve(stagedDir);
  const names = listSources(staged).map((f) => path.relative(staged, f).split(path.sep).join('/'));
  const whole = await compileInOneWorker(stagedDir, outDir, compileOpts, timeoutMs, maxHeapMb);
  if ('done' in whole) return { ...whole.done, ms: performance.now() - start };
  if (whole.failed !== 'timeout')
    return { files: failFiles(outDir, names, `${whole.failed}, so no file could be compiled.`), global: '', ms: performance.now() - start };

  const perFileMs = timeoutMs;
  const files: CompileResult['files'] = {};
  let global = '';
  for (const name of names) {
    const one = await compileInOneWorker(stagedDir, outDir, { ...compileOpts, only: [name] }, perFileMs, maxHeapMb);
    if ('done' in one) {
      Object.assign(files, one.done.files);
      global ||= one.done.global;
      continue;
    }
    const reason =
      one.failed === 'timeout'
        ? `The TypeScript compiler did not finish within ${seconds(perFileMs)} s on ${name}, nor on the whole submission, so this file could not be compiled. Very long expressions (thousands of terms) or very complex types can cause this.`
        : `${one.failed} on ${name}, so this file could not be compiled.`;
    Object.assign(files, failFiles(outDir, [name], reason));
  }
  return { files, global, ms: performance.now() - start };
}
