/**
 * WAT for the reductions of simdKernels.ts: sums (float64 accumulation, rounded once, as the cpu
 * backend does) and maxima (NaN wins, as on cpu) over the inner or the outer axis of a float32
 * array on the wasm heap.
 */
import { HIGH_TO_LOW } from './unarySource';

export const REDUCE_SOURCE = `
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

`;
