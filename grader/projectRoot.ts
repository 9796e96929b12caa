/** Locates the project root from any compiled or source file (works from dist/ too). */
import * as fs from 'fs';
import * as path from 'path';

let rootCache: string | undefined;

/** The nearest folder above this file whose package.json is `rnn-lab`. */
export function projectRoot(): string {
  if (rootCache !== undefined) return rootCache;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'rnn-lab') {
          rootCache = dir;
          return dir;
        }
      } catch {
        // not our package.json; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the rnn-lab project root above ${__dirname}`);
    dir = parent;
  }
}

/** Whether rnn-lab runs as an installed package (node_modules/rnn-lab in the student handout), not from its repository. */
export function isInstalledPackage(root: string = projectRoot()): boolean {
  return root.split(path.sep).includes('node_modules');
}
