/**
 * The grader as a package of its own, laid out in a folder: the compiled CLI, runtime and host
 * (dist/), the suites as Jest compiles them (TypeScript sources, with what they import), the config,
 * the goldens, the corpus manifest, the report templates and the provided lab files. For staff
 * (the Gradescope zip) it holds every suite and golden; for students (the handout) only the public
 * ones. Neither holds the solution, the maintainers' tools or any test of the harness.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadConfig } from '../config/loadConfig';
import type { AssignmentConfig } from '../config/assignmentConfig';
import { readGoldens } from '../goldens/goldenFile';
import { PROVIDED_FILES } from '../lab';
import { publicConfig, publicGoldenPaths, publicGoldens, publicTestIds } from './publicParts';
import { publicSuiteSource } from './publicSuites';
import { sourceClosure } from './sourceClosure';

export type Audience = 'students' | 'staff';

/** Compiled files the grader never needs to grade or check (maintainers' tools; they import the solution). */
export const MAINTAINER_ONLY = [
  'bench',
  'calibration',
  'smoke',
  'training',
  'testing',
  'packaging',
  'goldens/computeGoldens.js',
  'goldens/generateGoldens.js',
  'goldens/goldenInputs.js',
  'grading/verify.js',
  'grading/demo.js',
  'grading/fixtureSubmission.js',
];

export interface GraderPart {
  dir: string;
  /** Every file written, relative to `dir`, sorted. */
  files: string[];
  config: AssignmentConfig;
}

function write(dir: string, rel: string, content: string | Buffer, files: string[]): void {
  const target = path.join(dir, rel);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  files.push(rel);
}

function copyTree(from: string, dir: string, rel: string, files: string[], skip: (rel: string) => boolean = () => false): void {
  for (const name of fs.readdirSync(from, { recursive: true, encoding: 'utf8' }).sort()) {
    const source = path.join(from, name);
    const target = path.posix.join(rel, name.split(path.sep).join('/'));
    if (skip(target) || !fs.statSync(source).isFile()) continue;
    write(dir, target, fs.readFileSync(source), files);
  }
}

/** Whether a compiled file belongs to a maintainer-only tool (MAINTAINER_ONLY). */
function maintainerOnly(rel: string): boolean {
  const inGrader = rel.replace(/^dist\/grader\//, '');
  return (
    MAINTAINER_ONLY.some((m) => inGrader === m || inGrader.startsWith(`${m}/`) || inGrader === `${m}.map`) ||
    /\.test\.js(\.map)?$/.test(rel)
  );
}

/** The package.json of the grader part: the project's name, version, bin and pinned dependencies, no scripts. */
export function graderPackageJson(root: string, audience: Audience): Record<string, unknown> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const { name, version, description, license, engines, bin, dependencies, optionalDependencies, devDependencies, allowScripts } = pkg;
  // Staff install it with the project's own lockfile (npm ci), which lists every section; students get the dependencies only.
  if (audience === 'staff')
    return {
      name,
      version,
      description,
      license,
      private: true,
      engines,
      bin,
      dependencies,
      optionalDependencies,
      devDependencies,
      allowScripts,
    };
  return { name, version, description: `${String(description)} (the public part, for students)`, license, engines, bin, dependencies };
}

/**
 * Writes the grader part for `audience` into `dir` (which must not exist yet). Needs a built dist/.
 * @returns the files written and the config it holds
 */
export function stageGraderPart(dir: string, audience: Audience, root: string): GraderPart {
  if (!fs.existsSync(path.join(root, 'dist', 'grader', 'cli', 'main.js')))
    throw new Error(`${root}/dist is not built: run npm run build first`);
  const loaded = loadConfig(path.join(root, 'grader', 'config', 'assignment.json'));
  if (loaded.errors) throw new Error(`the assignment config is invalid:\n  ${loaded.errors.join('\n  ')}`);
  const full = loaded.config;
  const config = audience === 'staff' ? full : publicConfig(full);
  const files: string[] = [];
  fs.mkdirSync(dir, { recursive: true });

  write(dir, 'package.json', `${JSON.stringify(graderPackageJson(root, audience), null, 2)}\n`, files);
  write(dir, 'bin/rnn-lab.js', fs.readFileSync(path.join(root, 'bin', 'rnn-lab.js')), files);
  copyTree(path.join(root, 'dist', 'grader'), dir, 'dist/grader', files, maintainerOnly);
  copyTree(path.join(root, 'reports'), dir, 'reports', files, (rel) => rel.startsWith('reports/out/'));

  // The suites (cut down to the public tests for students) and every source file they import.
  const suitesDir = path.join(root, 'grader', 'suites');
  const suites = fs
    .readdirSync(suitesDir)
    .filter((f) => f.endsWith('.suite.ts'))
    .map((f) => path.join(suitesDir, f));
  const texts = new Map<string, string>();
  if (audience === 'students') {
    const ids = publicTestIds(full);
    for (const file of suites) {
      const header = `/** The public checks of ${path.basename(file)}, cut from the grading suite by rnn-lab package handout: the same code, with the hidden tests left out. */`;
      const cut = publicSuiteSource(fs.readFileSync(file, 'utf8'), ids, header, file);
      if (cut.kept.length > 0) texts.set(file, cut.text);
    }
  }
  const entries = audience === 'staff' ? suites : [...texts.keys()];
  for (const file of sourceClosure(entries, texts)) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    if (rel.startsWith('solution/') || rel.startsWith('..')) throw new Error(`the suites import ${rel}, which must never ship`);
    write(dir, rel, texts.get(file) ?? fs.readFileSync(file), files);
  }

  write(dir, 'grader/config/assignment.json', `${JSON.stringify(config, null, 2)}\n`, files);
  const goldens = readGoldens(path.join(root, 'fixtures', 'golden', 'lab.json'));
  write(
    dir,
    'fixtures/golden/lab.json',
    `${JSON.stringify(audience === 'staff' ? goldens : publicGoldens(goldens, publicGoldenPaths(full)), null, 2)}\n`,
    files,
  );
  write(dir, 'fixtures/corpora/manifest.json', fs.readFileSync(path.join(root, 'fixtures', 'corpora', 'manifest.json')), files);
  for (const file of PROVIDED_FILES) {
    if (!files.includes(`stencil/src/${file}`))
      write(dir, `stencil/src/${file}`, fs.readFileSync(path.join(root, 'stencil', 'src', file)), files);
  }
  // ts-jest reads the compiler options of the package's own tsconfig when it compiles the suites.
  const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
  write(
    dir,
    'tsconfig.json',
    `${JSON.stringify({ compilerOptions: tsconfig.compilerOptions, include: ['grader/**/*.ts', 'stencil/**/*.ts'] }, null, 2)}\n`,
    files,
  );
  return { dir, files: files.sort(), config };
}
