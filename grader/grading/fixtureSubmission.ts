/**
 * Fixture submissions (fixtures/submissions/<name>/): a base (the solution, the stencil or
 * nothing), files removed from it, the fixture's own .ts files laid over it, and the per-test
 * outcome the grader must give. Only the changed files are stored, so a bug fixture is its diff.
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
  /** Expected status of every test of the assignment config, by test id. */
  expected: Record<string, TestStatus>;
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
  return out;
}

/** The path to a fixture's fixture.json. */
export function fixtureSpecPath(fixture: Fixture): string {
  return path.join(fixture.dir, FIXTURE_FILE);
}
