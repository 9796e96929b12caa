/**
 * Compiles a staged submission file by file (DESIGN §2, issues 3 and 8): one ts.Program over all
 * staged .ts files, then for each file its own syntactic and semantic errors.
 *  - A file without errors is emitted as CommonJS.
 *  - A file whose only errors are type errors is emitted too and runs as written: tfjs's typings
 *    make nits such as a `Tensor<Rank>` returned where `Tensor2D` is declared common, and they
 *    change nothing at run time. Its errors are returned for the student to see.
 *  - A file that does not parse, imports a module that cannot be found, or whose emitted
 *    JavaScript would not load, is replaced by a stub that throws
 *    "<file>.ts did not compile:\n<diagnostics>" when required, so exactly the probes that load it,
 *    directly or through another file, fail with the compiler's message.
 * A file that is not in the submission gets no output at all: requiring it fails with MODULE_NOT_FOUND.
 */
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import * as vm from 'vm';
import { createSubmissionHost } from './compilerHost';
import { defaultNodeModulesDir, submissionCompilerOptions } from './compilerOptions';
import { DEFAULT_DIAGNOSTIC_CAPS, formatDiagnostics, type DiagnosticCaps } from './formatDiagnostics';

export interface CompileOptions {
  /** Where @tensorflow/tfjs and @types/node are found; default the grader's node_modules. */
  nodeModulesDir?: string;
  caps?: Partial<DiagnosticCaps>;
  /** Check and emit only these files (posix paths relative to the staged folder) and load only what they import. */
  only?: string[];
}

export interface FileCompileResult {
  /** Compiled without a single error. */
  ok: boolean;
  /**
   * Its JavaScript was written and runs as the student wrote it: when ok, and when its only errors
   * are type errors. False: a stub that throws `diagnostics` stands in its place.
   */
  emitted: boolean;
  /** The formatted errors ('' when ok). */
  diagnostics: string;
}

export interface CompileResult {
  /** Per staged file, keyed by its posix path relative to the staged folder ("rnn.ts"). */
  files: { [name: string]: FileCompileResult };
  /** Errors attached to no file (none expected; reported rather than thrown). */
  global: string;
  /** Wall time of the whole compile, milliseconds. */
  ms: number;
}

/** The .ts sources under `dir` (not .d.ts), as absolute paths, without following links. */
export function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(abs));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(abs);
  }
  return out.sort();
}

/** A CommonJS module that throws the compile errors of `name` whenever it is required. */
export function stubModule(name: string, diagnostics: string): string {
  return `"use strict";\nthrow new Error(${JSON.stringify(`${name} did not compile:\n${diagnostics}`)});\n`;
}

/** The files among `files` that overflow the stack of TypeScript's (recursive) parser. */
function parserCrashes(files: readonly string[]): string[] {
  return files.filter((f) => {
    try {
      ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022);
      return false;
    } catch (err) {
      if (err instanceof RangeError) return true;
      throw err;
    }
  });
}

/**
 * One program over `rootNames`. A file nested so deeply that the parser overflows its stack (about
 * 900 nested parentheses do it) is left out and recorded in `crashed`; files importing it then
 * report that they cannot find it.
 */
function createProgram(
  rootNames: readonly string[],
  options: ts.CompilerOptions,
  staged: string,
  nodeModulesDir: string,
  crashed: Set<string>,
): ts.Program {
  for (;;) {
    const roots = rootNames.filter((f) => !crashed.has(f));
    try {
      return ts.createProgram({ rootNames: roots, options, host: createSubmissionHost(options, staged, nodeModulesDir, crashed) });
    } catch (err) {
      const culprits = err instanceof RangeError ? parserCrashes(roots) : [];
      if (culprits.length === 0) throw err;
      for (const f of culprits) crashed.add(f);
    }
  }
}

function writeInside(outDir: string, file: string, text: string): void {
  const abs = path.resolve(file);
  if (!abs.startsWith(outDir + path.sep)) throw new Error(`refusing to write ${abs} outside ${outDir}`);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
}

/** Compiles the .ts files of `stagedDir` into `outDir` (created if needed); see the module comment. */
export function compileSubmission(stagedDir: string, outDir: string, opts: CompileOptions = {}): CompileResult {
  const start = performance.now();
  const staged = path.resolve(stagedDir);
  const out = path.resolve(outDir);
  const nodeModulesDir = opts.nodeModulesDir ?? defaultNodeModulesDir();
  const caps: DiagnosticCaps = { ...DEFAULT_DIAGNOSTIC_CAPS, ...opts.caps };
  const options = submissionCompilerOptions(staged, out, nodeModulesDir);
  // Only the files asked for, and what they import: a slow file nobody imports is not checked at all.
  const rootNames = listSources(staged).filter((f) => !opts.only || opts.only.includes(path.relative(staged, f).split(path.sep).join('/')));
  const crashed = new Set<string>();
  const program = createProgram(rootNames, options, staged, nodeModulesDir, crashed);
  const optionErrors = program.getOptionsDiagnostics();
  if (optionErrors.length > 0) throw new Error(`grader compiler options are invalid: ${formatDiagnostics(optionErrors, staged)}`);

  fs.mkdirSync(out, { recursive: true });
  const files: CompileResult['files'] = {};
  for (const fileName of rootNames) {
    const name = path.relative(staged, fileName).split(path.sep).join('/');
    const result: FileCompileResult = crashed.has(fileName)
      ? {
          ok: false,
          emitted: false,
          diagnostics: `${name}: the TypeScript compiler ran out of stack parsing this file: its expressions or blocks are nested too deeply.`,
        }
      : checkAndEmit(program, fileName, staged, out, caps);
    files[name] = result;
    if (!result.emitted) writeInside(out, path.join(out, name.replace(/\.ts$/, '.js')), stubModule(name, result.diagnostics));
  }
  const global = formatDiagnostics(program.getGlobalDiagnostics(), staged, caps);
  return { files, global, ms: performance.now() - start };
}

/** Import errors: the emitted require() would fail or reach a package the lab does not allow. */
const UNRESOLVED_IMPORT = new Set([2307, 2792]);

/** The SyntaxError V8 raises loading `js` as a CommonJS module, or null when it would load. */
function loadError(js: string, fileName: string): string | null {
  try {
    vm.compileFunction(js, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: fileName });
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Emits `fileName` unless it has errors that keep it from running (see the module comment); its
 * type errors, if any, come back in `diagnostics`.
 */
function checkAndEmit(program: ts.Program, fileName: string, staged: string, out: string, caps: DiagnosticCaps): FileCompileResult {
  const sf = program.getSourceFile(fileName);
  if (!sf) throw new Error(`the compiler lost ${fileName}`);
  const name = path.relative(staged, fileName).split(path.sep).join('/');
  const fatal = (diagnostics: string): FileCompileResult => ({ ok: false, emitted: false, diagnostics });
  try {
    const syntactic = program.getSyntacticDiagnostics(sf);
    // Semantic errors of a file that does not parse are mostly echoes of the parse error.
    if (syntactic.length > 0) return fatal(formatDiagnostics(syntactic, staged, caps));
    const errors = program.getSemanticDiagnostics(sf).filter((d) => d.category === ts.DiagnosticCategory.Error);
    const diagnostics = formatDiagnostics(errors, staged, caps);
    if (errors.some((d) => UNRESOLVED_IMPORT.has(d.code))) return fatal(diagnostics);
    const outputs: [string, string][] = [];
    const emitted = program.emit(sf, (file, text) => outputs.push([file, text]));
    const js = outputs.find(([file]) => file.endsWith('.js'));
    if (emitted.emitSkipped || !js)
      return fatal(formatDiagnostics(emitted.diagnostics, staged, caps) || diagnostics || `${name}: the compiler produced no output.`);
    // Some errors the checker reports (e.g. `await` outside an async function) leave JavaScript that does not load.
    const broken = errors.length > 0 ? loadError(js[1], fileName) : null;
    if (broken !== null) return fatal(diagnostics || `${name}: ${broken}`);
    for (const [file, text] of outputs) writeInside(out, file, text);
    return { ok: errors.length === 0, emitted: true, diagnostics };
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return fatal(
      `${name}: the TypeScript compiler ran out of stack checking this file (${err.message}): its expressions or types are nested too deeply.`,
    );
  }
}
