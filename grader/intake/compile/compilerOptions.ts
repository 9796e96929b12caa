/**
 * Compiler options for student code: the checks of the project's tsconfig.json (strict, ES2022,
 * CommonJS, esModuleInterop, skipLibCheck, ...), read with the TypeScript API, minus what only the
 * project's own build and tests need. Every package of the grader ships that tsconfig.json
 * (packaging/graderPart.ts); the students' own, in the handout, is packaging/handoutFiles.ts
 * HANDOUT_TSCONFIG, with the same checks.
 */
import * as path from 'path';
import ts from 'typescript';
import { projectRoot } from '../../projectRoot';

/** Bare imports a submission may use; anything else is "Cannot find module" at compile time. */
export const ALLOWED_PACKAGES: readonly string[] = ['@tensorflow/tfjs'];

/** The node_modules that holds @tensorflow/tfjs and @types (the grader's own). */
export function defaultNodeModulesDir(): string {
  return path.resolve(path.dirname(require.resolve('@tensorflow/tfjs/package.json')), '..', '..');
}

/** Options of the project's tsconfig that are about its own build and tests, not about the checks. */
const PROJECT_ONLY: readonly string[] = ['sourceMap', 'types', 'outDir', 'rootDir', 'resolveJsonModule'];

let checks: ts.CompilerOptions | undefined;

/** The compiler options of `<root>/tsconfig.json`, without the project-only ones; throws when it cannot be read. */
export function tsconfigChecks(root: string = projectRoot()): ts.CompilerOptions {
  const file = path.join(root, 'tsconfig.json');
  const read = ts.readConfigFile(file, (f) => ts.sys.readFile(f));
  if (read.error) throw new Error(`cannot read ${file}: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
  const converted = ts.convertCompilerOptionsFromJson((read.config as { compilerOptions?: unknown }).compilerOptions ?? {}, root);
  if (converted.errors.length > 0)
    throw new Error(`${file}: ${converted.errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('; ')}`);
  const options = { ...converted.options };
  for (const key of PROJECT_ONLY) delete options[key];
  return options;
}

/**
 * The project's checks, with `types` `['node']`, not `[]`: the ES2022 lib alone has no `console`,
 * and a debugging `console.log` that compiles in the student's editor must not fail the file
 * here; @types/jest and the other @types packages stay out. Source maps are inlined so that the
 * host can name the .ts line of a student's stack frame (host/studentFrame.ts).
 */
export function submissionCompilerOptions(stagedDir: string, outDir: string, nodeModulesDir: string): ts.CompilerOptions {
  checks ??= tsconfigChecks();
  return {
    ...checks,
    types: ['node'],
    typeRoots: [path.join(nodeModulesDir, '@types')],
    rootDir: stagedDir,
    outDir,
    inlineSourceMap: true,
    newLine: ts.NewLineKind.LineFeed,
  };
}
