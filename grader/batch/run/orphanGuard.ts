/**
 * Preloaded (`node --require`) into every grading process a batch starts, which leads its own
 * process group (its submission hosts belong to it). When the batch dies without stopping it (kill
 * -9, a lost terminal), the grading process is re-parented; this guard notices within half a second
 * and kills the whole group, so no grading run or host outlives its batch.
 */
import { isMainThread } from 'worker_threads';

if (isMainThread) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      process.kill(process.pid, 'SIGKILL');
    }
  }, 500);
  timer.unref();
}
