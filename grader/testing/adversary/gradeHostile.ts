/**
 * Grades one adversarial fixture with the real command line, as a given user and isolation
 * layer, and gathers what the judge needs: exit, results.json, report.md, the output folder, the
 * project's changes, leftover processes and loopback connections.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { materialiseFixture, type Fixture } from '../../grading/fixtureSubmission';
import { projectRoot } from '../../projectRoot';
import { giveTo, type GradingUser } from './gradingUser';
import { DECOY, type GradedRun, type GradescopeResults } from './judgeRun';
import { killAll, processesMatching } from './processes';
import { treeChanges, treeFingerprint, UNHASHED_PROJECT_DIRS } from './treeHash';

export interface HostileRun {
  fixture: Fixture;
  user: GradingUser;
  /** The --isolation value, or undefined for the grader's own choice. */
  isolation?: string;
  /** An assignment config for --config (default: the project's). */
  config?: string;
  /** A fresh folder of the harness's (mode 755) for this run's files. */
  work: string;
  timeoutMs: number;
}

/** Counts the connections a loopback listener accepts while `during` runs. */
async function listening<T>(port: number | undefined, during: () => Promise<T>): Promise<{ value: T; connections: number }> {
  if (port === undefined) return { value: await during(), connections: 0 };
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  try {
    return { value: await during(), connections };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

function readJson(file: string): GradescopeResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as GradescopeResults;
  } catch {
    return undefined;
  }
}

export async function gradeHostile(run: HostileRun): Promise<GradedRun & { seconds: number; stdout: string }> {
  const root = projectRoot();
  const submissions = path.join(run.work, 'submission');
  const out = path.join(run.work, 'out');
  // The grader's temp folder, so that its scratch folders (and the hosts' command lines) are this run's alone.
  const tmp = path.join(run.work, 'tmp');
  const home = path.join(run.work, 'home');
  for (const dir of [submissions, out, tmp, home]) fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const submission = materialiseFixture(run.fixture, submissions);
  fs.writeFileSync(path.join(out, DECOY.name), DECOY.text);
  for (const dir of [out, tmp, home]) giveTo(dir, run.user);
  fs.chmodSync(tmp, 0o1777);

  const before = treeFingerprint(root, UNHASHED_PROJECT_DIRS);
  const started = Date.now();
  const args = [
    path.join(root, 'bin', 'rnn-lab.js'),
    'grade',
    submission,
    '--out',
    out,
    '--format',
    'json,html,md',
    ...(run.isolation ? ['--isolation', run.isolation] : []),
    ...(run.config ? ['--config', path.resolve(run.config)] : []),
  ];
  const env = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    TMPDIR: tmp,
    ...(process.env.RNN_LAB_BACKEND ? { RNN_LAB_BACKEND: process.env.RNN_LAB_BACKEND } : {}),
  };
  const { value: exit, connections } = await listening(
    run.fixture.spec.attack?.listen,
    () =>
      new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, args, {
          cwd: root,
          env,
          uid: run.user.uid,
          gid: run.user.gid,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        child.stdout.on('data', (c: Buffer) => (stdout = (stdout + c.toString()).slice(-20_000)));
        child.stderr.on('data', (c: Buffer) => (stdout = (stdout + c.toString()).slice(-20_000)));
        const timer = setTimeout(() => child.kill('SIGKILL'), run.timeoutMs);
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          resolve({ code, signal, stdout });
        });
      }),
  );
  const seconds = (Date.now() - started) / 1000;
  // Whatever still runs from this grading: hosts (their scratch lies under tmp) and the attack's own children.
  const leftovers = processesMatching([tmp, ...(run.fixture.spec.attack?.orphanMarker ? [run.fixture.spec.attack.orphanMarker] : [])]);
  killAll(leftovers.map((p) => p.pid));
  const decoy = path.join(out, DECOY.name);
  return {
    exitCode: exit.code,
    signal: exit.signal,
    stdout: exit.stdout,
    seconds,
    results: readJson(path.join(out, 'results.json')),
    reportMd: fs.existsSync(path.join(out, 'report.md')) ? fs.readFileSync(path.join(out, 'report.md'), 'utf8') : undefined,
    outputFiles: fs.readdirSync(out),
    decoyText: fs.existsSync(decoy) ? fs.readFileSync(decoy, 'utf8') : undefined,
    projectChanges: treeChanges(before, treeFingerprint(root, UNHASHED_PROJECT_DIRS)),
    leftovers: leftovers.map((p) => `${p.pid}: ${p.cmdline.slice(0, 160)}`),
    connections,
  };
}
