/**
 * The import rules that keep the layers pointing one way: nothing below the CLI imports grader/cli/,
 * and each report format imports, of reporters/, only reporters/shared/ (the writer, writeRun.ts,
 * is the one module that imports the formats).
 */
import * as fs from 'fs';
import * as path from 'path';

const grader = __dirname;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The files `file` imports by relative path, resolved (without extension). */
function relativeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)].map((m) =>
    path.resolve(path.dirname(file), m[1] ?? m[2]),
  );
}

const inside = (p: string, dir: string) => p === dir || p.startsWith(`${dir}${path.sep}`);

describe('layers', () => {
  it('nothing outside grader/cli/ imports it', () => {
    const cli = path.join(grader, 'cli');
    const upward = sourceFiles(grader)
      .filter((f) => !inside(f, cli))
      .flatMap((f) =>
        relativeImports(f)
          .filter((i) => inside(i, cli))
          .map((i) => `${path.relative(grader, f)} -> ${path.relative(grader, i)}`),
      );
    expect(upward).toEqual([]);
  });

  it('each report format imports only reporters/shared/ of the reporters, besides its own folder', () => {
    const reporters = path.join(grader, 'reporters');
    const shared = path.join(reporters, 'shared');
    const formats = fs
      .readdirSync(reporters, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'shared')
      .map((e) => path.join(reporters, e.name));
    expect(formats.length).toBeGreaterThanOrEqual(5);
    const sideways = formats.flatMap((dir) =>
      sourceFiles(dir).flatMap((f) =>
        relativeImports(f)
          .filter((i) => inside(i, reporters) && !inside(i, shared) && !inside(i, dir))
          .map((i) => `${path.relative(grader, f)} -> ${path.relative(grader, i)}`),
      ),
    );
    expect(sideways).toEqual([]);
    const sharedUp = sourceFiles(shared).flatMap((f) =>
      relativeImports(f)
        .filter((i) => inside(i, reporters) && !inside(i, shared))
        .map((i) => `${path.relative(grader, f)} -> ${path.relative(grader, i)}`),
    );
    expect(sharedUp).toEqual([]);
  });
});
