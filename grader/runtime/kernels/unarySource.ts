/**
 * WAT for the element-wise SIMD loops of simdKernels.ts: exp, tanh and sqrt of float32 arrays on
 * the wasm heap. exp and tanh compute in float64 and round once to float32, so they return what
 * the cpu backend computes (Math.exp / Math.tanh rounded to float32) except, rarely, on a near-tie.
 */

/** Taylor coefficients 1/k!, stored for k = 10..0 (degree 10 for e^r, |r| <= ln2/2: < 3e-13 relative error). */
const EXP_TAYLOR = Array.from({ length: 11 }, (_, k) => 10 - k).map((k) => {
  let f = 1;
  for (let j = 2; j <= k; j++) f *= j;
  return 1 / f;
});

/**
 * WAT that computes e^d for the f64x2 in local `$d` and leaves the result on the stack. Uses locals
 * $t, $nd, $r, $r2, $r4 (v128). e^d = 2^n * e^r with n = round(d / ln2), r = d - n ln2
 * (Cody-Waite: ln2 split in a high part with trailing zero bits, so n * LN2_HI is exact). d is first
 * clamped to [-110, 90]: e^-110 underflows float32 to 0 and e^90 overflows it to +inf after the
 * final rounding, and 2^n stays a normal double. The clamp uses pmax/pmin (one instruction each;
 * the IEEE min/max cost ~8 and made the loop 50% slower) with d first, so NaN passes through.
 */
function expF64x2(): string {
  const c = (x: number): string => `v128.const f64x2 ${x} ${x}`;
  const a = (k: number): number => EXP_TAYLOR[10 - k]; // 1/k!
  // Estrin's scheme (measured no faster than Horner's, kept for its short dependency chains).
  const pair = (k: number): string => `${c(a(k))} local.get $r ${c(a(k + 1))} f64x2.mul f64x2.add`;
  return `
      local.get $d ${c(-110)} f64x2.pmax ${c(90)} f64x2.pmin local.set $d
      local.get $d ${c(Math.LOG2E)} f64x2.mul ${c(EXP_SHIFT)} f64x2.add local.set $t
      local.get $t ${c(EXP_SHIFT)} f64x2.sub local.set $nd
      local.get $d local.get $nd ${c(LN2_HI)} f64x2.mul f64x2.sub
      local.get $nd ${c(LN2_LO)} f64x2.mul f64x2.sub local.set $r
      local.get $r local.get $r f64x2.mul local.set $r2
      local.get $r2 local.get $r2 f64x2.mul local.set $r4
      ${pair(0)} ${pair(2)} local.get $r2 f64x2.mul f64x2.add
      ${pair(4)} ${pair(6)} local.get $r2 f64x2.mul f64x2.add
      local.get $r4 f64x2.mul f64x2.add
      ${pair(8)} ${c(a(10))} local.get $r2 f64x2.mul f64x2.add
      local.get $r4 local.get $r4 f64x2.mul f64x2.mul f64x2.add
      local.get $t v128.const i64x2 1023 1023 i64x2.add i32.const 52 i64x2.shl
      f64x2.mul`;
}

/**
 * WAT for tanh of the f64x2 in local $xd, result on the stack (see $tanh_f32). Uses expF64x2's
 * locals and $lo.
 */
function tanhF64x2(): string {
  const c = (x: number): string => `v128.const f64x2 ${x} ${x}`;
  const SIGN = 'v128.const i64x2 -9223372036854775808 -9223372036854775808';
  return `
      local.get $xd f64x2.abs ${c(-2)} f64x2.mul local.set $d
      ${expF64x2()}
      local.set $lo
      ${c(1)} local.get $lo f64x2.sub ${c(1)} local.get $lo f64x2.add f64x2.div
      local.get $xd ${SIGN} v128.and v128.or
      local.get $xd local.get $xd f64x2.mul local.set $r2
      ${c(-17 / 315)} local.get $r2 f64x2.mul ${c(2 / 15)} f64x2.add local.get $r2 f64x2.mul ${c(-1 / 3)} f64x2.add
      local.get $r2 f64x2.mul ${c(1)} f64x2.add local.get $xd f64x2.mul
      local.get $xd f64x2.abs ${c(2 ** -6)} f64x2.ge
      v128.bitselect`;
}

/** 1.5 * 2^52: adding it to |y| < 2^51 rounds y to an integer, held in the low mantissa bits. */
const EXP_SHIFT = 6755399441055744;
/** ln 2 split for Cody-Waite reduction (fdlibm's values): LN2_HI has 32 trailing zero bits. */
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;

/** Shuffle that moves bytes 8..15 (the high two floats) of the first operand to the low half. */
export const HIGH_TO_LOW = 'i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15';
/** Shuffle that joins the low halves of two vectors: [a0 a1 b0 b1] as floats. */
export const JOIN_LOW = 'i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23';

export const UNARY_SOURCE = `
;; out[i] = exp(x[i]) for i < n; float64 inside, rounded once to float32.
(func $exp_f32 (param $x i32) (param $out i32) (param $n i32)
    (local $end i32) (local $v v128) (local $d v128) (local $t v128) (local $nd v128) (local $r v128) (local $r2 v128) (local $r4 v128) (local $lo v128)
    local.get $x local.get $n i32.const -4 i32.and i32.const 2 i32.shl i32.add local.set $end
    block $done
      loop $next
        local.get $x local.get $end i32.ge_u br_if $done
        local.get $x v128.load local.set $v
        local.get $v f64x2.promote_low_f32x4 local.set $d
        ${expF64x2()}
        local.set $lo
        local.get $v local.get $v ${HIGH_TO_LOW} f64x2.promote_low_f32x4 local.set $d
        ${expF64x2()}
        local.set $d
        local.get $out
        local.get $lo f32x4.demote_f64x2_zero local.get $d f32x4.demote_f64x2_zero ${JOIN_LOW}
        v128.store
        local.get $x i32.const 16 i32.add local.set $x
        local.get $out i32.const 16 i32.add local.set $out
        br $next
      end
    end
    local.get $x local.get $n i32.const 3 i32.and i32.const 2 i32.shl i32.add local.set $end
    block $done
      loop $next
        local.get $x local.get $end i32.ge_u br_if $done
        local.get $x v128.load32_zero f64x2.promote_low_f32x4 local.set $d
        local.get $out
        ${expF64x2()}
        f32x4.demote_f64x2_zero f32x4.extract_lane 0 f32.store
        local.get $x i32.const 4 i32.add local.set $x
        local.get $out i32.const 4 i32.add local.set $out
        br $next
      end
    end
)

;; out[i] = tanh(x[i]) for i < n, in float64, rounded once to float32: for |x| >= 2^-6,
;; sign(x) (1 - e) / (1 + e) with e = exp(-2|x|); below, the odd series x - x^3/3 + 2x^5/15 - 17x^7/315
;; (1 - e loses digits there; the series' relative error is below 1e-16).
(func $tanh_f32 (param $x i32) (param $out i32) (param $n i32)
    (local $end i32) (local $v v128) (local $xd v128) (local $d v128) (local $t v128) (local $nd v128) (local $r v128) (local $r2 v128) (local $r4 v128) (local $lo v128) (local $i i32)
    local.get $x local.get $n i32.const -2 i32.and i32.const 2 i32.shl i32.add local.set $end
    block $done
      loop $next
        local.get $x local.get $end i32.ge_u br_if $done
        local.get $x v128.load64_zero f64x2.promote_low_f32x4 local.set $xd
        ${tanhF64x2()}
        local.set $d
        local.get $out local.get $d f32x4.demote_f64x2_zero i64x2.extract_lane 0 i64.store
        local.get $x i32.const 8 i32.add local.set $x
        local.get $out i32.const 8 i32.add local.set $out
        br $next
      end
    end
    local.get $n i32.const 1 i32.and if
        local.get $x v128.load32_zero f64x2.promote_low_f32x4 local.set $xd
        ${tanhF64x2()}
        local.set $d
        local.get $out local.get $d f32x4.demote_f64x2_zero f32x4.extract_lane 0 f32.store
    end
)

;; out[i] = sqrt(x[i]) for i < n (IEEE, correctly rounded: the same bits as Math.sqrt rounded to float32).
(func $sqrt_f32 (param $x i32) (param $out i32) (param $n i32)
    (local $end i32)
    local.get $x local.get $n i32.const -4 i32.and i32.const 2 i32.shl i32.add local.set $end
    block $done
      loop $next
        local.get $x local.get $end i32.ge_u br_if $done
        local.get $out local.get $x v128.load f32x4.sqrt v128.store
        local.get $x i32.const 16 i32.add local.set $x
        local.get $out i32.const 16 i32.add local.set $out
        br $next
      end
    end
    local.get $x local.get $n i32.const 3 i32.and i32.const 2 i32.shl i32.add local.set $end
    block $done
      loop $next
        local.get $x local.get $end i32.ge_u br_if $done
        local.get $out local.get $x v128.load32_zero f32x4.sqrt f32x4.extract_lane 0 f32.store
        local.get $x i32.const 4 i32.add local.set $x
        local.get $out i32.const 4 i32.add local.set $out
        br $next
      end
    end
)

`;
