import * as tf from '@tensorflow/tfjs';
import { initRuntime } from '../backend';
import { replacedKernel } from './registerKernelFixes';
import { backendDataIds, expectWasmMatchesCpu, onBackend, read, seededValues } from './testing';

beforeAll(async () => {
  await initRuntime('wasm');
});

/** Seeded float32 values in [min, max) with the special values appended. */
function expInputs(n: number, seed: number, min: number, max: number): number[] {
  return [...seededValues(n, seed, min, max), 0, -0, 88.72, 88.73, -87.33, -103.9, -104, Infinity, -Infinity, NaN, 1e-30, -1e-30];
}

describe('wasm Exp (SIMD, float64 inside)', () => {
  it('is installed on wasm', () => {
    expect(replacedKernel('Exp', 'wasm')?.kernelFunc).toEqual(expect.any(Function));
  });

  // Sizes around the 4-wide vector loop (remainders 0..3) and one large enough for many iterations.
  it.each([1, 3, 4, 5, 7, 8, 1001])('matches the cpu backend (Math.exp rounded to float32) on %i values plus specials', async (n) => {
    const values = expInputs(n, n, -110, 95);
    const [cpu, wasm] = await expectWasmMatchesCpu(() => [tf.exp(tf.tensor1d(values))], 2.4e-7, 0, ['exp']);
    // Both round an (almost) exact e^x once: bit-identical except, rarely, on a near-tie.
    const differing = cpu[0].values.filter(
      (v, i) => !Object.is(v, wasm[0].values[i]) && !(Number.isNaN(v) && Number.isNaN(wasm[0].values[i])),
    );
    expect(differing.length).toBeLessThanOrEqual(Math.ceil(values.length / 1000));
  });

  it('gets overflow, underflow to subnormals and to zero, and NaN right', async () => {
    const got = await onBackend('wasm', () =>
      read(() => tf.exp(tf.tensor1d([88.8, 89, -100, -103.9, -104, -200, NaN, Infinity, -Infinity]))),
    );
    expect(got.values[0]).toBe(Infinity);
    expect(got.values[1]).toBe(Infinity);
    expect(got.values[2]).toBe(Math.fround(Math.exp(-100))); // a float32 subnormal
    expect(got.values[2]).toBeGreaterThan(0);
    expect(got.values[3]).toBe(Math.fround(Math.exp(Math.fround(-103.9))));
    expect(got.values.slice(4, 6)).toEqual([0, 0]);
    expect(got.values[6]).toBeNaN();
    expect(got.values.slice(7)).toEqual([Infinity, 0]);
  });

  it('gradient of sum(exp(x) * w) matches the cpu backend', async () => {
    const x = seededValues(257, 3, -20, 20);
    const w = seededValues(257, 4);
    await expectWasmMatchesCpu(
      () => {
        const [dx] = tf.grads((t: tf.Tensor) => tf.exp(t).mul(tf.tensor1d(w)).sum())([tf.tensor1d(x)]);
        return [dx];
      },
      2.4e-7,
      0,
      ['d/dx'],
    );
  });

  it('passes int32 input to the original kernel (which returns float32 on every backend)', async () => {
    await expectWasmMatchesCpu(() => [tf.exp(tf.tensor1d([0, 1, 2, -3], 'int32'))], 2.4e-7, 0, ['exp int32']);
  });
});

describe('wasm Identity and same-dtype Cast share data instead of copying', () => {
  it('are installed on wasm', () => {
    expect(replacedKernel('Identity', 'wasm')?.kernelFunc).toEqual(expect.any(Function));
    expect(replacedKernel('Cast', 'wasm')?.kernelFunc).toEqual(expect.any(Function));
  });

  it('allocate no buffer, and the result outlives its input (reference counted)', async () => {
    await onBackend('wasm', () => {
      const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
      const buffers = backendDataIds();
      const copies = [tf.clone(x), tf.cast(x, 'float32'), tf.tidy(() => tf.clone(tf.cast(x, 'float32')))];
      expect(backendDataIds()).toBe(buffers); // shared, not copied
      x.dispose();
      copies.forEach((c) => expect(Array.from(c.dataSync())).toEqual([1, 2, 3, 4, 5, 6]));
      expect(backendDataIds()).toBe(buffers); // still alive for the copies
      tf.dispose(copies);
      expect(backendDataIds()).toBe(buffers - 1); // freed with the last reference
    });
  });

  it('casts between dtypes still convert, as on cpu (to bool: x != 0, which the original wasm kernel got wrong)', async () => {
    await expectWasmMatchesCpu(
      () => {
        const f = tf.tensor1d([1.5, -2.5, 0, 3.99]);
        const i = tf.tensor1d([3, -1, 0, 256], 'int32');
        return [
          tf.cast(f, 'int32'),
          tf.cast(i, 'float32'),
          tf.cast(i, 'int32'),
          tf.cast(i, 'bool'),
          tf.cast(tf.cast(i, 'bool'), 'float32'),
          tf.cast(tf.tensor1d([0.5, 0, -0, NaN, -3]), 'bool'),
        ];
      },
      0,
      0,
      ['float->int', 'int->float', 'int->int', 'int->bool', 'bool->float', 'float->bool'],
    );
  });

  it('gradients flow through clone and cast unchanged', async () => {
    const x = seededValues(12, 9);
    await expectWasmMatchesCpu(
      () => {
        const [dx] = tf.grads((t: tf.Tensor) => tf.clone(tf.cast(t, 'float32')).square().sum())([tf.tensor1d(x)]);
        return [dx];
      },
      0,
      0,
      ['d/dx'],
    );
  });
});

describe('wasm Tanh (SIMD, float64 inside)', () => {
  it('is installed on wasm', () => {
    expect(replacedKernel('Tanh', 'wasm')?.kernelFunc).toEqual(expect.any(Function));
  });

  // Both branches (series below 2^-6, exp formula above), odd and even lengths, specials.
  it.each([1, 2, 3, 1001])('matches the cpu backend (Math.tanh rounded to float32) on %i values per range plus specials', async (n) => {
    const values = [
      ...seededValues(n, 10 + n, -0.02, 0.02),
      ...seededValues(n, 20 + n, -25, 25),
      ...seededValues(n, 30 + n, -1e-6, 1e-6),
      0,
      -0,
      2 ** -6,
      -(2 ** -6),
      1e-40,
      9,
      10,
      -10,
      Infinity,
      -Infinity,
      NaN,
    ];
    const [cpu, wasm] = await expectWasmMatchesCpu(() => [tf.tanh(tf.tensor1d(values))], 1.2e-7, 0, ['tanh']);
    const differing = cpu[0].values.filter(
      (v, i) => !Object.is(v, wasm[0].values[i]) && !(Number.isNaN(v) && Number.isNaN(wasm[0].values[i])),
    );
    expect(differing.length).toBeLessThanOrEqual(Math.ceil(values.length / 1000));
    expect(Object.is(wasm[0].values[3 * n + 1], -0)).toBe(true); // tanh(-0) = -0
  });

  it('gradient of sum(tanh(x) * w) matches the cpu backend', async () => {
    const x = seededValues(129, 11, -4, 4);
    const w = seededValues(129, 12);
    await expectWasmMatchesCpu(
      () => {
        const [dx] = tf.grads((t: tf.Tensor) => tf.tanh(t).mul(tf.tensor1d(w)).sum())([tf.tensor1d(x)]);
        return [dx];
      },
      2.4e-7,
      1e-7,
      ['d/dx'],
    );
  });
});

describe('wasm Sqrt (f32x4.sqrt)', () => {
  it('is installed on wasm', () => {
    expect(replacedKernel('Sqrt', 'wasm')?.kernelFunc).toEqual(expect.any(Function));
  });

  it.each([1, 4, 7, 1003])('is bit-identical to the cpu backend on %i values plus specials, and so is its gradient', async (n) => {
    const values = [...seededValues(n, 40 + n, 0, 100), ...seededValues(n, 50 + n, 0, 1e-30), 0, -0, -1, Infinity, -Infinity, NaN, 1e-45];
    await expectWasmMatchesCpu(() => [tf.sqrt(tf.tensor1d(values))], 0, 0, ['sqrt']);
    const positive = seededValues(n, 60 + n, 0.01, 10);
    await expectWasmMatchesCpu(() => tf.grads((t: tf.Tensor) => tf.sqrt(t).sum())([tf.tensor1d(positive)]), 0, 0, ['d/dx']);
  });
});
