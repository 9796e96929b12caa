/**
 * Fixture submissions (fixtures/submissions/<name>/): a base (the solution, the stencil or
 * nothing), files removed from it, the fixture's own .ts files laid over it, text edits applied to
 * it, and the per-test outcome the grader must give. A bug fixture is stored as its edits to the
 * solution, so it stays small and breaks loudly if the solution changes under it.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { TestStatus } from '../results/types';
import { projectRoot } from '../projectRoot';

export interface FixtureSpec {
  description: string;
  base: 'solution' | 'stencil' | 'none';
  /** Lab files removed from the base (e.g. "generate.ts"). */
  remove?: string[];
  /** Replacements applied in order; each `find` must occur exactly once in its file. */
  edits?: FixtureEdit[];
  /**
   * Expected status of every test of the assignment config, by test id. A list means any of them:
   * only for a training test whose outcome for this bug sits near the perplexity bar, with the
   * reason in `description`.
   */
  expected: Record<string, TestStatus | TestStatus[]>;
  /**
   * Text the student must be shown, by test id (in that test's message) or "messages" (in the
   * run's notes): e.g. a type error's file and line, or the .ts line of a crash.
   */
  mentions?: Record<string, string[]>;
}

export interface FixtureEdit {
  file: string;
  find: string;
  replace: string;
}

export interface Fixture {
  name: string;
  dir: string;
  spec: FixtureSpec;
}

export const FIXTURES_DIR = path.join(projectRoot(), 'fixtures', 'submissions');
export const FIXTURE_FILE = 'fixture.json';

export function listFixtures(dir = FIXTURES_DIR): Fixture[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, FIXTURE_FILE)))
    .map((e) => ({ name: e.name, dir: path.join(dir, e.name), spec: JSON.parse(fs.readFileSync(path.join(dir, e.name, FIXTURE_FILE), 'utf8')) as FixtureSpec }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Assembles the fixture's submission folder under `into` and returns its path. */
export function materialiseFixture(fixture: Fixture, into: string): string {
  const out = path.join(into, fixture.name);
  fs.mkdirSync(out, { recursive: true });
  if (fixture.spec.base !== 'none') {
    const baseDir = path.join(projectRoot(), fixture.spec.base, 'src');
    for (const file of fs.readdirSync(baseDir)) if (file.endsWith('.ts')) fs.copyFileSync(path.join(baseDir, file), path.join(out, file));
  }
  for (const file of fixture.spec.remove ?? []) fs.rmSync(path.join(out, file), { force: true });
  for (const file of fs.readdirSync(fixture.dir)) if (file.endsWith('.ts')) fs.copyFileSync(path.join(fixture.dir, file), path.join(out, file));
  (fixture.spec.edits ?? []).forEach((edit, i) => applyEdit(path.join(out, edit.file), edit, `fixture ${fixture.name}, edit ${i + 1} of ${edit.file}`));
  return out;
}

/** Replaces the single occurrence of `edit.find`; anything else means the fixture no longer fits its base. */
export function applyEdit(file: string, edit: FixtureEdit, where: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf(edit.find);
  const count = at < 0 ? 0 : text.split(edit.find).length - 1;
  if (count !== 1) throw new Error(`${where}: the text to replace occurs ${count} times (expected once); update the fixture to the current base`);
  fs.writeFileSync(file, text.slice(0, at) + edit.replace + text.slice(at + edit.find.length));
}

/** The path to a fixture's fixture.json. */
export function fixtureSpecPath(fixture: Fixture): string {
  return path.join(fixture.dir, FIXTURE_FILE);
}
