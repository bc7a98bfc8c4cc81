/** Per-period performance of each trial: `returns[trial][period]`, every trial over the same periods. */
export type TrialReturns = number[][];

export interface PboResult {
  /** Probability of backtest overfitting: share of splits whose in-sample best ranks in the OOS bottom half. */
  pbo: number;
  /** The logit of the selected trial's OOS relative rank, one per split (λ in the paper). */
  logits: number[];
  splits: number;
}

/** Sharpe of a slice (mean / sample std), the CSCV performance measure used here. */
function sharpeOf(values: number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  return variance > 0 ? mean / Math.sqrt(variance) : 0;
}

/** Every way of choosing k of 0..n-1, in lexicographic order. */
function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const pick = (start: number, chosen: number[]) => {
    if (chosen.length === k) return void out.push([...chosen]);
    for (let index = start; index < n; index++) pick(index + 1, [...chosen, index]);
  };
  pick(0, []);
  return out;
}

/**
 * Combinatorially symmetric cross-validation (Bailey, Borwein, López de Prado & Zhu, "The Probability
 * of Backtest Overfitting", J. Computational Finance 20(4), 2017): the periods are cut into `blocks`
 * (even) contiguous blocks; for each choice of half of them as in-sample, the trial with the best
 * in-sample Sharpe is ranked out of sample (rank 1 = worst of N), ω = rank/(N+1), λ = ln(ω/(1-ω));
 * PBO is the share of splits with λ ≤ 0. Ties in-sample go to the lower trial index.
 */
export function probabilityOfOverfitting(returns: TrialReturns, blocks = 8, measure = sharpeOf): PboResult {
  const trials = returns.length;
  const periods = returns[0]?.length ?? 0;
  if (trials < 2 || blocks < 2 || blocks % 2 !== 0 || periods < blocks) return { pbo: Number.NaN, logits: [], splits: 0 };
  const size = Math.floor(periods / blocks);
  // Trailing periods that do not fill a block are left out, as in the paper's equal-size blocks.
  const slices = Array.from({ length: blocks }, (_, block) => [block * size, (block + 1) * size] as const);
  const logits: number[] = [];
  for (const inSample of combinations(blocks, blocks / 2)) {
    const outSample = slices.map((_, block) => block).filter((block) => !inSample.includes(block));
    const gather = (trial: number[], chosen: number[]) =>
      chosen.flatMap((block) => trial.slice(slices[block]![0], slices[block]![1]));
    const inScores = returns.map((trial) => measure(gather(trial, inSample)));
    const outScores = returns.map((trial) => measure(gather(trial, outSample)));
    let best = 0;
    for (let trial = 1; trial < trials; trial++) if (inScores[trial]! > inScores[best]!) best = trial;
    // Rank 1 is the worst OOS; ties share the average rank.
    const below = outScores.filter((score) => score < outScores[best]!).length;
    const equal = outScores.filter((score) => score === outScores[best]!).length;
    const rank = below + (equal + 1) / 2;
    const omega = rank / (trials + 1);
    logits.push(Math.log(omega / (1 - omega)));
  }
  const overfit = logits.filter((logit) => logit <= 0).length;
  return { pbo: overfit / logits.length, logits, splits: logits.length };
}
