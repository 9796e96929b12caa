/** Jest setup: every test file starts on the backend the runtime picks (RNN_LAB_BACKEND overrides). */
import * as tf from '@tensorflow/tfjs';
import { initRuntime } from './backend';

// Before any test code runs: no tfjs banners, even for tensors made while collecting tests.
tf.env().set('PROD', true);

beforeAll(async () => {
  await initRuntime();
});
