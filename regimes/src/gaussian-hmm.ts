// A Gaussian hidden Markov model with diagonal covariances: Baum–Welch fit and the scaled forward
// filter, after L. R. Rabiner, "A tutorial on hidden Markov models and selected applications in
// speech recognition", Proc. IEEE 77(2), 1989, §III.A–C and §V.A (scaling). Written here because no
// maintained npm package fits: the only Gaussian HMM on the registry (hidden-markov-model-tf) needs
// TensorFlow.js, far too heavy for a plugin, and answers smoothed probabilities, which look ahead.

/** Parameters of a K-state HMM over D-dimensional observations. */
export interface HmmParams {
  states: number;
  dimensions: number;
  /** Initial state distribution, K. */
  initial: Float64Array;
  /** Row-major K×K: transition[i*K + j] = P(next = j | now = i). */
  transition: Float64Array;
  /** Row-major K×D emission means. */
  means: Float64Array;
  /** Row-major K×D emission variances (diagonal covariance). */
  variances: Float64Array;
}

export interface FitOptions {
  maxIterations: number;
  /** Stop when the log-likelihood improves by less than this per observation. */
  tolerance: number;
  /** Lower bound on every variance, per dimension, so a state cannot collapse onto a few points. */
  varianceFloor: Float64Array;
}

export interface FitResult {
  params: HmmParams;
  logLikelihood: number;
  iterations: number;
  /** P(state at the last observation | all observations): the forward filter's answer under `params`. */
  lastFiltered: Float64Array;
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Emission densities of every state at observation `t`, divided by their largest one (returned as
 * the log of that divisor) so that far-out observations do not underflow to all zeros.
 */
function emissions(params: HmmParams, x: Float64Array, t: number, out: Float64Array): number {
  const { states, dimensions, means, variances } = params;
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < states; k++) {
    let log = 0;
    for (let d = 0; d < dimensions; d++) {
      const variance = variances[k * dimensions + d]!;
      const deviation = x[t * dimensions + d]! - means[k * dimensions + d]!;
      log -= 0.5 * (LOG_2PI + Math.log(variance) + (deviation * deviation) / variance);
    }
    out[k] = log;
    if (log > max) max = log;
  }
  for (let k = 0; k < states; k++) out[k] = Math.exp(out[k]! - max);
  return max;
}

/**
 * One step of the forward filter: from P(state at t-1 | x_1..t-1) in `filtered` (or the initial
 * distribution when `first`) to P(state at t | x_1..t), in place. Returns log p(x_t | x_1..t-1).
 */
export function filterStep(params: HmmParams, x: Float64Array, t: number, filtered: Float64Array, first: boolean): number {
  const { states, transition, initial } = params;
  const density = new Float64Array(states);
  const shift = emissions(params, x, t, density);
  const predicted = new Float64Array(states);
  if (first) predicted.set(initial);
  else {
    for (let i = 0; i < states; i++) {
      const weight = filtered[i]!;
      if (weight === 0) continue;
      for (let j = 0; j < states; j++) predicted[j]! += weight * transition[i * states + j]!;
    }
  }
  let scale = 0;
  for (let k = 0; k < states; k++) {
    filtered[k] = predicted[k]! * density[k]!;
    scale += filtered[k]!;
  }
  for (let k = 0; k < states; k++) filtered[k] = filtered[k]! / scale;
  return Math.log(scale) + shift;
}

/** Baum–Welch (EM) from `start` on observations `x` (row-major T×D). Deterministic: no random draws. */
export function fitGaussianHmm(x: Float64Array, start: HmmParams, options: FitOptions): FitResult {
  const { states: K, dimensions: D } = start;
  const T = x.length / D;
  const params: HmmParams = {
    states: K,
    dimensions: D,
    initial: start.initial.slice(),
    transition: start.transition.slice(),
    means: start.means.slice(),
    variances: start.variances.slice(),
  };
  const alpha = new Float64Array(T * K);
  const beta = new Float64Array(T * K);
  const density = new Float64Array(T * K);
  const scale = new Float64Array(T);
  const row = new Float64Array(K);
  let previous = Number.NEGATIVE_INFINITY;
  let logLikelihood = Number.NEGATIVE_INFINITY;
  let iterations = 0;
  while (true) {
    iterations++;
    // E-step: scaled forward pass (Rabiner eq. 91-92) …
    logLikelihood = 0;
    for (let t = 0; t < T; t++) {
      logLikelihood += emissions(params, x, t, row);
      density.set(row, t * K);
      let sum = 0;
      for (let j = 0; j < K; j++) {
        let predicted = 0;
        if (t === 0) predicted = params.initial[j]!;
        else for (let i = 0; i < K; i++) predicted += alpha[(t - 1) * K + i]! * params.transition[i * K + j]!;
        const value = predicted * row[j]!;
        alpha[t * K + j] = value;
        sum += value;
      }
      scale[t] = sum;
      for (let j = 0; j < K; j++) alpha[t * K + j] = alpha[t * K + j]! / sum;
      logLikelihood += Math.log(sum);
    }
    // … and backward pass with the same scale factors.
    for (let j = 0; j < K; j++) beta[(T - 1) * K + j] = 1;
    for (let t = T - 2; t >= 0; t--) {
      for (let i = 0; i < K; i++) {
        let sum = 0;
        for (let j = 0; j < K; j++) sum += params.transition[i * K + j]! * density[(t + 1) * K + j]! * beta[(t + 1) * K + j]!;
        beta[t * K + i] = sum / scale[t + 1]!;
      }
    }
    if (logLikelihood - previous < options.tolerance * T || iterations === options.maxIterations) break;
    previous = logLikelihood;
    mStep(params, x, T, alpha, beta, density, scale, options.varianceFloor);
  }
  return { params, logLikelihood, iterations, lastFiltered: alpha.slice((T - 1) * K, T * K) };
}

/** M-step (Rabiner eq. 40 a-c, 53): re-estimates every parameter from the posteriors in place. */
function mStep(
  params: HmmParams,
  x: Float64Array,
  T: number,
  alpha: Float64Array,
  beta: Float64Array,
  density: Float64Array,
  scale: Float64Array,
  varianceFloor: Float64Array,
): void {
  const { states: K, dimensions: D } = params;
  const gamma = new Float64Array(T * K);
  for (let t = 0; t < T; t++) {
    let sum = 0;
    for (let k = 0; k < K; k++) sum += gamma[t * K + k] = alpha[t * K + k]! * beta[t * K + k]!;
    for (let k = 0; k < K; k++) gamma[t * K + k] = gamma[t * K + k]! / sum;
  }
  const transitions = new Float64Array(K * K);
  for (let t = 0; t < T - 1; t++) {
    const factor = 1 / scale[t + 1]!;
    for (let i = 0; i < K; i++) {
      const left = alpha[t * K + i]! * factor;
      for (let j = 0; j < K; j++) {
        transitions[i * K + j]! += left * params.transition[i * K + j]! * density[(t + 1) * K + j]! * beta[(t + 1) * K + j]!;
      }
    }
  }
  for (let i = 0; i < K; i++) {
    // A tiny pseudo-count keeps every transition possible, so a state unseen in one window can return.
    let rowSum = 0;
    for (let j = 0; j < K; j++) rowSum += transitions[i * K + j]! + 1e-6;
    for (let j = 0; j < K; j++) params.transition[i * K + j] = (transitions[i * K + j]! + 1e-6) / rowSum;
    params.initial[i] = gamma[i]!;
  }
  for (let k = 0; k < K; k++) {
    let weight = 0;
    const sums = new Float64Array(D);
    for (let t = 0; t < T; t++) {
      const g = gamma[t * K + k]!;
      weight += g;
      for (let d = 0; d < D; d++) sums[d]! += g * x[t * D + d]!;
    }
    if (weight < 1e-9) continue; // an empty state keeps its parameters
    for (let d = 0; d < D; d++) params.means[k * D + d] = sums[d]! / weight;
    const squares = new Float64Array(D);
    for (let t = 0; t < T; t++) {
      const g = gamma[t * K + k]!;
      for (let d = 0; d < D; d++) {
        const deviation = x[t * D + d]! - params.means[k * D + d]!;
        squares[d]! += g * deviation * deviation;
      }
    }
    for (let d = 0; d < D; d++) params.variances[k * D + d] = Math.max(squares[d]! / weight, varianceFloor[d]!);
  }
}
