/**
 * A small assembler for the WebAssembly text format, enough for the SIMD kernels in
 * simdKernels.ts (no toolchain is needed at build or run time, and no binary is committed).
 *
 * Accepted: a sequence of `(func $name (param $p i32) ... (result t)? (local $l t) ... body)` forms.
 * Every function is exported under its name. The module imports one memory, `env.memory`, so its
 * kernels work directly on the wasm backend's heap. Bodies are flat (unfolded) instruction lists:
 * `block $l`, `loop $l`, `if`, `else`, `end` (all without results), `br`/`br_if` to a label or a
 * depth, `local.get/set/tee` by name or index, `call $f`, loads and stores with optional
 * `offset=N`, lane indices, `v128.const <shape> <lanes>` and the numeric/SIMD ops in OPCODES.
 * Comments: `;;` to the end of the line. Opcodes: the WebAssembly core spec 2.0 binary encoding.
 */

type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128';
const VALTYPE: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b };

/** Opcodes without immediates: plain byte or [0xfd, simd opcode]. */
const PLAIN: Record<string, number | [number, number]> = {
  nop: 0x01,
  return: 0x0f,
  drop: 0x1a,
  select: 0x1b,
  'i32.eqz': 0x45,
  'i32.eq': 0x46,
  'i32.ne': 0x47,
  'i32.lt_s': 0x48,
  'i32.lt_u': 0x49,
  'i32.gt_s': 0x4a,
  'i32.gt_u': 0x4b,
  'i32.le_s': 0x4c,
  'i32.le_u': 0x4d,
  'i32.ge_s': 0x4e,
  'i32.ge_u': 0x4f,
  'i32.add': 0x6a,
  'i32.sub': 0x6b,
  'i32.mul': 0x6c,
  'i32.div_s': 0x6d,
  'i32.div_u': 0x6e,
  'i32.rem_u': 0x70,
  'i32.and': 0x71,
  'i32.or': 0x72,
  'i32.xor': 0x73,
  'i32.shl': 0x74,
  'i32.shr_s': 0x75,
  'i32.shr_u': 0x76,
  'f32.abs': 0x8b,
  'f32.neg': 0x8c,
  'f32.add': 0x92,
  'f32.sub': 0x93,
  'f32.mul': 0x94,
  'f32.div': 0x95,
  'f32.min': 0x96,
  'f32.max': 0x97,
  'f64.abs': 0x99,
  'f64.neg': 0x9a,
  'f64.add': 0xa0,
  'f64.sub': 0xa1,
  'f64.mul': 0xa2,
  'f64.div': 0xa3,
  'f64.min': 0xa4,
  'f64.max': 0xa5,
  'f32.demote_f64': 0xb6,
  'f64.promote_f32': 0xbb,
  'f64.convert_i32_s': 0xb7,
  'f32.gt': 0x5e,
  'f32.lt': 0x5d,
  'f32.ne': 0x5c,
  'f64.gt': 0x64,
  'f64.lt': 0x63,
  'i32x4.splat': [0xfd, 0x11],
  'i64x2.splat': [0xfd, 0x12],
  'f32x4.splat': [0xfd, 0x13],
  'f64x2.splat': [0xfd, 0x14],
  'f32x4.eq': [0xfd, 0x41],
  'f32x4.ne': [0xfd, 0x42],
  'f32x4.lt': [0xfd, 0x43],
  'f32x4.gt': [0xfd, 0x44],
  'f32x4.le': [0xfd, 0x45],
  'f32x4.ge': [0xfd, 0x46],
  'f64x2.eq': [0xfd, 0x47],
  'f64x2.ne': [0xfd, 0x48],
  'f64x2.lt': [0xfd, 0x49],
  'f64x2.gt': [0xfd, 0x4a],
  'f64x2.le': [0xfd, 0x4b],
  'f64x2.ge': [0xfd, 0x4c],
  'v128.not': [0xfd, 0x4d],
  'v128.and': [0xfd, 0x4e],
  'v128.andnot': [0xfd, 0x4f],
  'v128.or': [0xfd, 0x50],
  'v128.xor': [0xfd, 0x51],
  'v128.bitselect': [0xfd, 0x52],
  'v128.any_true': [0xfd, 0x53],
  'f32x4.demote_f64x2_zero': [0xfd, 0x5e],
  'f64x2.promote_low_f32x4': [0xfd, 0x5f],
  'f32x4.ceil': [0xfd, 0x67],
  'f32x4.floor': [0xfd, 0x68],
  'f32x4.trunc': [0xfd, 0x69],
  'f32x4.nearest': [0xfd, 0x6a],
  'f64x2.ceil': [0xfd, 0x74],
  'f64x2.floor': [0xfd, 0x75],
  'f64x2.trunc': [0xfd, 0x7a],
  'f64x2.nearest': [0xfd, 0x94],
  'i32x4.shl': [0xfd, 0xab],
  'i32x4.shr_s': [0xfd, 0xac],
  'i32x4.shr_u': [0xfd, 0xad],
  'i32x4.add': [0xfd, 0xae],
  'i32x4.sub': [0xfd, 0xb1],
  'i32x4.mul': [0xfd, 0xb5],
  'i64x2.shl': [0xfd, 0xcb],
  'i64x2.shr_s': [0xfd, 0xcc],
  'i64x2.shr_u': [0xfd, 0xcd],
  'i64x2.add': [0xfd, 0xce],
  'i64x2.sub': [0xfd, 0xd1],
  'f32x4.abs': [0xfd, 0xe0],
  'f32x4.neg': [0xfd, 0xe1],
  'f32x4.sqrt': [0xfd, 0xe3],
  'f32x4.add': [0xfd, 0xe4],
  'f32x4.sub': [0xfd, 0xe5],
  'f32x4.mul': [0xfd, 0xe6],
  'f32x4.div': [0xfd, 0xe7],
  'f32x4.min': [0xfd, 0xe8],
  'f32x4.max': [0xfd, 0xe9],
  'f32x4.pmin': [0xfd, 0xea],
  'f32x4.pmax': [0xfd, 0xeb],
  'f64x2.abs': [0xfd, 0xec],
  'f64x2.neg': [0xfd, 0xed],
  'f64x2.sqrt': [0xfd, 0xef],
  'f64x2.add': [0xfd, 0xf0],
  'f64x2.sub': [0xfd, 0xf1],
  'f64x2.mul': [0xfd, 0xf2],
  'f64x2.div': [0xfd, 0xf3],
  'f64x2.min': [0xfd, 0xf4],
  'f64x2.max': [0xfd, 0xf5],
  'f64x2.pmin': [0xfd, 0xf6],
  'f64x2.pmax': [0xfd, 0xf7],
  'i32x4.trunc_sat_f32x4_s': [0xfd, 0xf8],
  'f32x4.convert_i32x4_s': [0xfd, 0xfa],
  // Relaxed SIMD (WebAssembly 3.0): a * b + c, fused or not as the hardware does it.
  'f32x4.relaxed_madd': [0xfd, 0x105],
  'f64x2.relaxed_madd': [0xfd, 0x107],
};

/** Loads and stores: opcode and natural alignment (log2 bytes), immediates `offset=N align=N`. */
const MEMORY: Record<string, [number | [number, number], number]> = {
  'i32.load': [0x28, 2],
  'i64.load': [0x29, 3],
  'f32.load': [0x2a, 2],
  'f64.load': [0x2b, 3],
  'i32.store': [0x36, 2],
  'i64.store': [0x37, 3],
  'f32.store': [0x38, 2],
  'f64.store': [0x39, 3],
  'v128.load': [[0xfd, 0x00], 4],
  'v128.store': [[0xfd, 0x0b], 4],
  'v128.load32_splat': [[0xfd, 0x09], 2],
  'v128.load64_splat': [[0xfd, 0x0a], 3],
  'v128.load32_zero': [[0xfd, 0x5c], 2],
  'v128.load64_zero': [[0xfd, 0x5d], 3],
};

/** Lane ops: [0xfd, opcode], lane-index immediate. */
const LANE: Record<string, number> = {
  'i32x4.extract_lane': 0x1b,
  'i64x2.extract_lane': 0x1d,
  'f32x4.extract_lane': 0x1f,
  'f64x2.extract_lane': 0x21,
  'i32x4.replace_lane': 0x1c,
  'f32x4.replace_lane': 0x20,
  'f64x2.replace_lane': 0x22,
};

function uleb(n: number | bigint): number[] {
  let v = BigInt(n);
  if (v < 0n) throw new Error(`uleb: negative ${n}`);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

function sleb(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const signBit = (byte & 0x40) !== 0;
    if ((v === 0n && !signBit) || (v === -1n && signBit)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function bytesOf(array: Float32Array | Float64Array | Int32Array | BigInt64Array): number[] {
  return Array.from(new Uint8Array(array.buffer));
}

function str(s: string): number[] {
  const b = Array.from(Buffer.from(s, 'utf8'));
  return [...uleb(b.length), ...b];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** Splits text into atoms and parentheses; drops `;;` comments. */
function tokenize(text: string): string[] {
  return text
    .replace(/;;[^\n]*/g, ' ')
    .replace(/([()])/g, ' $1 ')
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

function parseNumber(token: string): number {
  const t = token.replace(/_/g, '');
  if (t === 'inf' || t === '+inf') return Infinity;
  if (t === '-inf') return -Infinity;
  if (t === 'nan') return NaN;
  const value = /^-?0x[0-9a-f]+$/i.test(t) ? (t.startsWith('-') ? -parseInt(t.slice(1), 16) : parseInt(t, 16)) : Number(t);
  if (Number.isNaN(value)) throw new Error(`wat: not a number: ${token}`);
  return value;
}

function parseBigInt(token: string): bigint {
  const t = token.replace(/_/g, '');
  return t.startsWith('-') ? -BigInt(t.slice(1)) : BigInt(t);
}

function opBytes(op: number | [number, number]): number[] {
  return typeof op === 'number' ? [op] : [op[0], ...uleb(op[1])];
}

interface FuncDef {
  name: string;
  params: { name: string; type: ValType }[];
  result: ValType | null;
  locals: { name: string; type: ValType }[];
  body: string[];
}

/** Parses the top-level `(func ...)` forms. */
function parseFuncs(tokens: string[]): FuncDef[] {
  const funcs: FuncDef[] = [];
  let i = 0;
  const expect = (t: string): void => {
    if (tokens[i] !== t) throw new Error(`wat: expected '${t}' at token ${i}, got '${tokens[i]}'`);
    i++;
  };
  while (i < tokens.length) {
    expect('(');
    expect('func');
    const name = tokens[i++];
    if (!name.startsWith('$')) throw new Error(`wat: function needs a $name, got ${name}`);
    const f: FuncDef = { name: name.slice(1), params: [], result: null, locals: [], body: [] };
    // Header forms: (param $x t) (result t) (local $x t)
    while (tokens[i] === '(' && ['param', 'result', 'local'].includes(tokens[i + 1])) {
      const kind = tokens[i + 1];
      i += 2;
      if (kind === 'result') {
        f.result = tokens[i++] as ValType;
      } else {
        const localName = tokens[i++];
        const type = tokens[i++] as ValType;
        if (!(type in VALTYPE)) throw new Error(`wat: ${f.name}: unknown type ${type}`);
        (kind === 'param' ? f.params : f.locals).push({ name: localName, type });
      }
      expect(')');
    }
    while (tokens[i] !== ')') {
      if (tokens[i] === '(') throw new Error(`wat: ${f.name}: folded instructions are not supported (token ${i})`);
      f.body.push(tokens[i++]);
    }
    expect(')');
    funcs.push(f);
  }
  return funcs;
}

/** Encodes one function body. */
function encodeBody(f: FuncDef, funcIndex: Map<string, number>): number[] {
  const localIndex = new Map<string, number>();
  [...f.params, ...f.locals].forEach((l, idx) => localIndex.set(l.name, idx));
  const labels: (string | null)[] = []; // innermost last
  const out: number[] = [];
  const body = f.body;
  let i = 0;
  const next = (): string => {
    if (i >= body.length) throw new Error(`wat: ${f.name}: unexpected end of body`);
    return body[i++];
  };
  const local = (t: string): number => {
    if (/^\d+$/.test(t)) return Number(t);
    const idx = localIndex.get(t);
    if (idx === undefined) throw new Error(`wat: ${f.name}: unknown local ${t}`);
    return idx;
  };
  const depth = (t: string): number => {
    if (/^\d+$/.test(t)) return Number(t);
    const pos = labels.lastIndexOf(t);
    if (pos < 0) throw new Error(`wat: ${f.name}: unknown label ${t}`);
    return labels.length - 1 - pos;
  };
  while (i < body.length) {
    const op = next();
    if (op === 'block' || op === 'loop' || op === 'if') {
      const label = body[i]?.startsWith('$') ? next() : null;
      labels.push(label);
      out.push(op === 'block' ? 0x02 : op === 'loop' ? 0x03 : 0x04, 0x40);
    } else if (op === 'else') {
      out.push(0x05);
    } else if (op === 'end') {
      if (labels.length === 0) throw new Error(`wat: ${f.name}: 'end' without a block`);
      labels.pop();
      out.push(0x0b);
    } else if (op === 'br' || op === 'br_if') {
      out.push(op === 'br' ? 0x0c : 0x0d, ...uleb(depth(next())));
    } else if (op === 'local.get' || op === 'local.set' || op === 'local.tee') {
      out.push({ 'local.get': 0x20, 'local.set': 0x21, 'local.tee': 0x22 }[op], ...uleb(local(next())));
    } else if (op === 'call') {
      const target = next().replace(/^\$/, '');
      const idx = funcIndex.get(target);
      if (idx === undefined) throw new Error(`wat: ${f.name}: unknown function ${target}`);
      out.push(0x10, ...uleb(idx));
    } else if (op === 'i32.const') {
      out.push(0x41, ...sleb(parseNumber(next()) | 0));
    } else if (op === 'i64.const') {
      out.push(0x42, ...sleb(parseBigInt(next())));
    } else if (op === 'f32.const') {
      out.push(0x43, ...bytesOf(Float32Array.of(parseNumber(next()))));
    } else if (op === 'f64.const') {
      out.push(0x44, ...bytesOf(Float64Array.of(parseNumber(next()))));
    } else if (op === 'v128.const') {
      const shape = next();
      const lanes = { i32x4: 4, f32x4: 4, f64x2: 2, i64x2: 2 }[shape];
      if (lanes === undefined) throw new Error(`wat: ${f.name}: v128.const shape ${shape} not supported`);
      const values = Array.from({ length: lanes }, () => next());
      const data =
        shape === 'i32x4'
          ? Int32Array.from(values.map(parseNumber))
          : shape === 'f32x4'
            ? Float32Array.from(values.map(parseNumber))
            : shape === 'f64x2'
              ? Float64Array.from(values.map(parseNumber))
              : BigInt64Array.from(values.map(parseBigInt));
      out.push(0xfd, ...uleb(0x0c), ...bytesOf(data));
    } else if (op === 'i8x16.shuffle') {
      out.push(0xfd, ...uleb(0x0d));
      for (let k = 0; k < 16; k++) {
        const lane = parseNumber(next());
        if (!(lane >= 0 && lane < 32)) throw new Error(`wat: ${f.name}: shuffle lane ${lane} out of range`);
        out.push(lane);
      }
    } else if (op in MEMORY) {
      const [code, naturalAlign] = MEMORY[op];
      let offset = 0;
      let align = naturalAlign;
      while (body[i]?.startsWith('offset=') || body[i]?.startsWith('align=')) {
        const [key, value] = next().split('=');
        if (key === 'offset') offset = parseNumber(value);
        else align = Math.log2(parseNumber(value));
      }
      out.push(...opBytes(code), ...uleb(align), ...uleb(offset));
    } else if (op in LANE) {
      out.push(0xfd, ...uleb(LANE[op]), parseNumber(next()));
    } else if (op in PLAIN) {
      out.push(...opBytes(PLAIN[op]));
    } else {
      throw new Error(`wat: ${f.name}: unknown instruction '${op}'`);
    }
  }
  if (labels.length !== 0) throw new Error(`wat: ${f.name}: ${labels.length} block(s) not closed`);
  // Locals: one entry per local (count 1 each) keeps the encoder simple.
  const locals = vec(f.locals.map((l) => [1, VALTYPE[l.type]]));
  const code = [...locals, ...out, 0x0b];
  return [...uleb(code.length), ...code];
}

/**
 * Assembles `text` into a wasm binary that imports `env.memory` and exports every function.
 * `sharedMemory`: the import is a shared memory (limits 1..65536 pages), which a shared
 * WebAssembly.Memory needs (threadPool.ts); a plain one otherwise.
 */
export function assembleWat(text: string, sharedMemory = false): Uint8Array {
  const funcs = parseFuncs(tokenize(text));
  const funcIndex = new Map(funcs.map((f, idx) => [f.name, idx]));
  const typeKeys: string[] = [];
  const types: number[][] = [];
  const typeOf = funcs.map((f) => {
    const sig = [0x60, ...vec(f.params.map((p) => [VALTYPE[p.type]])), ...vec(f.result === null ? [] : [[VALTYPE[f.result]]])];
    const key = sig.join(',');
    let idx = typeKeys.indexOf(key);
    if (idx < 0) {
      idx = typeKeys.length;
      typeKeys.push(key);
      types.push(sig);
    }
    return idx;
  });
  const limits = sharedMemory ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)];
  const memoryImport = [...str('env'), ...str('memory'), 0x02, ...limits];
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(2, vec([memoryImport])),
    ...section(3, vec(typeOf.map((t) => uleb(t)))),
    ...section(7, vec(funcs.map((f, idx) => [...str(f.name), 0x00, ...uleb(idx)]))),
    ...section(10, vec(funcs.map((f) => encodeBody(f, funcIndex)))),
  ];
  return Uint8Array.from(bytes);
}
