/** What staging sees of a submission, whether it came as a folder or a zip. */

/** A result or a sentence a student can act on. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

export interface SourceFile {
  /** Posix path relative to the submission's top, without "." or empty segments. */
  rel: string;
  /** Symbolic links are listed (to say they were ignored) but never followed or read. */
  kind: 'file' | 'symlink' | 'other';
  /** Size in bytes (from lstat, or as declared by the zip; reads never return more). */
  size: number;
  /** The bytes; call only after checking `size` against the caps. */
  read(): Outcome<Buffer>;
}

export interface Source {
  /** A zip whose entry fails to inflate is damaged or hostile as a whole; a folder's unreadable file is just that file. */
  kind: 'folder' | 'zip';
  files: SourceFile[];
  /** Folders that were not walked into (node_modules/, .git/, too deep), posix with a trailing "/". */
  skippedDirs: string[];
  /** Releases the archive's file descriptor (no-op for folders). */
  close(): void;
}
