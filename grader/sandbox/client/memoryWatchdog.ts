/**
 * The memory cap where no cgroup can be written (an ordinary user): the grader sums the resident
 * memory of the host's process and all its descendants four times a second and kills the host
 * when it passes the limit. Off-heap buffers and wasm memory count; a burst shorter than the
 * interval may pass.
 */
import * as fs from 'fs';

const PAGE_BYTES = 4096;

/** Resident bytes of `pid` and its descendants (Linux /proc); 0 where /proc cannot tell. */
export function treeRssBytes(pid: number): number {
  let total = 0;
  const todo = [pid];
  while (todo.length > 0) {
    const at = todo.pop() as number;
    try {
      total += Number(fs.readFileSync(`/proc/${at}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
      for (const task of fs.readdirSync(`/proc/${at}/task`)) {
        const children = fs.readFileSync(`/proc/${at}/task/${task}/children`, 'utf8').trim();
        if (children) todo.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // gone, or not Linux
    }
  }
  return total;
}

/**
 * Watches the host started as `pid`; calls `onExceeded` once with the resident MB seen when it
 * passes `limitMb`. Returns the function that stops watching.
 */
export function watchHostMemory(pid: number, limitMb: number, onExceeded: (rssMb: number) => void, intervalMs = 250): () => void {
  const timer = setInterval(() => {
    const rssMb = treeRssBytes(pid) / 1024 / 1024;
    if (rssMb > limitMb) {
      clearInterval(timer);
      onExceeded(Math.round(rssMb));
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
