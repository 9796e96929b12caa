/**
 * What the rest of the grader uses: the tokens of one split and the words of a vocabulary,
 * built on first use (ensureCorpus runs once per process and build folder).
 */
import * as fs from 'fs';
import { type CorpusName, type CorpusOptions, type SplitOf, CORPUS_SPLITS, resolveLocations } from './layout';
import { type EnsureResult, ensureCorpus } from './buildCorpus';

const ensured = new Map<string, Promise<EnsureResult>>();

/** ensureCorpus, once per process for the same locations (a failed attempt is retried next time). */
function ensureOnce(options: CorpusOptions): Promise<EnsureResult> {
  const loc = resolveLocations(options);
  const key = JSON.stringify(loc);
  let pending = ensured.get(key);
  if (!pending) {
    pending = ensureCorpus(loc);
    ensured.set(key, pending);
    pending.catch(() => ensured.delete(key));
  }
  return pending;
}

/** Whitespace-separated tokens of a built file. */
async function readTokens(file: string): Promise<string[]> {
  const text = await fs.promises.readFile(file, 'utf8');
  return text.split(/\s+/).filter((t) => t !== '');
}

/**
 * Tokens of one split, raw lower-cased words with `<stop>` after each sentence (not `<unk>`-mapped:
 * map words outside `loadVocabWords(name)` to `<unk>`). `grading` has no test split.
 */
export async function loadSplit<N extends CorpusName>(name: N, split: SplitOf<N>, options: CorpusOptions = {}): Promise<string[]> {
  const splits: readonly string[] = CORPUS_SPLITS[name];
  if (!splits.includes(split)) throw new Error(`corpus '${name}' has no '${split}' split (it has ${splits.join(', ')})`);
  const { files } = await ensureOnce(options);
  return readTokens((files[name] as Record<string, string>)[split]);
}

/** The vocabulary of a corpus: sorted in code-unit order, containing `<unk>` and `<stop>`. */
export async function loadVocabWords(name: CorpusName, options: CorpusOptions = {}): Promise<string[]> {
  const { files } = await ensureOnce(options);
  return readTokens(files[name].vocab);
}
