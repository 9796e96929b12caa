/** --shard i/n: parsed strictly; the slices of a class are disjoint, cover it, differ in size by at most one, and never depend on input order. */
import { parseShard, sliceFor } from './shard';

const items = (keys: string[]) => keys.map((key) => ({ key }));

describe('parseShard', () => {
  it('reads i/n with 1 <= i <= n', () => {
    expect(parseShard('1/4')).toEqual({ ok: true, shard: { index: 1, count: 4 } });
    expect(parseShard(' 4 / 4 ')).toEqual({ ok: true, shard: { index: 4, count: 4 } });
  });

  it.each([
    ['0/4', /i must lie between 1 and 4/],
    ['5/4', /i must lie between 1 and 4/],
    ['1/0', /n must be at least 1/],
    ['2', /not of the form i\/n/],
    ['a/b', /not of the form i\/n/],
    ['-1/3', /not of the form i\/n/],
  ])('refuses %s', (spec, why) => {
    const r = parseShard(spec);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(why);
  });
});

describe('sliceFor', () => {
  const keys = Array.from({ length: 23 }, (_, i) => `student-${String(i).padStart(2, '0')}`);

  it('deals the sorted keys out in turn: disjoint, complete, sizes within one', () => {
    const slices = [1, 2, 3, 4].map((index) => sliceFor(items(keys), { index, count: 4 }).map((s) => s.key));
    expect(slices.map((s) => s.length)).toEqual([6, 6, 6, 5]);
    expect(slices.flat().sort()).toEqual(keys);
    expect(slices[0].slice(0, 2)).toEqual(['student-00', 'student-04']);
  });

  it('gives the same slice whatever order the submissions were listed in', () => {
    const shuffled = [...keys].reverse();
    expect(sliceFor(items(shuffled), { index: 2, count: 3 })).toEqual(sliceFor(items(keys), { index: 2, count: 3 }));
  });

  it('null is the whole batch; more shards than submissions leaves some empty', () => {
    expect(sliceFor(items(['b', 'a']), null).map((s) => s.key)).toEqual(['a', 'b']);
    expect(sliceFor(items(['a', 'b']), { index: 3, count: 3 })).toEqual([]);
  });
});
