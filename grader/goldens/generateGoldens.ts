/**
 * `npm run goldens`: regenerates fixtures/golden/lab.json from the reference solution. The only
 * way the golden file changes; tests never write it (they check it still matches the solution).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../runtime/backend';
import { makeGoldenInputs } from './goldenInputs';
import { computeGoldens } from './computeGoldens';
import { GOLDEN_PATH } from './goldenFile';
import type { GoldenFile } from './goldenTypes';

async function main(): Promise<void> {
  const runtime = await initRuntime();
  const inputs = makeGoldenInputs();
  const file: GoldenFile = {
    generatedBy: 'npm run goldens (grader/goldens/generateGoldens.ts)',
    backend: runtime.backend,
    tfjsVersion: tf.version.tfjs,
    inputs,
    outputs: computeGoldens(inputs),
  };
  fs.mkdirSync(path.dirname(GOLDEN_PATH), { recursive: true });
  fs.writeFileSync(GOLDEN_PATH, `${JSON.stringify(file)}\n`);
  console.log(`wrote ${GOLDEN_PATH} (${fs.statSync(GOLDEN_PATH).size} bytes) on ${runtime.backend}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
