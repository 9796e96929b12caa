/** Where the golden file lives, and reading it. Written only by generateGoldens.ts. */
import * as fs from 'fs';
import * as path from 'path';
import type { GoldenFile } from './goldenTypes';
import { projectRoot } from '../projectRoot';

export const GOLDEN_PATH = path.join(projectRoot(), 'fixtures', 'golden', 'lab.json');

export function readGoldens(file = GOLDEN_PATH): GoldenFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as GoldenFile;
}
