/**
 * A compiler host for student code that
 *  - reads only the staged submission, TypeScript's lib folder and the grader's node_modules
 *    (a `/// <reference path="/abs/hidden.suite.ts" />` or `import '../../x'` finds nothing);
 *  - resolves relative imports only to files of the submission, and bare imports only to
 *    ALLOWED_PACKAGES, looked up in the grader's node_modules (the submission lives in a scratch
 *    folder with no node_modules of its own);
 *  - caches the parsed library files (tfjs and lib .d.ts) across compiles, since they dominate the
 *    parse time and never change within a grader process.
 */
import * as path from 'path';
import ts from 'typescript';
import { ALLOWED_PACKAGES } from './compilerOptions';

const libraryCache = new Map<string, ts.SourceFile>();

function inside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function cacheKey(fileName: string, v: ts.ScriptTarget | ts.CreateSourceFileOptions): string {
  return typeof v === 'object' ? `${fileName}|${v.languageVersion}|${v.impliedNodeFormat ?? ''}` : `${fileName}|${v}`;
}

/** `excluded`: staged files the compiler must not see (they crash its parser). */
export function createSubmissionHost(
  options: ts.CompilerOptions,
  stagedDir: string,
  nodeModulesDir: string,
  excluded: ReadonlySet<string> = new Set(),
): ts.CompilerHost {
  const base = ts.createCompilerHost(options);
  // JSDoc carries no type errors in .ts/.d.ts files; skipping it makes parsing tfjs and @types/node much cheaper.
  base.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const libDir = path.dirname(ts.getDefaultLibFilePath(options));
  const isLibrary = (f: string): boolean => inside(f, libDir) || inside(f, nodeModulesDir);
  const allowed = (f: string): boolean =>
    (inside(path.resolve(f), stagedDir) && !excluded.has(path.resolve(f))) || isLibrary(path.resolve(f));
  const resolutionCache = ts.createModuleResolutionCache(base.getCurrentDirectory(), base.getCanonicalFileName, options);
  /** Bare imports of the submission resolve as if imported from a file beside node_modules. */
  const packageImporter = path.join(path.dirname(nodeModulesDir), '__submission__.ts');

  const host: ts.CompilerHost = {
    ...base,
    fileExists: (f) => allowed(f) && base.fileExists(f),
    readFile: (f) => (allowed(f) ? base.readFile(f) : undefined),
    getSourceFile(fileName, languageVersion, onError, shouldCreate) {
      if (!allowed(fileName)) return undefined;
      if (!isLibrary(path.resolve(fileName))) return base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
      const key = cacheKey(fileName, languageVersion);
      let sf = libraryCache.get(key);
      if (!sf) {
        sf = base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
        if (sf) libraryCache.set(key, sf);
      }
      return sf;
    },
  };

  const resolve = (name: string, containing: string): ts.ResolvedModuleFull | undefined => {
    const lookup = (from: string): ts.ResolvedModuleFull | undefined =>
      ts.resolveModuleName(name, from, options, host, resolutionCache).resolvedModule;
    if (!inside(path.resolve(containing), stagedDir)) return lookup(containing);
    if (name.startsWith('.') || path.isAbsolute(name)) {
      const found = lookup(containing);
      return found && !found.isExternalLibraryImport && inside(path.resolve(found.resolvedFileName), stagedDir) ? found : undefined;
    }
    if (!ALLOWED_PACKAGES.some((p) => name === p || name.startsWith(`${p}/`))) return undefined;
    return lookup(packageImporter);
  };
  host.resolveModuleNameLiterals = (literals, containingFile) =>
    literals.map((lit) => ({ resolvedModule: resolve(lit.text, containingFile) }));
  return host;
}
