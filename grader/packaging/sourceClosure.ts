/**
 * The TypeScript sources the suites need at grading time. Jest compiles the suites from source
 * (ts-jest), and with them every project file they import, so a package ships exactly that
 * closure: the suites, their support code and the grader modules those reach.
 */
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';

/** The project file a relative import names (`./x` -> x.ts or x/index.ts), or undefined. */
function resolveRelative(fromFile: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), spec);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
}

/**
 * Absolute paths of every project file reached from `entries` through relative imports (package
 * imports are left to node_modules). `texts` overrides what a file holds (a suite cut down to its
 * public tests imports less than the file on disk).
 */
export function sourceClosure(entries: readonly string[], texts: ReadonlyMap<string, string> = new Map()): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.ts')) continue;
    const text = texts.get(file) ?? fs.readFileSync(file, 'utf8');
    for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = resolveRelative(file, ref.fileName);
      if (target === undefined) throw new Error(`${file} imports ${ref.fileName}, which is not there`);
      queue.push(target);
    }
  }
  return [...seen].sort();
}
