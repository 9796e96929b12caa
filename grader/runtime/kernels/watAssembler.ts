/**
 * A small assembler for the WebAssembly text format, enough for the SIMD kernels in
 * simdKernels.ts (no toolchain is needed at build or run time, and no binary is committed).
 *
 * Accepted: a sequence of `(func $name (param $p i32) ... (result t)? (local $l t) ... body)` forms.
 * Every function is exported under its name. The module imports one memory, `env.memory`, so its
 * kernels work directly on the wasm backend's heap. Bodies are flat (unfolded) instruction lists:
 * `block $l`, `loop $l`, `if`, `else`, `end` (all without results), `br`/`br_if` to a label or a
 * depth, `local.get/set/tee` by name or index, `call $f`, loads and stores with optional
 * `offset=N`, lane indices, `v128.const <shape> <lanes>` and the numeric/SIMD ops in watOpcodes.ts.
 * Comments: `;;` to the end of the line. Opcodes: the WebAssembly core spec 2.0 binary encoding.
 */

import { LANE, MEMORY, PLAIN, VALTYPE, type ValType } from './watOpcodes';

/** "\0asm" and binary format version 1. */
const WASM_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

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
    ...WASM_HEADER,
    ...section(1, vec(types)),
    ...section(2, vec([memoryImport])),
    ...section(3, vec(typeOf.map((t) => uleb(t)))),
    ...section(7, vec(funcs.map((f, idx) => [...str(f.name), 0x00, ...uleb(idx)]))),
    ...section(10, vec(funcs.map((f) => encodeBody(f, funcIndex)))),
  ];
  return Uint8Array.from(bytes);
}
