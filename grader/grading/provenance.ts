/** Hashes and versions that identify what graded a run. */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { projectRoot } from '../projectRoot';
import type { RunEnvironment } from '../results/types';

/** sha256 over the hidden suites, their support code and the golden file, in a fixed order. */
export function suitesHash(): string {
  const root = projectRoot();
  const files = [
    ...fs
      .readdirSync(path.join(root, 'grader', 'suites'))
      .filter((f) => f.endsWith('.suite.ts'))
      .map((f) => path.join('grader', 'suites', f)),
    ...fs.readdirSync(path.join(root, 'grader', 'suites', 'support')).map((f) => path.join('grader', 'suites', 'support', f)),
    path.join('fixtures', 'golden', 'lab.json'),
  ].sort();
  const hash = crypto.createHash('sha256');
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(root, file)))
      .update('\0');
  return hash.digest('hex');
}

export function configHash(config: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(config)).digest('hex');
}

export function versions(): RunEnvironment['versions'] {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  return { rnnLab: pkg.version, node: process.version, tfjs: tf.version.tfjs };
}
