/**
 * Grading on another Node release, taken from the npm registry's `node` package (`.ci/run` runs it
 * on Node 24 after `npm test`, which runs on the machine's Node):
 *  - the reference solution earns full marks with Node's permission model in force;
 *  - the fixture reads-hidden-files, which reads the grader's hidden files by absolute path, is
 *    refused (ERR_ACCESS_DENIED) and earns exactly its honest parts.
 * Usage: node dist/grader/smoke/nodeSmoke.js 24. Prints every check; exits 1 if any fails.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../projectRoot';
import { listFixtures, materialiseFixture } from '../grading/fixtureSubmission';
import type { GradescopeResults } from '../reporters/gradescope/gradescopeSchema';

const HOSTILE = 'reads-hidden-files';
const failures: string[] = [];

function check(ok: boolean, what: string): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

/** The binary of Node `major` from the npm registry (npx caches it). */
function registryNode(major: string): string {
  const found = spawnSync('npx', ['-y', '-p', `node@${major}`, 'node', '-p', 'process.execPath'], { encoding: 'utf8', timeout: 300_000 });
  const bin = found.stdout.trim();
  if (found.status !== 0 || !fs.existsSync(bin))
    throw new Error(`npx -p node@${major} failed (exit ${found.status}): ${found.stderr.trim()}`);
  return bin;
}

/** Grades `submission` with `node`; returns the exit code and results.json. */
function grade(node: string, submission: string, out: string): { status: number | null; results?: GradescopeResults; stderr: string } {
  const run = spawnSync(node, [path.join(projectRoot(), 'bin', 'rnn-lab.js'), 'grade', submission, '--out', out, '--format', 'json'], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  const file = path.join(out, 'results.json');
  return {
    status: run.status,
    stderr: run.stderr,
    results: fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as GradescopeResults) : undefined,
  };
}

interface Isolation {
  permissionModel?: boolean;
  notes?: string[];
}

function checkRun(
  label: string,
  node: string,
  version: string,
  submission: string,
  out: string,
  expected: (id: string) => 'passed' | 'error' | 'failed',
): GradescopeResults | undefined {
  const { status, results, stderr } = grade(node, submission, out);
  check(
    status === 0,
    `${label}: rnn-lab grade exited ${status}${status === 0 ? '' : `\n${stderr.trim().split('\n').slice(-8).join('\n')}`}`,
  );
  if (!results) return void check(false, `${label}: no results.json in ${out}`);
  const extra = (results.extra_data ?? {}) as { versions?: { node?: string }; isolation?: Isolation };
  check(extra.versions?.node === version, `${label}: graded by Node ${extra.versions?.node} (expected ${version})`);
  const iso = extra.isolation ?? {};
  check(iso.permissionModel === true, `${label}: permissionModel ${iso.permissionModel} (${iso.notes?.[0] ?? 'no notes'})`);
  const tests = results.tests ?? [];
  const want = tests.reduce((sum, t) => sum + (expected(String(t.extra_data?.id)) === 'passed' ? (t.max_score ?? 0) : 0), 0);
  const max = tests.reduce((sum, t) => sum + (t.max_score ?? 0), 0);
  check(results.score === want, `${label}: score ${results.score}/${max} (expected ${want}/${max})`);
  for (const t of tests) {
    const id = String(t.extra_data?.id);
    const got = String(t.extra_data?.status);
    if (got !== expected(id))
      check(false, `${label}: ${id} ${got} (expected ${expected(id)}): ${String(t.output).split('\n')[0].slice(0, 200)}`);
  }
  return results;
}

function main(): void {
  const major = process.argv[2] ?? '24';
  const node = registryNode(major);
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  check(version.startsWith(`v${major}.`), `Node from the npm registry: ${version} at ${node}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-smoke-'));
  try {
    checkRun('solution', node, version, path.join(projectRoot(), 'solution', 'src'), path.join(work, 'out', 'solution'), () => 'passed');
    const fixture = listFixtures().find((f) => f.name === HOSTILE);
    if (!fixture) throw new Error(`fixtures/submissions/${HOSTILE} is missing`);
    const expected = (id: string) => fixture.spec.expected[id] as 'passed' | 'error';
    const results = checkRun(
      HOSTILE,
      node,
      version,
      materialiseFixture(fixture, path.join(work, 'submissions')),
      path.join(work, 'out', HOSTILE),
      expected,
    );
    const blocked = results?.tests?.filter((t) => expected(String(t.extra_data?.id)) !== 'passed') ?? [];
    for (const t of blocked)
      check(
        /was refused \(ERR\\?_ACCESS\\?_DENIED\)/.test(String(t.output)),
        `${HOSTILE}: ${String(t.extra_data?.id)} says the read was refused: ${String(t.output).split('\n')[0].slice(0, 200)}`,
      );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.error(`\nsmoke on Node ${version}: ${failures.length} check(s) FAILED:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  console.log(`\nsmoke on Node ${version}: every check passed`);
}

main();
