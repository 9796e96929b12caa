/**
 * compileSubmission with a wall-clock limit. The TypeScript checker is quadratic on some inputs
 * (a 1 MB file of `1 + 1 + ...` runs for many minutes; 20,000 terms take ~15 s here), and a sync
 * compile cannot be interrupted, so this runs it in a worker thread and terminates the worker at
 * the deadline. Then (or when the worker dies, e.g. out of memory) every staged file gets a stub
 * that throws the reason, so the grade still completes with an honest message.
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

function allFailed(stagedDir: string, outDir: string, reason: string, start: number): CompileResult {
  const staged = path.resolve(stagedDir);
  const out = path.resolve(outDir);
  const files: CompileResult['files'] = {};
  for (const file of listSources(staged)) {
    const name = path.relative(staged, file).split(path.sep).join('/');
    files[name] = { ok: false, emitted: false, diagnostics: reason };
    const js = path.join(out, name.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(js), { recursive: true });
    fs.writeFileSync(js, stubModule(name, reason));
  }
  return { files, global: '', ms: performance.now() - start };
}

/** Like compileSubmission, but never runs longer than `timeoutMs` and never crashes the caller. */
export function compileSubmissionInWorker(stagedDir: string, outDir: string, opts: WorkerCompileOptions = {}): Promise<CompileResult> {
  const start = performance.now();
  const { timeoutMs = DEFAULT_COMPILE_TIMEOUT_MS, maxHeapMb = DEFAULT_COMPILE_HEAP_MB, ...compileOpts } = opts;
  const entry = path.join(__dirname, `compileSubmission${path.extname(__filename)}`);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { entry, typescript: require.resolve('typescript'), stagedDir, outDir, opts: compileOpts },
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    // Stubs are written only once the worker is gone, so it cannot overwrite them.
    const settle = (result: () => CompileResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate().then(() => {
        try {
          resolve(result());
        } catch (err) {
          reject(err as Error);
        }
      });
    };
    const timer = setTimeout(() => {
      const s = Number((timeoutMs / 1000).toFixed(1));
      settle(() => allFailed(stagedDir, outDir, `The TypeScript compiler did not finish within ${s} s on this submission, so no file could be compiled. Very long expressions (thousands of terms) or very complex types can cause this.`, start));
    }, timeoutMs);
    worker.once('message', (result: CompileResult) => settle(() => ({ ...result, ms: performance.now() - start })));
    worker.once('error', (err) => settle(() => allFailed(stagedDir, outDir, `The TypeScript compiler failed on this submission (${err.message}), so no file could be compiled.`, start)));
    worker.once('exit', (code) => settle(() => allFailed(stagedDir, outDir, `The TypeScript compiler stopped (exit code ${code}) before compiling this submission.`, start)));
  });
}
