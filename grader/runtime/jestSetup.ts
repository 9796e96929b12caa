/** Jest setup: every test file starts on the backend the runtime picks (RNN_LAB_BACKEND overrides). */
import { initRuntime } from './backend';

beforeAll(async () => {
  await initRuntime();
});
