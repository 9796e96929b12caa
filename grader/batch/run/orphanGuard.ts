/**
 * Preloaded (`node --require`) into every grading process a batch starts, which leads its own
 * process group (its submission hosts belong to it). When the batch dies without stopping it (kill
 * -9, a lost terminal), the grading process is re-parented; this guard notices within half a second
 * and kills the whole group, so no grading run or host outlives its batch. The batch names itself
 * in PARENT_ENV, so that a batch killed before this process even started is noticed too.
 */
import { isMainThread } from 'worker_threads';
import { PARENT_ENV } from './guardEnv';

const parent = Number(process.env[PARENT_ENV]);
if (isMainThread && Number.isInteger(parent) && parent > 0) {
  const check = () => {
    if (process.ppid === parent) return;
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      process.kill(process.pid, 'SIGKILL');
    }
  };
  check();
  setInterval(check, 500).unref();
}
