/**
 * `rnn-lab package handout`: what students get. The stencil's src/ and the public tests, a
 * package.json with its own lockfile whose grader part is a local tarball (vendor/), tsconfig, Jest
 * config, the README and the GitHub Classroom workflow; then a leak scan of the result.
 */
import * as crypto from 'crypto';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfig } from '../config/loadConfig';
import { stageGraderPart } from './graderPart';
import {
  checkWorkflow,
  HANDOUT_GITIGNORE,
  HANDOUT_JEST_CONFIG,
  HANDOUT_JEST_SETUP,
  HANDOUT_TSCONFIG,
  handoutPackageJson,
} from './handoutFiles';
import { handoutLockfile, type Lockfile } from './lockfile';
import { handoutReadme } from './handoutReadme';
import { scanForLeaks, type Leak } from './leakScan';
import { isPublicTest } from './publicParts';

export interface HandoutResult {
  dir: string;
  /** The grader part's tarball, relative to `dir`. */
  tarball: string;
  /** Every file of the handout, relative to `dir`. */
  files: string[];
  /** What the leak scan found (the command fails unless this is empty). */
  leaks: Leak[];
}

/** Refuses a folder that holds anything: building never deletes what is already there. */
export function emptyOutDir(out: string): void {
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) throw new Error(`${out} is not empty; give --out a new or empty folder`);
  fs.mkdirSync(out, { recursive: true });
}

function writeFile(dir: string, rel: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), content);
}

/** `npm pack` of `partDir` into `destDir`; returns the tarball's file name. */
export function npmPack(partDir: string, destDir: string): string {
  fs.mkdirSync(destDir, { recursive: true });
  const r = spawnSync('npm', ['pack', '--pack-destination', destDir, '--ignore-scripts', '--silent'], {
    cwd: partDir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const name = r.stdout?.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !name.endsWith('.tgz') || !fs.existsSync(path.join(destDir, name)))
    throw new Error(`npm pack failed in ${partDir}: ${r.error?.message ?? r.stderr}`);
  return name;
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

export function buildHandout(out: string, root: string): HandoutResult {
  const dir = path.resolve(out);
  emptyOutDir(dir);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-handout-part-'));
  try {
    const part = stageGraderPart(path.join(work, 'rnn-lab'), 'students', root);
    const partPkg = JSON.parse(fs.readFileSync(path.join(part.dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license: string;
      dependencies: Record<string, string>;
      bin: Record<string, string>;
      engines: Record<string, string>;
    };
    const tarball = `vendor/${npmPack(part.dir, path.join(dir, 'vendor'))}`;
    const integrity = `sha512-${crypto
      .createHash('sha512')
      .update(fs.readFileSync(path.join(dir, tarball)))
      .digest('base64')}`;

    fs.cpSync(path.join(root, 'stencil', 'src'), path.join(dir, 'src'), { recursive: true });
    fs.cpSync(path.join(root, 'stencil', 'test'), path.join(dir, 'test'), { recursive: true });
    const pkg = handoutPackageJson({
      graderName: partPkg.name,
      graderVersion: partPkg.version,
      tarball,
      graderDependencies: partPkg.dependencies,
      engines: partPkg.engines,
    });
    writeFile(dir, 'package.json', `${JSON.stringify(pkg, null, 2)}\n`);
    const project = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lockfile;
    const lock = handoutLockfile(project, { ...pkg, grader: { ...partPkg, tarball, integrity } });
    writeFile(dir, 'package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
    writeFile(dir, 'tsconfig.json', `${JSON.stringify(HANDOUT_TSCONFIG, null, 2)}\n`);
    writeFile(dir, 'jest.config.js', HANDOUT_JEST_CONFIG);
    writeFile(dir, 'jest.setup.js', HANDOUT_JEST_SETUP);
    writeFile(dir, '.gitignore', HANDOUT_GITIGNORE);

    const full = loadConfig(path.join(root, 'grader', 'config', 'assignment.json')).config!;
    const publicMax = full.questions
      .flatMap((q) => q.tests)
      .filter(isPublicTest)
      .reduce((s, t) => s + t.points, 0);
    writeFile(dir, '.github/workflows/check.yml', checkWorkflow(publicMax));
    const stencil = Object.fromEntries(
      fs.readdirSync(path.join(root, 'stencil', 'src')).map((f) => [f, fs.readFileSync(path.join(root, 'stencil', 'src', f), 'utf8')]),
    );
    writeFile(dir, 'README.md', handoutReadme(full, stencil, publicMax));
    return { dir, tarball, files: listFiles(dir), leaks: scanForLeaks(dir, root) };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
