/**
 * The only files a submission host may read: the runtime (dist/grader/sandbox and
 * dist/grader/runtime), the TensorFlow.js packages and everything they depend on, the compiled lab
 * and the Node binary. Every path is real (no link on the way, checked lexically and after
 * realpath), none contains dist/solution, and no link inside one leads out of the set.
 */
import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';

/** Packages the host loads (the optional ones only where installed), with their dependencies. */
const ROOT_PACKAGES = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  'webgpu',
  '@tensorflow/tfjs-backend-webgpu',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
];

export interface HostPackage {
  name: string;
  /** Real folder of the package. */
  dir: string;
}

export interface HostReadSet {
  /** Real path of the Node binary that runs the host. */
  nodeBinary: string;
  /** The node_modules folder the top-level packages are in (the host's NODE_PATH). */
  nodeModules: string;
  /** Packages to expose, none inside another (nested copies travel with their parent). */
  packages: HostPackage[];
  /** dist/grader/sandbox and dist/grader/runtime. */
  sandbox: string;
  runtime: string;
  /** The compiled lab (it may not exist yet: the preflight host has an empty one). */
  lab: string;
}

/** The folder of package `name` as Node would resolve it from `from` (exports maps do not matter here). */
function findPackage(name: string, from: string): string | undefined {
  const lookups = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(from);
  return lookups.map((dir) => path.join(dir, name)).find((dir) => fs.existsSync(path.join(dir, 'package.json')));
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The packages the host loads and all they depend on (dependencies, optional and peer ones that are installed). */
export function packageClosure(projectRoot: string): HostPackage[] {
  const found = new Map<string, string>();
  const todo = ROOT_PACKAGES.map((name) => ({ name, from: projectRoot }));
  while (todo.length > 0) {
    const { name, from } = todo.shift() as { name: string; from: string };
    const dir = findPackage(name, from);
    if (dir === undefined) continue;
    const real = fs.realpathSync(dir);
    if (found.has(real)) continue;
    found.set(real, name);
    const manifest = JSON.parse(fs.readFileSync(path.join(real, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies }))
      todo.push({ name: dep, from: real });
  }
  const all = [...found].map(([dir, name]) => ({ name, dir }));
  return all.filter((p) => !all.some((q) => q !== p && isInside(p.dir, q.dir)));
}

/** The links under `dir` whose target lies outside every folder of `allowed` (stops at the first `limit`). */
export function escapingLinks(dir: string, allowed: string[], limit = 5): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      if (found.length >= limit) return;
      const full = path.join(at, entry.name);
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = fs.realpathSync(full);
        } catch {
          continue; // a dangling link reads nothing
        }
        if (!allowed.some((a) => isInside(target, a))) found.push(`${full} -> ${target}`);
      } else if (entry.isDirectory()) walk(full);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return found;
}

/** Why one of `readable` would expose one of `forbidden` (either inside the other), or undefined. */
export function forbiddenOverlap(readable: string[], forbidden: string[]): string | undefined {
  for (const p of readable) for (const f of forbidden) if (isInside(f, p) || isInside(p, f)) return `${p} would let the host read ${f}`;
  return undefined;
}

/**
 * Why `readable` would let the host read more than it should, or undefined: a path that is not its
 * own realpath, one that contains `forbidden` (dist/solution, the suites), or a link inside one
 * that leads out of the set. Pure apart from realpath and directory reads.
 */
export function readSetProblem(readable: string[], forbidden: string[]): string | undefined {
  for (const p of readable) {
    if (!path.isAbsolute(p) || path.normalize(p) !== p) return `${p} is not an absolute, normalised path`;
    if (fs.existsSync(p) && fs.realpathSync(p) !== p) return `${p} goes through a link (it is really ${fs.realpathSync(p)})`;
  }
  const overlap = forbiddenOverlap(readable, forbidden);
  if (overlap !== undefined) return overlap;
  for (const p of readable) {
    const links = escapingLinks(p, readable);
    if (links.length > 0) return `a link inside ${p} leads out of what the host may read: ${links.join(', ')}`;
  }
  return undefined;
}

const closures = new Map<string, HostPackage[]>();

/** Gathers the read set of a host (cached per project root; the lab is per host). */
export function hostReadSet(projectRoot: string, labDir: string): HostReadSet {
  const root = fs.realpathSync(projectRoot);
  let packages = closures.get(root);
  if (packages === undefined) {
    packages = packageClosure(root);
    closures.set(root, packages);
  }
  const tfjs = packages.find((p) => p.name === '@tensorflow/tfjs');
  if (tfjs === undefined) throw new Error(`@tensorflow/tfjs is not installed for ${root}`);
  const lab = path.resolve(labDir);
  return {
    nodeBinary: fs.realpathSync(process.execPath),
    // .../node_modules/@tensorflow/tfjs -> .../node_modules
    nodeModules: path.dirname(path.dirname(tfjs.dir)),
    packages,
    sandbox: path.join(root, 'dist', 'grader', 'sandbox'),
    runtime: path.join(root, 'dist', 'grader', 'runtime'),
    lab: fs.existsSync(lab) ? fs.realpathSync(lab) : lab,
  };
}

/** What the host must never read: the reference solution (compiled and source), the suites, goldens and config. */
export function forbiddenPaths(projectRoot: string): string[] {
  const root = fs.realpathSync(projectRoot);
  return [
    path.join(root, 'dist', 'solution'),
    path.join(root, 'solution'),
    path.join(root, 'grader', 'suites'),
    path.join(root, 'grader', 'goldens'),
    path.join(root, 'grader', 'config'),
    path.join(root, 'fixtures'),
  ];
}
