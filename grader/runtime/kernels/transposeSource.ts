/** WAT for the 32-bit transpose of simdKernels.ts: 4x4 tiles in registers, scalar edges. */

export const TRANSPOSE_SOURCE = `
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
