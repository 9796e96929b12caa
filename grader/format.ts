/**
 * Text for numbers, shapes, indices and durations, shared by the hidden suites' messages, the
 * reporters and the progress output, so that one quantity reads the same everywhere. Pure.
 */

/** An error magnitude: 0, 3.1e-7, 0.0042, 12.5 (3 significant digits). */
export function formatError(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e4 ? x.toExponential(2) : String(Number(x.toPrecision(3)));
}

/** [32, 10, 4]; [] for a scalar; none for no shape. */
export function formatShape(shape: readonly number[] | null): string {
  return shape === null ? 'none' : `[${shape.join(', ')}]`;
}

/** A flat (row-major) index as one index per dimension: 5 in [2, 3] is [1, 2]; as given when it does not fit the shape. */
export function formatIndex(flat: number, shape: readonly number[]): string {
  const size = shape.reduce((a, b) => a * b, 1);
  if (shape.length === 0 || !Number.isInteger(flat) || flat < 0 || flat >= size) return String(flat);
  const coordinates: number[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d -= 1) {
    coordinates.unshift(rest % shape[d]);
    rest = Math.floor(rest / shape[d]);
  }
  return `[${coordinates.join(', ')}]`;
}

/** A duration for people: 480 ms, 4.2 s, 52 s, 3 min 05 s, 1 h 02 min; – when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 10) return `${Math.round(seconds * 10) / 10} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const total = Math.round(seconds);
  if (total < 3600) return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
