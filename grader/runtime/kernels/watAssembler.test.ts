import { assembleWat } from './watAssembler';

// The project's lib settings have no DOM types; the slice of the WebAssembly API used here.
declare const WebAssembly: {
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: Record<string, (...args: number[]) => number> };
  validate(bytes: Uint8Array): boolean;
};

function instantiate(text: string): { exports: Record<string, (...args: number[]) => number>; memory: { buffer: ArrayBuffer } } {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(assembleWat(text)), { env: { memory } });
  return { exports: instance.exports, memory };
}

describe('assembleWat', () => {
  it('produces a valid module that imports env.memory and exports each function by name', () => {
    const bytes = assembleWat(
      '(func $one (result i32) i32.const 1) (func $two (param $a i32) (result i32) local.get $a i32.const 2 i32.mul)',
    );
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(Array.from(bytes.slice(0, 8))).toEqual([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    const { exports } = instantiate(
      '(func $one (result i32) i32.const 1) (func $two (param $a i32) (result i32) local.get $a i32.const 2 i32.mul)',
    );
    expect(exports.one()).toBe(1);
    expect(exports.two(21)).toBe(42);
  });

  it('encodes signed constants of every size (LEB128 edge values)', () => {
    for (const c of [0, 63, 64, -64, -65, 127, 128, -129, 2147483647, -2147483648, 0x7fffffff]) {
      const { exports } = instantiate(`(func $c (result i32) i32.const ${c})`);
      expect(exports.c()).toBe(c | 0);
    }
    const { exports } = instantiate('(func $f (result f64) f64.const -2.5e-300) (func $g (result f32) f32.const 3.25)');
    expect(exports.f()).toBe(-2.5e-300);
    expect(exports.g()).toBe(3.25);
  });

  it('resolves labels and locals by name: a loop summing 1..n', () => {
    const { exports } = instantiate(`
      (func $sum (param $n i32) (result i32) (local $acc i32)
        block $done
          loop $next
            local.get $n i32.eqz br_if $done
            local.get $acc local.get $n i32.add local.set $acc
            local.get $n i32.const 1 i32.sub local.set $n
            br $next
          end
        end
        local.get $acc)`);
    expect(exports.sum(100)).toBe(5050);
    expect(exports.sum(0)).toBe(0);
  });

  it('encodes if/else, calls, memory offsets and SIMD lanes, constants and shuffles', () => {
    const { exports, memory } = instantiate(`
      (func $abs (param $x i32) (result i32) (local $r i32)
        local.get $x i32.const 0 i32.lt_s
        if
          i32.const 0 local.get $x i32.sub local.set $r
        else
          local.get $x local.set $r
        end
        local.get $r)
      (func $twice_abs (param $x i32) (result i32) local.get $x call $abs local.get $x call $abs i32.add)
      (func $simd (param $p i32)
        local.get $p
        local.get $p v128.load v128.const f32x4 1 2 3 4 f32x4.mul
        local.get $p v128.load offset=16
        i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
        v128.store offset=32)
      (func $lane (param $p i32) (result f64) local.get $p v128.load64_splat f64x2.extract_lane 1)`);
    expect(exports.twice_abs(-7)).toBe(14);
    const f32 = new Float32Array(memory.buffer);
    f32.set([1, 1, 1, 1, 10, 20, 30, 40]);
    exports.simd(0);
    expect(Array.from(f32.slice(8, 12))).toEqual([1, 10, 2, 20]);
    new Float64Array(memory.buffer)[10] = 1.5;
    expect(exports.lane(80)).toBe(1.5);
  });

  it('rejects unknown instructions, locals and labels, and unclosed blocks, naming the function', () => {
    expect(() => assembleWat('(func $f f32x4.frobnicate)')).toThrow(/\$?f: unknown instruction 'f32x4.frobnicate'/);
    expect(() => assembleWat('(func $f local.get $nope drop)')).toThrow(/f: unknown local \$nope/);
    expect(() => assembleWat('(func $f block $a br $b end)')).toThrow(/f: unknown label \$b/);
    expect(() => assembleWat('(func $f block $a)')).toThrow(/f: 1 block\(s\) not closed/);
    expect(() => assembleWat('(func $f (i32.const 1) drop)')).toThrow(/folded instructions are not supported/);
  });
});
