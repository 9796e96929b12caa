/**
 * The trusted side of the evaluatePerplexity test: the host runs the submission's
 * evaluatePerplexity on a model whose forward pass the grader supplies (logits looked up from a
 * table by the current token), so the right answer, and the two usual wrong averages, are computed
 * here in float64 from the same table and windows. Nothing the host computed enters them.
 */

/** A [V, V] table of logits: row i is what the model outputs after token i. Deterministic, no seed. */
export function logitsTable(vocabSz: number): Float32Array {
  const table = new Float32Array(vocabSz * vocabSz);
  for (let i = 0; i < vocabSz; i++)
    for (let j = 0; j < vocabSz; j++) table[i * vocabSz + j] = 2 * Math.sin(1 + 7 * i + 3 * j) + (i === j ? 1 : 0);
  return table;
}

export interface TablePerplexities {
  /** exp(token-averaged cross-entropy): the answer. */
  tokenWeighted: number;
  /** exp(mean over batches of each batch's mean cross-entropy): every batch weighs the same. */
  meanOfBatchNll: number;
  /** Mean over batches of each batch's perplexity. */
  meanOfBatchPerplexities: number;
}

/**
 * Perplexities of the table model on windows `inputs` / `labels` (both [N, W] row-major ids),
 * evaluated in batches of `batchSz` windows.
 */
export function tablePerplexities(
  table: Float32Array,
  vocabSz: number,
  inputs: ArrayLike<number>,
  labels: ArrayLike<number>,
  windows: number,
  batchSz: number,
): TablePerplexities {
  const tokensPerWindow = inputs.length / windows;
  const tokenNll = (k: number) => {
    const row = inputs[k] * vocabSz;
    let max = -Infinity;
    for (let j = 0; j < vocabSz; j++) max = Math.max(max, table[row + j]);
    let sum = 0;
    for (let j = 0; j < vocabSz; j++) sum += Math.exp(table[row + j] - max);
    return max + Math.log(sum) - table[row + labels[k]];
  };
  const batchMeans: number[] = [];
  let total = 0;
  for (let start = 0; start < windows; start += batchSz) {
    const end = Math.min(windows, start + batchSz);
    let nll = 0;
    for (let k = start * tokensPerWindow; k < end * tokensPerWindow; k++) nll += tokenNll(k);
    total += nll;
    batchMeans.push(nll / ((end - start) * tokensPerWindow));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    tokenWeighted: Math.exp(total / inputs.length),
    meanOfBatchNll: Math.exp(mean(batchMeans)),
    meanOfBatchPerplexities: mean(batchMeans.map(Math.exp)),
  };
}
