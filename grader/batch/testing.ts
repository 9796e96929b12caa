/**
 * Test helpers for batch (excluded from the build): classes of fixture submissions, a config with
 * the training question removed (a grading run then takes seconds, not half a minute), and the CLI
 * as staff run it.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { AssignmentConfig } from '../config/assignmentConfig';
import { DEFAULT_CONFIG_PATH } from '../config/loadConfig';
import { listFixtures, materialiseFixture } from '../grading/fixtureSubmission';
import { projectRoot } from '../projectRoot';

export const BIN = path.join(projectRoot(), 'bin', 'rnn-lab.js');

/**
 * Writes the project's config without the training question, with rnn.paramCount limited to 3 s
 * (so the fixture that hangs there times out quickly), and `patch` applied; returns its path.
 */
export function quickConfig(dir: string, patch: (c: AssignmentConfig) => void = () => undefined): string {
  const config = JSON.parse(fs.readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as AssignmentConfig;
  config.questions = config.questions.filter((q) => q.id !== 'training');
  for (const t of config.questions.flatMap((q) => q.tests)) if (t.id === 'rnn.paramCount') t.timeoutSeconds = 3;
  patch(config);
  const file = path.join(dir, 'quick-config.json');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** Materialises the named fixture submissions as folders of `into`. */
export function fixtureClass(into: string, names: string[]): string {
  fs.mkdirSync(into, { recursive: true });
  const fixtures = listFixtures();
  for (const name of names) {
    const fixture = fixtures.find((f) => f.name === name);
    if (!fixture) throw new Error(`no fixture ${name}`);
    materialiseFixture(fixture, into);
  }
  return into;
}

export function cli(args: string[], env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: projectRoot(), encoding: 'utf8', env, timeout: 600_000 });
}

/** Starts the CLI without waiting (for tests that interrupt it). */
export function cliAsync(args: string[]) {
  return spawn(process.execPath, [BIN, ...args], { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The gradebook without its last column (seconds: the only one that differs between two runs). */
export function gradebookWithoutTimes(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => line.replace(/,[^,]*$/, ''));
}

/** Processes whose command line mentions `text` (Linux /proc). */
export function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` is true, polling every 100 ms; throws after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}
