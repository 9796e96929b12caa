/**
 * Compiler options for student code: the project's strict tsconfig (which is also what students
 * compile against in the handout), minus the test-only pieces.
 */
import * as path from 'path';
import ts from 'typescript';

/** Bare imports a submission may use; anything else is "Cannot find module" at compile time. */
export const ALLOWED_PACKAGES: readonly string[] = ['@tensorflow/tfjs'];

/** The node_modules that holds @tensorflow/tfjs and @types (the grader's own). */
export function defaultNodeModulesDir(): string {
  return path.resolve(path.dirname(require.resolve('@tensorflow/tfjs/package.json')), '..', '..');
}

/**
 * Same checks as tsconfig.json (strict, ES2022, CommonJS, esModuleInterop, skipLibCheck, ...).
 * `types` is `['node']`, not `[]`: the ES2022 lib alone has no `console`, and a debugging
 * `console.log` that compiles in the student's editor must not fail the file here; @types/jest
 * and the other @types packages stay out. Source maps are inlined so that the host can name the
 * .ts line of a student's stack frame (host/studentFrame.ts).
 */
export function submissionCompilerOptions(stagedDir: string, outDir: string, nodeModulesDir: string): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    isolatedModules: true,
    noImplicitOverride: true,
    noFallthroughCasesInSwitch: true,
    esModuleInterop: true,
    skipLibCheck: true,
    forceConsistentCasingInFileNames: true,
    types: ['node'],
    typeRoots: [path.join(nodeModulesDir, '@types')],
    rootDir: stagedDir,
    outDir,
    inlineSourceMap: true,
    newLine: ts.NewLineKind.LineFeed,
  };
}
