/**
 * Checks folders of lab files (stencil/src, solution/src, a submission) against the contract with
 * the TypeScript compiler: every export of modules.ts must exist with a type the contract accepts
 * (a function that takes what the host passes and returns what it relies on), and every exported
 * type must match the contract's both ways. Test-only (excluded from the build): it loads the
 * compiler and tfjs's typings, a few seconds per program.
 */
import * as path from 'path';
import ts from 'typescript';
import { LAB_EXPORTS, LAB_MODULES, LAB_TYPE_EXPORTS, fileOf, type LabModuleName } from '.';

export interface LabCheck {
  /** "rnn.ts: rnnCell: Type '...' is not assignable to ...", one per failed check. */
  problems: string[];
  /** The names each module exports, values and types together, sorted. */
  exports: Partial<Record<LabModuleName, string[]>>;
}

const CONTRACT = path.join(__dirname, 'index');
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
  types: ['node'],
  typeRoots: [path.join(PROJECT_ROOT, 'node_modules', '@types')],
  noEmit: true,
};

/** What one line of a generated check file checks. */
interface CheckedLine {
  module: LabModuleName;
  name: string;
}

/** The check file for one folder: an import per module, then one line per export. */
function checkSource(labDir: string): { text: string; lines: Map<number, CheckedLine> } {
  const out: string[] = [`import type * as C from ${JSON.stringify(CONTRACT)};`];
  const lines = new Map<number, CheckedLine>();
  const add = (line: string, checked: CheckedLine) => {
    lines.set(out.length, checked);
    out.push(line);
  };
  for (const m of LAB_MODULES) {
    add(`import * as ${m} from ${JSON.stringify(path.join(labDir, m))};`, { module: m, name: `the file ${fileOf(m)}` });
    for (const name of LAB_EXPORTS[m])
      add(`export const ${m}$${name}: C.LabModules['${m}']['${name}'] = ${m}.${name};`, { module: m, name });
    for (const name of LAB_TYPE_EXPORTS[m] as readonly string[]) {
      const contract = `C.LabTypes['${m}']['${name}']`;
      add(`export const ${m}$${name} = [(x: ${m}.${name}): ${contract} => x, (x: ${contract}): ${m}.${name} => x];`, { module: m, name });
    }
  }
  return { text: `${out.join('\n')}\n`, lines };
}

/** A host that also serves the generated check files, and resolves package imports from the project (a copy in /tmp has no node_modules). */
function checkHost(files: ReadonlyMap<string, string>): ts.CompilerHost {
  const base = ts.createCompilerHost(OPTIONS);
  const fromProject = path.join(PROJECT_ROOT, '__lab_check__.ts');
  const host: ts.CompilerHost = {
    ...base,
    fileExists: (f) => files.has(f) || base.fileExists(f),
    readFile: (f) => files.get(f) ?? base.readFile(f),
    getSourceFile: (f, v, onError, create) => {
      const text = files.get(f);
      return text !== undefined ? ts.createSourceFile(f, text, v, true) : base.getSourceFile(f, v, onError, create);
    },
  };
  host.resolveModuleNameLiterals = (literals, containing) =>
    literals.map((lit) => {
      const bare = !lit.text.startsWith('.') && !path.isAbsolute(lit.text);
      return ts.resolveModuleName(lit.text, bare ? fromProject : containing, OPTIONS, host);
    });
  return host;
}

/** Checks each folder in `labDirs` against the contract, all in one program. */
export function checkLabs(labDirs: readonly string[]): LabCheck[] {
  const sources = labDirs.map((dir, i) => ({ file: path.join(PROJECT_ROOT, `__lab_check_${i}__.ts`), ...checkSource(path.resolve(dir)) }));
  const program = ts.createProgram({
    rootNames: sources.map((s) => s.file),
    options: OPTIONS,
    host: checkHost(new Map(sources.map((s) => [s.file, s.text]))),
  });
  const checker = program.getTypeChecker();
  return labDirs.map((dir, i) => {
    const source = sources[i];
    const sf = program.getSourceFile(source.file);
    if (!sf) throw new Error(`the compiler lost the check file of ${dir}`);
    const problems = program.getSemanticDiagnostics(sf).map((d) => {
      const line = d.start === undefined ? -1 : sf.getLineAndCharacterOfPosition(d.start).line;
      const checked = source.lines.get(line);
      const what = checked ? `${fileOf(checked.module)}: ${checked.name}` : 'contract check';
      return `${what}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    const exports: LabCheck['exports'] = {};
    for (const m of LAB_MODULES) {
      const moduleFile = program.getSourceFile(path.join(path.resolve(dir), fileOf(m)));
      const symbol = moduleFile && checker.getSymbolAtLocation(moduleFile);
      if (symbol)
        exports[m] = checker
          .getExportsOfModule(symbol)
          .map((s) => s.name)
          .sort();
    }
    return { problems, exports };
  });
}
