/**
 * SIMD loops for the wasm backend's heap, assembled from the text below at first use
 * (watAssembler.ts) and instantiated against the backend's own WebAssembly.Memory, so they read
 * and write tensors in place. Pointers are byte offsets into that memory; counts are elements.
 *
 * Numerics: float32 in, float32 out, with the arithmetic in float64 wherever the cpu backend
 * computes in float64 (JS numbers): exp, and the running sums of Sum. So results agree with the
 * cpu backend to float32 rounding (tests in simdKernels.test.ts and the kernel tests).
 */
import { assembleWat } from './watAssembler';
import { GEMM_SOURCE, gemmSource } from './gemmSource';

/** The slice of the WebAssembly JS API used here (the project's lib settings have no DOM types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

/** Horner coefficients 1/k! for k = 10..0 (Taylor series of e^r; |r| <= ln2/2 gives < 3e-13 relative error). */
const EXP_TAYLOR = Array.from({ length: 11 }, (_, k) => 10 - k).map((k) => {
  let f = 1;
  for (let j = 2; j <= k; j++) f *= j;
  return 1 / f;
});

/**
 * WAT that computes e^d for the f64x2 in local `$d` and leaves the result on the stack. Uses locals
 * $t, $nd (v128). e^d = 2^n * e^r with n = round(d / ln2), r = d - n ln2 (Cody-Waite: ln2 split in
 * a high part with trailing zero bits, so n * LN2_HI is exact). d is first clamped to [-110, 90]:
 * e^-110 underflows float32 to 0 and e^90 overflows it to +inf after the final rounding, and
 * 2^n stays a normal double. NaN passes through (min/max propagate it).
 */
function expF64x2(): string {
  const c = (x: number): string => `v128.const f64x2 ${x} ${x}`;
  const a = (k: number): number => EXP_TAYLOR[10 - k]; // 1/k!
  // Estrin's scheme: short dependency chains (the loop is latency-bound with Horner's).
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
const HIGH_TO_LOW = 'i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15';
/** Shuffle that joins the low halves of two vectors: [a0 a1 b0 b1] as floats. */
const JOIN_LOW = 'i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23';

const SOURCE = `
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

;; out[o] = sum_r x[o*R + r] for o < outer: float64 sums, rounded once to float32.
(func $sum_inner_f32 (param $x i32) (param $out i32) (param $outer i32) (param $R i32)
    (local $rowEnd i32) (local $vecEnd i32) (local $v v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s f64)
    block $rowsDone
      loop $row
        local.get $outer i32.eqz br_if $rowsDone
        local.get $x local.get $R i32.const 2 i32.shl i32.add local.set $rowEnd
        local.get $x local.get $R i32.const -8 i32.and i32.const 2 i32.shl i32.add local.set $vecEnd
        v128.const f64x2 0 0 local.tee $a0 local.tee $a1 local.tee $a2 local.set $a3
        block $vecDone
          loop $vec
            local.get $x local.get $vecEnd i32.ge_u br_if $vecDone
            local.get $x v128.load local.set $v
            local.get $a0 local.get $v f64x2.promote_low_f32x4 f64x2.add local.set $a0
            local.get $a1 local.get $v local.get $v ${HIGH_TO_LOW} f64x2.promote_low_f32x4 f64x2.add local.set $a1
            local.get $x v128.load offset=16 local.set $v
            local.get $a2 local.get $v f64x2.promote_low_f32x4 f64x2.add local.set $a2
            local.get $a3 local.get $v local.get $v ${HIGH_TO_LOW} f64x2.promote_low_f32x4 f64x2.add local.set $a3
            local.get $x i32.const 32 i32.add local.set $x
            br $vec
          end
        end
        local.get $a0 local.get $a1 f64x2.add local.get $a2 local.get $a3 f64x2.add f64x2.add local.set $a0
        local.get $a0 f64x2.extract_lane 0 local.get $a0 f64x2.extract_lane 1 f64.add local.set $s
        block $tailDone
          loop $tail
            local.get $x local.get $rowEnd i32.ge_u br_if $tailDone
            local.get $s local.get $x f32.load f64.promote_f32 f64.add local.set $s
            local.get $x i32.const 4 i32.add local.set $x
            br $tail
          end
        end
        local.get $out local.get $s f32.demote_f64 f32.store
        local.get $out i32.const 4 i32.add local.set $out
        local.get $outer i32.const 1 i32.sub local.set $outer
        br $row
      end
    end
)

;; acc[i] += x[i] for i < n, acc float64, x float32.
(func $accumulate_f64 (param $acc i32) (param $x i32) (param $n i32)
    (local $end i32) (local $v v128)
    local.get $x local.get $n i32.const -4 i32.and i32.const 2 i32.shl i32.add local.set $end
    block $done
      loop $next
        local.get $x local.get $end i32.ge_u br_if $done
        local.get $x v128.load local.set $v
        local.get $acc local.get $acc v128.load local.get $v f64x2.promote_low_f32x4 f64x2.add v128.store
        local.get $acc local.get $acc v128.load offset=16 local.get $v local.get $v ${HIGH_TO_LOW} f64x2.promote_low_f32x4 f64x2.add v128.store offset=16
        local.get $x i32.const 16 i32.add local.set $x
        local.get $acc i32.const 32 i32.add local.set $acc
        br $next
      end
    end
    local.get $x local.get $n i32.const 3 i32.and i32.const 2 i32.shl i32.add local.set $end
    block $done
      loop $next
        local.get $x local.get $end i32.ge_u br_if $done
        local.get $acc local.get $acc f64.load local.get $x f32.load f64.promote_f32 f64.add f64.store
        local.get $x i32.const 4 i32.add local.set $x
        local.get $acc i32.const 8 i32.add local.set $acc
        br $next
      end
    end
)

;; out[o*I + i] = sum_r x[(o*R + r)*I + i]: float64 sums in acc (I doubles of scratch), rounded once.
(func $sum_outer_f32 (param $x i32) (param $out i32) (param $acc i32) (param $outer i32) (param $R i32) (param $I i32)
    (local $r i32) (local $i i32) (local $rowBytes i32)
    local.get $I i32.const 2 i32.shl local.set $rowBytes
    block $outerDone
      loop $outerLoop
        local.get $outer i32.eqz br_if $outerDone
        i32.const 0 local.set $i
        block $zeroDone
          loop $zero
            local.get $i local.get $I i32.ge_u br_if $zeroDone
            local.get $acc local.get $i i32.const 3 i32.shl i32.add f64.const 0 f64.store
            local.get $i i32.const 1 i32.add local.set $i
            br $zero
          end
        end
        i32.const 0 local.set $r
        block $rowsDone
          loop $rows
            local.get $r local.get $R i32.ge_u br_if $rowsDone
            local.get $acc local.get $x local.get $I call $accumulate_f64
            local.get $x local.get $rowBytes i32.add local.set $x
            local.get $r i32.const 1 i32.add local.set $r
            br $rows
          end
        end
        i32.const 0 local.set $i
        block $storeDone
          loop $store
            local.get $i local.get $I i32.ge_u br_if $storeDone
            local.get $out local.get $i i32.const 2 i32.shl i32.add
            local.get $acc local.get $i i32.const 3 i32.shl i32.add f64.load f32.demote_f64 f32.store
            local.get $i i32.const 1 i32.add local.set $i
            br $store
          end
        end
        local.get $out local.get $rowBytes i32.add local.set $out
        local.get $outer i32.const 1 i32.sub local.set $outer
        br $outerLoop
      end
    end
)

;; out[o] = max_r x[o*R + r] (R >= 1); NaN wins, as in the cpu backend.
(func $max_inner_f32 (param $x i32) (param $out i32) (param $outer i32) (param $R i32)
    (local $rowEnd i32) (local $vecEnd i32) (local $m0 v128) (local $m1 v128) (local $s f32) (local $v f32)
    block $rowsDone
      loop $row
        local.get $outer i32.eqz br_if $rowsDone
        local.get $x local.get $R i32.const 2 i32.shl i32.add local.set $rowEnd
        local.get $x local.get $R i32.const -8 i32.and i32.const 2 i32.shl i32.add local.set $vecEnd
        local.get $x v128.load32_splat local.tee $m0 local.set $m1
        block $vecDone
          loop $vec
            local.get $x local.get $vecEnd i32.ge_u br_if $vecDone
            local.get $m0 local.get $x v128.load f32x4.max local.set $m0
            local.get $m1 local.get $x v128.load offset=16 f32x4.max local.set $m1
            local.get $x i32.const 32 i32.add local.set $x
            br $vec
          end
        end
        local.get $m0 local.get $m1 f32x4.max local.set $m0
        local.get $m0 f32x4.extract_lane 0 local.get $m0 f32x4.extract_lane 1 f32.max
        local.get $m0 f32x4.extract_lane 2 local.get $m0 f32x4.extract_lane 3 f32.max f32.max local.set $s
        block $tailDone
          loop $tail
            local.get $x local.get $rowEnd i32.ge_u br_if $tailDone
            local.get $s local.get $x f32.load f32.max local.set $s
            local.get $x i32.const 4 i32.add local.set $x
            br $tail
          end
        end
        local.get $out local.get $s f32.store
        local.get $out i32.const 4 i32.add local.set $out
        local.get $outer i32.const 1 i32.sub local.set $outer
        br $row
      end
    end
)

;; out[i] = max(out[i], x[i]) for i < n.
(func $max_into_f32 (param $out i32) (param $x i32) (param $n i32)
    (local $end i32)
    local.get $x local.get $n i32.const -4 i32.and i32.const 2 i32.shl i32.add local.set $end
    block $done
      loop $next
        local.get $x local.get $end i32.ge_u br_if $done
        local.get $out local.get $out v128.load local.get $x v128.load f32x4.max v128.store
        local.get $x i32.const 16 i32.add local.set $x
        local.get $out i32.const 16 i32.add local.set $out
        br $next
      end
    end
    local.get $x local.get $n i32.const 3 i32.and i32.const 2 i32.shl i32.add local.set $end
    block $done
      loop $next
        local.get $x local.get $end i32.ge_u br_if $done
        local.get $out local.get $out f32.load local.get $x f32.load f32.max f32.store
        local.get $x i32.const 4 i32.add local.set $x
        local.get $out i32.const 4 i32.add local.set $out
        br $next
      end
    end
)

;; out[o*I + i] = max_r x[(o*R + r)*I + i] (R >= 1).
(func $max_outer_f32 (param $x i32) (param $out i32) (param $outer i32) (param $R i32) (param $I i32)
    (local $r i32) (local $i i32) (local $rowBytes i32)
    local.get $I i32.const 2 i32.shl local.set $rowBytes
    block $outerDone
      loop $outerLoop
        local.get $outer i32.eqz br_if $outerDone
        i32.const 0 local.set $i
        block $copyDone
          loop $copy
            local.get $i local.get $rowBytes i32.ge_u br_if $copyDone
            local.get $out local.get $i i32.add local.get $x local.get $i i32.add f32.load f32.store
            local.get $i i32.const 4 i32.add local.set $i
            br $copy
          end
        end
        local.get $x local.get $rowBytes i32.add local.set $x
        i32.const 1 local.set $r
        block $rowsDone
          loop $rows
            local.get $r local.get $R i32.ge_u br_if $rowsDone
            local.get $out local.get $x local.get $I call $max_into_f32
            local.get $x local.get $rowBytes i32.add local.set $x
            local.get $r i32.const 1 i32.add local.set $r
            br $rows
          end
        end
        local.get $out local.get $rowBytes i32.add local.set $out
        local.get $outer i32.const 1 i32.sub local.set $outer
        br $outerLoop
      end
    end
)

;; out[c*R + r] = x[r*C + c] for r < R, c < C (32-bit elements): 4x4 tiles in registers.
(func $transpose_32 (param $x i32) (param $out i32) (param $R i32) (param $C i32)
    (local $r i32) (local $c i32) (local $R4 i32) (local $C4 i32) (local $src i32) (local $dst i32)
    (local $inRow i32) (local $outRow i32) (local $a v128) (local $b v128) (local $cc v128) (local $d v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    local.get $C i32.const 2 i32.shl local.set $inRow
    local.get $R i32.const 2 i32.shl local.set $outRow
    local.get $R i32.const -4 i32.and local.set $R4
    local.get $C i32.const -4 i32.and local.set $C4
    i32.const 0 local.set $r
    block $rowsDone
      loop $rows
        local.get $r local.get $R4 i32.ge_u br_if $rowsDone
        i32.const 0 local.set $c
        block $colsDone
          loop $cols
            local.get $c local.get $C4 i32.ge_u br_if $colsDone
            ;; src = x + (r*C + c)*4 ; dst = out + (c*R + r)*4
            local.get $x local.get $r local.get $C i32.mul local.get $c i32.add i32.const 2 i32.shl i32.add local.set $src
            local.get $out local.get $c local.get $R i32.mul local.get $r i32.add i32.const 2 i32.shl i32.add local.set $dst
            local.get $src v128.load local.set $a
            local.get $src local.get $inRow i32.add local.tee $src v128.load local.set $b
            local.get $src local.get $inRow i32.add local.tee $src v128.load local.set $cc
            local.get $src local.get $inRow i32.add v128.load local.set $d
            local.get $a local.get $b i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 local.set $t0
            local.get $a local.get $b i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 local.set $t1
            local.get $cc local.get $d i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 local.set $t2
            local.get $cc local.get $d i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 local.set $t3
            local.get $dst local.get $t0 local.get $t2 i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 v128.store
            local.get $dst local.get $outRow i32.add local.tee $dst local.get $t0 local.get $t2 i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 v128.store
            local.get $dst local.get $outRow i32.add local.tee $dst local.get $t1 local.get $t3 i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 v128.store
            local.get $dst local.get $outRow i32.add local.get $t1 local.get $t3 i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 v128.store
            local.get $c i32.const 4 i32.add local.set $c
            br $cols
          end
        end
        local.get $r i32.const 4 i32.add local.set $r
        br $rows
      end
    end
    ;; columns C4..C-1 of all rows, then rows R4..R-1 of columns 0..C4-1, one element at a time
    i32.const 0 local.set $r
    block $edgeRowsDone
      loop $edgeRows
        local.get $r local.get $R i32.ge_u br_if $edgeRowsDone
        local.get $r local.get $R4 i32.lt_u if
          local.get $C4 local.set $c
        else
          i32.const 0 local.set $c
        end
        block $edgeColsDone
          loop $edgeCols
            local.get $c local.get $C i32.ge_u br_if $edgeColsDone
            local.get $out local.get $c local.get $R i32.mul local.get $r i32.add i32.const 2 i32.shl i32.add
            local.get $x local.get $r local.get $C i32.mul local.get $c i32.add i32.const 2 i32.shl i32.add
            i32.load i32.store
            local.get $c i32.const 1 i32.add local.set $c
            br $edgeCols
          end
        end
        local.get $r i32.const 1 i32.add local.set $r
        br $edgeRows
      end
    end
)

`;

/** The exported loops; see the comments in SOURCE and gemmSource.ts for each. */
export interface SimdKernels {
  exp_f32(x: number, out: number, n: number): void;
  sum_inner_f32(x: number, out: number, outer: number, R: number): void;
  sum_outer_f32(x: number, out: number, acc: number, outer: number, R: number, I: number): void;
  max_inner_f32(x: number, out: number, outer: number, R: number): void;
  max_outer_f32(x: number, out: number, outer: number, R: number, I: number): void;
  transpose_32(x: number, out: number, R: number, C: number): void;
  tanh_f32(x: number, out: number, n: number): void;
  sqrt_f32(x: number, out: number, n: number): void;
  /** The matrix product tiles with separate multiply and add (any engine with SIMD). */
  gemm_f32(a: number, b: number, c: number, N: number, kc: number, sAi: number, sAk: number, ldb: number, ldc: number, i0: number, i1: number, accumulate: number): void;
  /** The same with relaxed-SIMD multiply-add (FMA where the CPU has it); present only where the engine accepts it. */
  gemm_f32_fma?: SimdKernels['gemm_f32'];
}

let compiled: object | undefined;
let compiledFma: object | null | undefined;
const instances = new WeakMap<WasmMemory, SimdKernels>();

/** The kernels bound to `memory` (instantiated once per memory). */
export function simdKernels(memory: WasmMemory): SimdKernels {
  let kernels = instances.get(memory);
  if (kernels === undefined) {
    compiled ??= new WebAssembly.Module(assembleWat(SOURCE + GEMM_SOURCE));
    const base = new WebAssembly.Instance(compiled, { env: { memory } }).exports as SimdKernels;
    const fma = fmaModule();
    const fmaExports = fma !== null ? (new WebAssembly.Instance(fma, { env: { memory } }).exports as { gemm_f32_fma: SimdKernels['gemm_f32'] }) : undefined;
    kernels = { ...base, gemm_f32_fma: fmaExports?.gemm_f32_fma };
    instances.set(memory, kernels);
  }
  return kernels;
}

/** Whether this JS engine accepts the module (WebAssembly SIMD); false means: keep the original kernels. */
export function simdSupported(): boolean {
  try {
    compiled ??= new WebAssembly.Module(assembleWat(SOURCE + GEMM_SOURCE));
    return true;
  } catch {
    return false;
  }
}

/**
 * The relaxed-SIMD matrix product module, or null. Relaxed SIMD (f32x4.relaxed_madd) is on by
 * default from Node 22 (V8 11.4+); Node 20's V8 has it behind --experimental-wasm-relaxed-simd,
 * which is switched on here at run time when needed (it only lets modules use the extra
 * instructions). Off when RNN_LAB_WASM_FMA=0. Measured on the training step's three products:
 * 48/49/59 -> 36/37/48 ms CPU (the multiply-add halves the arithmetic instructions per tile).
 */
function fmaModule(): object | null {
  if (compiledFma !== undefined) return compiledFma;
  compiledFma = null;
  if (process.env.RNN_LAB_WASM_FMA === '0') return null;
  const bytes = assembleWat(gemmSource(true));
  try {
    compiledFma = new WebAssembly.Module(bytes);
  } catch {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('v8') as { setFlagsFromString(flags: string): void }).setFlagsFromString('--experimental-wasm-relaxed-simd');
      compiledFma = new WebAssembly.Module(bytes);
    } catch {
      compiledFma = null;
    }
  }
  return compiledFma;
}

/** Whether matrix products use the relaxed-SIMD multiply-add (see fmaModule). */
export function fmaSupported(): boolean {
  return fmaModule() !== null;
}
