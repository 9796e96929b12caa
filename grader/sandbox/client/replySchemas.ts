/**
 * What each probe may answer, checked in the trusted process before any suite touches the value.
 * A reply is whatever the host's structured clone produced, so nothing about it is assumed: arrays
 * must be dense and short enough, typed arrays of the declared dtype with exactly as many elements
 * as their shape says, numbers finite where a figure is expected. A violation is the submission's
 * answer being wrong ("your code returned ..."), never a grader error.
 */
import type { ProbeApi, ProbeName } from '../probeApi';

/** The most elements one tensor of a reply may hold (64 MiB of float32). */
export const MAX_TENSOR_ELEMENTS = 16 * 1024 * 1024;
/** The most elements of a plain array (a vocabulary, a loss curve, a sample). */
export const MAX_ARRAY_ELEMENTS = 1_000_000;
/** The longest string (a word of a vocabulary or of a sample). */
export const MAX_STRING_LENGTH = 10_000;
/** The most keys of an object keyed by the submission (weights, gradients, shapes). */
export const MAX_KEYS = 64;

/** Returns what is wrong with `value` at `where`, or undefined when it fits. */
type Check = (value: unknown, where: string) => string | undefined;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value))
    return `a ${tagOf(value).slice(8, -1)} of ${(value as unknown as { length?: number }).length ?? value.byteLength} elements`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value.length <= 40 ? `string ${JSON.stringify(value)}` : `a string of length ${value.length}`;
  return `${typeof value} ${String(value).slice(0, 40)}`;
}

// Replies are deserialised in Node's own realm, and the suites run in Jest's: no instanceof here.
const tagOf = (v: unknown): string => Object.prototype.toString.call(v);

/** An object literal of any realm: its prototype is some realm's Object.prototype (or null). */
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || tagOf(v) !== '[object Object]') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
};

export const finite: Check = (v, where) =>
  typeof v === 'number' && Number.isFinite(v) ? undefined : `${where} is ${describe(v)}, expected a finite number`;
/** A number that may be NaN or infinite (a wrong figure is for the test to judge). */
export const number: Check = (v, where) => (typeof v === 'number' ? undefined : `${where} is ${describe(v)}, expected a number`);
export const count: Check = (v, where) =>
  Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : `${where} is ${describe(v)}, expected a whole number`;
/** A string, number, boolean or null: what a word list may hold before the test judges it. */
export const primitive: Check = (v, where) =>
  typeof v === 'string'
    ? string(v, where)
    : typeof v === 'number' || typeof v === 'boolean' || v === null
      ? undefined
      : `${where} is ${describe(v)}, expected a word`;
export const string: Check = (v, where) =>
  typeof v === 'string'
    ? v.length <= MAX_STRING_LENGTH
      ? undefined
      : `${where} is a string of length ${v.length}, more than ${MAX_STRING_LENGTH}`
    : `${where} is ${describe(v)}, expected a string`;

/** A dense array of at most `max` items, each passing `item`. */
export function array(item: Check, max = MAX_ARRAY_ELEMENTS): Check {
  return (v, where) => {
    if (!Array.isArray(v)) return `${where} is ${describe(v)}, expected an array`;
    if (v.length > max) return `${where} is an array of length ${v.length}, more than ${max}`;
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) return `${where} is a sparse array (no element ${i})`;
      const bad = item(v[i], `${where}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  };
}

/** An object with exactly these keys (optional ones may be absent). */
export function object(fields: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (v, where) => {
    if (!isPlainObject(v)) return `${where} is ${describe(v)}, expected an object`;
    for (const key of Object.keys(v))
      if (!(key in fields) && !(key in optional)) return `${where} has an unexpected field ${JSON.stringify(key.slice(0, 40))}`;
    for (const [key, check] of Object.entries(fields)) {
      const bad = check(v[key], `${where}.${key}`);
      if (bad) return bad;
    }
    for (const [key, check] of Object.entries(optional)) {
      if (v[key] === undefined) continue;
      const bad = check(v[key], `${where}.${key}`);
      if (bad) return bad;
    }
    return undefined;
  };
}

/** An object of at most MAX_KEYS entries, each value passing `item`. */
export function record(item: Check): Check {
  return (v, where) => {
    if (!isPlainObject(v)) return `${where} is ${describe(v)}, expected an object`;
    const keys = Object.keys(v);
    if (keys.length > MAX_KEYS) return `${where} has ${keys.length} entries, more than ${MAX_KEYS}`;
    for (const key of keys) {
      const bad = (key.length <= 200 ? undefined : `${where} has a key of length ${key.length}`) ?? item(v[key], `${where}.${key}`);
      if (bad) return bad;
    }
    return undefined;
  };
}

export function nullable(check: Check): Check {
  return (v, where) => (v === null ? undefined : check(v, where));
}

const shape = array(count, 8);

/** A WireTensor: a shape of at most 8 whole numbers, a dtype, and exactly prod(shape) values. */
export const tensor: Check = (v, where) => {
  if (!isPlainObject(v)) return `${where} is ${describe(v)}, expected a tensor { shape, dtype, data }`;
  const badShape = shape(v.shape, `${where}.shape`);
  if (badShape) return badShape;
  const elements = (v.shape as number[]).reduce((a, b) => a * b, 1);
  if (elements > MAX_TENSOR_ELEMENTS)
    return `${where} has shape [${(v.shape as number[]).join(', ')}]: ${elements} elements, more than ${MAX_TENSOR_ELEMENTS}`;
  const want = v.dtype === 'float32' ? 'Float32Array' : v.dtype === 'int32' ? 'Int32Array' : undefined;
  if (want === undefined) return `${where}.dtype is ${describe(v.dtype)}, expected "float32" or "int32"`;
  if (!ArrayBuffer.isView(v.data) || tagOf(v.data) !== `[object ${want}]`)
    return `${where}.data is ${describe(v.data)}, expected a ${want}`;
  if ((v.data as Float32Array).length !== elements)
    return `${where}.data has ${(v.data as Float32Array).length} values, but its shape [${(v.shape as number[]).join(', ')}] needs ${elements}`;
  for (const key of Object.keys(v))
    if (key !== 'shape' && key !== 'dtype' && key !== 'data') return `${where} has an unexpected field ${JSON.stringify(key.slice(0, 40))}`;
  return undefined;
};

const examples = object({ inputs: tensor, labels: tensor });
const gradients = object({ loss: number, grads: record(nullable(tensor)) });

/** The check of every probe's reply; the mapped type keeps it in step with ProbeApi. */
export const REPLY_SCHEMAS: { [K in ProbeName]: Check & { readonly __result?: ProbeApi[K]['result'] } } = {
  'data.buildVocab': array(primitive),
  'data.encode': array(number),
  'data.decode': array(primitive),
  'data.makeNgramExamples': examples,
  'data.makeWindows': examples,
  'ngram.paramCount': number,
  'ngram.weightShapes': record(array(count, 8)),
  'ngram.forward': tensor,
  'ngram.gradients': gradients,
  'rnn.cell': tensor,
  'rnn.paramCount': number,
  'rnn.weightShapes': record(array(count, 8)),
  'rnn.forward': object({ logits: tensor, finalState: tensor }),
  'rnn.gradients': gradients,
  'keras.simpleRnn': object({ shape: array(nullable(number), 8), params: number }),
  'keras.forward': object({ logits: tensor, weightShapes: array(array(count, 8), MAX_KEYS) }),
  'loss.perplexityFromProbs': number,
  'loss.sequenceLoss': number,
  'loss.perplexity': number,
  'train.evaluatePerplexity': number,
  'train.run': object(
    { weights: record(tensor), losses: array(number), tensorsPerStep: array(number), tensorsAfterTraining: number, seconds: number },
    { censusTampered: string },
  ),
  'train.generate': array(primitive, 100_000),
};

/** What is wrong with a reply to `probe`, or undefined when it fits the probe's schema. */
export function replyProblem(probe: ProbeName, reply: unknown): string | undefined {
  return REPLY_SCHEMAS[probe](reply, 'the reply');
}
