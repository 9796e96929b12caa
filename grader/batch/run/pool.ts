/** Runs `work` over `items`, at most `jobs` at a time, in order; stops starting new items once `stopped()` says so. */
export async function runPool<T>(
  items: readonly T[],
  jobs: number,
  stopped: () => boolean,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !stopped()) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, lane));
}
