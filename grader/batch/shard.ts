/**
 * `--shard i/n`: a deterministic slice of a batch. Submissions are ordered by key and dealt out in
 * turn (the k-th goes to shard k mod n + 1), so shards differ in size by at most one and the same
 * input always gives the same slices. Pure.
 */
import type { Shard } from './types';

export type ParsedShard = { ok: true; shard: Shard } | { ok: false; error: string };

/** "2/5" -> { index: 2, count: 5 }; i runs from 1 to n. */
export function parseShard(spec: string): ParsedShard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(spec);
  const bad = (why: string): ParsedShard => ({
    ok: false,
    error: `--shard ${spec}: ${why}; expected i/n with 1 <= i <= n, e.g. --shard 1/4`,
  });
  if (!m) return bad('not of the form i/n');
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) return bad('n must be at least 1');
  if (index < 1 || index > count) return bad(`i must lie between 1 and ${count}`);
  return { ok: true, shard: { index, count } };
}

/** The items of shard `shard` (all of them for null), in key order. */
export function sliceFor<T extends { key: string }>(items: readonly T[], shard: Shard | null): T[] {
  const sorted = [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (shard === null) return sorted;
  return sorted.filter((_, k) => k % shard.count === shard.index - 1);
}

export function formatShard(shard: Shard | null): string {
  return shard === null ? 'all' : `${shard.index}/${shard.count}`;
}
