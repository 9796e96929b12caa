/**
 * The handout's package-lock.json, derived from the project's own: exactly the packages the grader
 * part's dependencies reach, at the versions and places the project installs and tests them, plus
 * the grader part itself (a local tarball). So `npm ci` in the handout installs what `npm ci` in
 * the project does, minus the development tools and tfjs-node. Pure.
 */

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

export interface Lockfile {
  name: string;
  version: string;
  lockfileVersion: number;
  requires: boolean;
  packages: Record<string, LockEntry>;
}

/** Where Node finds `name` from the package installed at `from` ("" is the root): the nearest node_modules up the tree. */
function locate(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

/** Every lockfile location reached from `roots` (dependency names, resolved from the top), with their own dependencies. */
export function reachable(lock: Lockfile, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = roots.map((name) => ({ from: '', name, optional: false }));
  while (queue.length > 0) {
    const { from, name, optional } = queue.pop()!;
    const at = locate(lock.packages, from, name);
    if (at === undefined) {
      if (optional) continue; // an optional dependency for another platform, or an unused optional peer
      throw new Error(`the project's package-lock.json has no ${name} (needed from ${from || 'the root'}); run npm install`);
    }
    if (seen.has(at)) continue;
    seen.add(at);
    const entry = lock.packages[at];
    for (const dep of Object.keys(entry.dependencies ?? {})) queue.push({ from: at, name: dep, optional: false });
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) queue.push({ from: at, name: dep, optional: true });
    for (const dep of Object.keys(entry.peerDependencies ?? {}))
      queue.push({ from: at, name: dep, optional: entry.peerDependenciesMeta?.[dep]?.optional === true });
  }
  return seen;
}

export interface HandoutLockOptions {
  /** The handout's package.json fields that npm ci compares with the lockfile. */
  name: string;
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  engines: Record<string, string>;
  /** The grader part: its package.json dependencies, the tarball's path (as in package.json) and sha512 integrity. */
  grader: {
    name: string;
    version: string;
    license: string;
    dependencies: Record<string, string>;
    bin: Record<string, string>;
    engines: Record<string, string>;
    tarball: string;
    integrity: string;
  };
}

export function handoutLockfile(project: Lockfile, opts: HandoutLockOptions): Lockfile {
  const keep = reachable(project, Object.keys(opts.grader.dependencies));
  const packages: Record<string, LockEntry> = {
    '': {
      name: opts.name,
      version: opts.version,
      dependencies: opts.dependencies,
      devDependencies: opts.devDependencies,
      engines: opts.engines,
    },
    [`node_modules/${opts.grader.name}`]: {
      version: opts.grader.version,
      resolved: `file:${opts.grader.tarball}`,
      integrity: opts.grader.integrity,
      license: opts.grader.license,
      dependencies: opts.grader.dependencies,
      bin: opts.grader.bin,
      engines: opts.grader.engines,
    },
  };
  for (const at of [...keep].sort()) {
    // Reached from the grader's dependencies, so needed at run time: a package the project marks
    // optional (reached only through optional edges, e.g. fsevents on macOS) stays optional, none is dev.
    const { dev, optional, devOptional, ...entry } = project.packages[at];
    void dev;
    packages[at] = optional === true || devOptional === true ? { ...entry, optional: true } : entry;
  }
  return { name: opts.name, version: opts.version, lockfileVersion: project.lockfileVersion, requires: true, packages };
}
