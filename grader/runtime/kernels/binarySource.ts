/**
 * WAT for float32 Add, Sub and Mul over [R, C] with simple broadcasts, for simdKernels.ts
 * (binaryWasm.ts runs them in chunks on the kernel threads). Each operand x is either a full row
 * of C values (xCV = 1: v128 loads) or one value per row (xCV = 0: splat), and moves xRS bytes
 * per row (0: the same row for every output row). One IEEE float32 operation per element, the
 * same as the wasm backend's own kernels: the same bits.
 *
 * binary_<op>_f32(a, b, out, R, C, ldo, aRS, aCV, bRS, bCV): out row r at out + r*ldo bytes.
 * At least one of aCV, bCV is 1.
 */

const OPS = ['add', 'sub', 'mul'] as const;
export type BinaryOp = (typeof OPS)[number];

/** One row: `aVec`/`bVec` say whether that operand is a row of values or one splatted value. */
function rowLoop(op: BinaryOp, aVec: boolean, bVec: boolean): string {
  const vecA = aVec ? 'local.get $pa v128.load' : 'local.get $sa';
  const vecB = bVec ? 'local.get $pb v128.load' : 'local.get $sb';
  const oneA = aVec ? 'local.get $pa f32.load' : 'local.get $fa';
  const oneB = bVec ? 'local.get $pb f32.load' : 'local.get $fb';
  const step = (bytes: number): string =>
    [
      aVec ? `local.get $pa i32.const ${bytes} i32.add local.set $pa` : '',
      bVec ? `local.get $pb i32.const ${bytes} i32.add local.set $pb` : '',
      `local.get $po i32.const ${bytes} i32.add local.set $po`,
    ]
      .filter((s) => s !== '')
      .join('\n            ');
  const splats = [
    aVec ? '' : 'local.get $pa v128.load32_splat local.set $sa local.get $pa f32.load local.set $fa',
    bVec ? '' : 'local.get $pb v128.load32_splat local.set $sb local.get $pb f32.load local.set $fb',
  ]
    .filter((s) => s !== '')
    .join('\n        ');
  return `
        ${splats}
        block $vecDone
          loop $vec
            local.get $po local.get $vecEnd i32.ge_u br_if $vecDone
            local.get $po ${vecA} ${vecB} f32x4.${op} v128.store
            ${step(16)}
            br $vec
          end
        end
        block $tailDone
          loop $tail
            local.get $po local.get $end i32.ge_u br_if $tailDone
            local.get $po ${oneA} ${oneB} f32.${op} f32.store
            ${step(4)}
            br $tail
          end
        end`;
}

function binaryFunc(op: BinaryOp): string {
  return `
(func $binary_${op}_f32 (param $a i32) (param $b i32) (param $out i32) (param $R i32) (param $C i32) (param $ldo i32) (param $aRS i32) (param $aCV i32) (param $bRS i32) (param $bCV i32)
    (local $pa i32) (local $pb i32) (local $po i32) (local $end i32) (local $vecEnd i32) (local $sa v128) (local $sb v128) (local $fa f32) (local $fb f32)
    block $rowsDone
      loop $row
        local.get $R i32.eqz br_if $rowsDone
        local.get $a local.set $pa
        local.get $b local.set $pb
        local.get $out local.set $po
        local.get $out local.get $C i32.const 2 i32.shl i32.add local.set $end
        local.get $out local.get $C i32.const -4 i32.and i32.const 2 i32.shl i32.add local.set $vecEnd
        local.get $aCV if
          local.get $bCV if
            ${rowLoop(op, true, true)}
          else
            ${rowLoop(op, true, false)}
          end
        else
          ${rowLoop(op, false, true)}
        end
        local.get $a local.get $aRS i32.add local.set $a
        local.get $b local.get $bRS i32.add local.set $b
        local.get $out local.get $ldo i32.add local.set $out
        local.get $R i32.const 1 i32.sub local.set $R
        br $row
      end
    end
)`;
}

export const BINARY_SOURCE = OPS.map(binaryFunc).join('\n');
