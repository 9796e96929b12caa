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
  /**
   * The set the fixture belongs to: plain `rnn-lab verify` grades the default set;
   * "adversarial" fixtures (hostile submissions, `verify --set adversarial` and
   * `npm run test:adversarial`) are kept apart because they cost CI time of their own.
   */
  set?: FixtureSet;
  /** What a hostile fixture attempts and how the harness recognises that it was stopped. */
  attack?: AttackSpec;
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

/** The sets of fixtures; a fixture without `set` is in "default". */
export const FIXTURE_SETS = ['default', 'adversarial'] as const;
export type FixtureSet = (typeof FIXTURE_SETS)[number];

/** An adversarial fixture's attack, for the harness (grader/grading/adversarial.e2e.ts). */
export interface AttackSpec {
  /** The attack in a few words, as the harness reports it. */
  what: string;
  /** The tests the attack costs (the rest of the submission is honest and must pass). */
  tests: string[];
  /** Regular expression the message of each attacked test must match (the refusal in plain words); '' for none. */
  blocked: string;
  /** The RNN perplexity on the leaderboard must exceed this (the forged figure is far below it). */
  leaderboardAbove?: number;
  /** A loopback TCP port the harness listens on while grading it (the attack tries to reach it). */
  listen?: number;
  /** Text in the command line of any process the attack starts: none may be running once grading ends. */
  orphanMarker?: string;
  /** What an undefended grader lets this attack do to other processes of the machine. */
  hazard?: string;
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

/** The fixtures of one set (default: the plain ones), or of all sets, sorted by name. */
export function listFixtures(dir = FIXTURES_DIR, set: FixtureSet | 'all' = 'default'): Fixture[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, FIXTURE_FILE)))
    .map((e) => ({
      name: e.name,
      dir: path.join(dir, e.name),
      spec: JSON.parse(fs.readFileSync(path.join(dir, e.name, FIXTURE_FILE), 'utf8')) as FixtureSpec,
    }))
    .filter((f) => set === 'all' || (f.spec.set ?? 'default') === set)
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
  for (const file of fs.readdirSync(fixture.dir))
    if (file.endsWith('.ts')) fs.copyFileSync(path.join(fixture.dir, file), path.join(out, file));
  (fixture.spec.edits ?? []).forEach((edit, i) =>
    applyEdit(path.join(out, edit.file), edit, `fixture ${fixture.name}, edit ${i + 1} of ${edit.file}`),
  );
  return out;
}

/** Replaces the single occurrence of `edit.find`; anything else means the fixture no longer fits its base. */
export function applyEdit(file: string, edit: FixtureEdit, where: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf(edit.find);
  const count = at < 0 ? 0 : text.split(edit.find).length - 1;
  if (count !== 1)
    throw new Error(`${where}: the text to replace occurs ${count} times (expected once); update the fixture to the current base`);
  fs.writeFileSync(file, text.slice(0, at) + edit.replace + text.slice(at + edit.find.length));
}

/** The path to a fixture's fixture.json. */
export function fixtureSpecPath(fixture: Fixture): string {
  return path.join(fixture.dir, FIXTURE_FILE);
}
