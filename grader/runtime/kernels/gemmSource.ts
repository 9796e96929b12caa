/**
 * WAT for a float32 matrix product on the wasm heap, C[i, j] (+)= sum_k A(i, k) B[k, j], for
 * simdKernels.ts. No packing: A is read through two strides, so A or A^T is equally cheap
 * (A(i, k) at a + i*sAi + k*sAk bytes), and B and C are row-major with row strides ldb and ldc
 * bytes. Register tiles of 6 rows x 8 columns (12 f32x4 accumulators; the A value splatted from
 * memory), with 4- and 1-row and 4- and 1-column tiles for the edges. 6x8 measured ~10% faster
 * than 4x8 with multiply-add (31/32/38 vs 35/36/41 ms on the training step's products); 8x8 spills. Each output is one float32 sum
 * in k order, so blocking over k by the caller (accumulate = 1: start from C) keeps that order.
 *
 * gemm_f32(a, b, c, N, kc, sAi, sAk, ldb, ldc, i0, i1, accumulate): rows i0..i1-1, all N
 * columns, k = 0..kc-1 (the caller offsets a and b to the k block).
 */

/** Register tile heights, largest first; the largest does the bulk, the others the last rows. */
const ROWS = [6, 4, 1] as const;
const COLS = [8, 4, 1] as const;

/** One R x C tile: tile_R_C(a, b, c, kc, sAi, sAk, ldb, ldc, accumulate). */
function tile(R: number, C: number, fma = false): string {
  const rows = Array.from({ length: R }, (_, r) => r);
  const vecs = C === 8 ? [0, 1] : [0];
  const acc = (r: number, v: number): string => `$acc${r}_${v}`;
  const loadB = C === 1 ? 'v128.load32_zero' : 'v128.load';
  const locals = [
    ...rows.map((r) => `(local $a${r} i32)`),
    ...rows.flatMap((r) => vecs.map((v) => `(local ${acc(r, v)} v128)`)),
    '(local $b0 v128) (local $b1 v128) (local $s v128) (local $cp i32)',
  ].join(' ');
  const init = rows
    .map(
      (r) =>
        (r === 0 ? 'local.get $a local.set $a0' : `local.get $a${r - 1} local.get $sAi i32.add local.set $a${r}`) +
        '\n' +
        vecs
          .map((v) =>
            C === 1
              ? `local.get $accumulate if local.get $c local.get $ldc i32.const ${r} i32.mul i32.add v128.load32_zero local.set ${acc(r, v)} else v128.const i32x4 0 0 0 0 local.set ${acc(r, v)} end`
              : `local.get $accumulate if local.get $c local.get $ldc i32.const ${r} i32.mul i32.add v128.load offset=${16 * v} local.set ${acc(r, v)} else v128.const i32x4 0 0 0 0 local.set ${acc(r, v)} end`,
          )
          .join('\n'),
    )
    .join('\n');
  const body = [
    ...vecs.map((v) => `local.get $b ${loadB}${v === 1 ? ' offset=16' : ''} local.set $b${v}`),
    ...rows.flatMap((r) => [
      `local.get $a${r} v128.load32_splat local.set $s`,
      ...vecs.map((v) =>
        fma
          ? `local.get $s local.get $b${v} local.get ${acc(r, v)} f32x4.relaxed_madd local.set ${acc(r, v)}`
          : `local.get ${acc(r, v)} local.get $s local.get $b${v} f32x4.mul f32x4.add local.set ${acc(r, v)}`,
      ),
      `local.get $a${r} local.get $sAk i32.add local.set $a${r}`,
    ]),
    'local.get $b local.get $ldb i32.add local.set $b',
  ].join('\n          ');
  const store = rows
    .map(
      (r) =>
        vecs
          .map((v) =>
            C === 1
              ? `local.get $cp local.get ${acc(r, v)} f32x4.extract_lane 0 f32.store`
              : `local.get $cp local.get ${acc(r, v)} v128.store offset=${16 * v}`,
          )
          .join('\n') + '\nlocal.get $cp local.get $ldc i32.add local.set $cp',
    )
    .join('\n');
  return `
(func $tile_${R}_${C}${fma ? '_fma' : ''} (param $a i32) (param $b i32) (param $c i32) (param $kc i32) (param $sAi i32) (param $sAk i32) (param $ldb i32) (param $ldc i32) (param $accumulate i32)
    ${locals}
    ${init}
    block $done
      loop $k
        local.get $kc i32.eqz br_if $done
          ${body}
        local.get $kc i32.const 1 i32.sub local.set $kc
        br $k
      end
    end
    local.get $c local.set $cp
    ${store}
)`;
}

/** Rows i0..i1-1 for the column block starting at $j, with C-wide tiles. */
function rowsLoop(C: number, fma = false): string {
  const call = (R: number): string => `
            local.get $a local.get $i local.get $sAi i32.mul i32.add
            local.get $b local.get $j i32.const 2 i32.shl i32.add
            local.get $c local.get $i local.get $ldc i32.mul i32.add local.get $j i32.const 2 i32.shl i32.add
            local.get $kc local.get $sAi local.get $sAk local.get $ldb local.get $ldc local.get $accumulate
            call $tile_${R}_${C}${fma ? '_fma' : ''}`;
  const loops = ROWS.map(
    (R) => `
        block $rows${R}Done
          loop $rows${R}
            local.get $i i32.const ${R} i32.add local.get $i1 i32.gt_u br_if $rows${R}Done
            ${call(R)}
            local.get $i i32.const ${R} i32.add local.set $i
            br $rows${R}
          end
        end`,
  );
  return `
        local.get $i0 local.set $i
        ${loops.join('')}`;
}

export function gemmSource(fma: boolean): string {
  const suffix = fma ? '_fma' : '';
  return `
${ROWS.flatMap((R) => COLS.map((C) => tile(R, C, fma))).join('\n')}

(func $gemm_f32${suffix} (param $a i32) (param $b i32) (param $c i32) (param $N i32) (param $kc i32) (param $sAi i32) (param $sAk i32) (param $ldb i32) (param $ldc i32) (param $i0 i32) (param $i1 i32) (param $accumulate i32)
    (local $i i32) (local $j i32)
    i32.const 0 local.set $j
    block $cols8Done
      loop $cols8
        local.get $j i32.const 8 i32.add local.get $N i32.gt_u br_if $cols8Done
        ${rowsLoop(8, fma)}
        local.get $j i32.const 8 i32.add local.set $j
        br $cols8
      end
    end
    local.get $j i32.const 4 i32.add local.get $N i32.le_u if
        ${rowsLoop(4, fma)}
        local.get $j i32.const 4 i32.add local.set $j
    end
    block $cols1Done
      loop $cols1
        local.get $j local.get $N i32.ge_u br_if $cols1Done
        ${rowsLoop(1, fma)}
        local.get $j i32.const 1 i32.add local.set $j
        br $cols1
      end
    end
)
`;
}

export const GEMM_SOURCE = gemmSource(false);
