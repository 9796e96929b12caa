/**
 * What identifies a batch's grading: the fingerprint of the grader (config and suites hashes, as
 * results.json has them, and the seed) and the rubric its gradebook is laid out by.
 */
import type { AssignmentConfig } from '../config/assignmentConfig';
import type { Fingerprint, Rubric } from './types';

export function rubricOf(config: AssignmentConfig): Rubric {
  return {
    name: config.name,
    questions: config.questions.map((q) => ({
      id: q.id,
      title: q.title,
      tests: q.tests.map((t) => ({ id: t.id, name: t.name, points: t.points })),
    })),
  };
}

export function rubricMax(config: AssignmentConfig): number {
  return config.questions.reduce((s, q) => s + q.tests.reduce((t, x) => t + x.points, 0), 0);
}

/** The hashes come from the grader's own provenance module (loaded lazily: it loads TensorFlow.js). */
export async function fingerprintOf(config: AssignmentConfig, seed?: number): Promise<Fingerprint> {
  const { configHash, suitesHash } = await import('../grading/provenance');
  return { config: configHash(config), suites: suitesHash(), seed: seed ?? config.seed };
}

export function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.config === b.config && a.suites === b.suites && a.seed === b.seed;
}
