import { COMPARISON_COUNT, MISSING } from './comparisons';
import { MatchModel, type ComparisonParameters } from './model';

export interface EmOptions {
  /** @default 500 */
  maxIterations?: number;
  /** Converged when no m, u or lambda moves by more than this in one iteration. @default 1e-6 */
  tolerance?: number;
  /**
   * Smallest probability a level may get. A level never seen among matches
   * (or non-matches) would otherwise get m (or u) = 0 and an infinite weight.
   * @default 1e-4
   */
  floor?: number;
}

export interface EmResult {
  model: MatchModel;
  iterations: number;
  converged: boolean;
  /** Log-likelihood after each iteration: never decreases (up to the clamping). */
  logLikelihood: number[];
  /** Whether the two classes came out swapped (the "match" class agreeing less than the other) and were put back. */
  relabelled: boolean;
}

/**
 * Estimates m, u and lambda from unlabelled comparison vectors with
 * expectation-maximisation over the two-class mixture of Fellegi–Sunter
 * (matches, non-matches), comparisons assumed independent within a class.
 * A missing comparison contributes nothing to a vector's likelihood.
 *
 * Starts from `initial` (the configured or default model: m from what
 * matches usually look like, u likewise), which also decides which class is
 * the match class. Runs on distinct vectors with their counts, so its cost
 * does not depend on the number of pairs.
 */
export function estimateModel(
  patterns: { levels: readonly Int8Array[]; counts: readonly number[] },
  initial: MatchModel,
  options: EmOptions = {},
): EmResult {
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-6;
  const floor = options.floor ?? 1e-4;
  const { levels, counts } = patterns;
  const total = counts.reduce((s, c) => s + c, 0);
  if (total === 0) throw new Error('estimateModel: expected at least one candidate pair, received none');

  let m: Float64Array[] = initial.comparisons.map((c) => Float64Array.from(c.m));
  let u: Float64Array[] = initial.comparisons.map((c) => Float64Array.from(c.u));
  let lambda = initial.lambda;
  const logLikelihood: number[] = [];
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations && !converged) {
    iterations++;
    const logM = m.map((p) => p.map(Math.log));
    const logU = u.map((p) => p.map(Math.log));
    const mCounts = m.map((p) => new Float64Array(p.length));
    const uCounts = u.map((p) => new Float64Array(p.length));
    const [logLambda, logNotLambda] = [Math.log(lambda), Math.log(1 - lambda)];
    let matches = 0;
    let ll = 0;

    // E step: P(match | vector), then the expected counts of each level in each class.
    for (let p = 0; p < levels.length; p++) {
      const vector = levels[p]!;
      let a = logLambda;
      let b = logNotLambda;
      for (let c = 0; c < COMPARISON_COUNT; c++) {
        const l = vector[c]!;
        if (l === MISSING) continue;
        a += logM[c]![l]!;
        b += logU[c]![l]!;
      }
      const g = 1 / (1 + Math.exp(b - a));
      const n = counts[p]!;
      ll += n * (Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b))));
      matches += n * g;
      for (let c = 0; c < COMPARISON_COUNT; c++) {
        const l = vector[c]!;
        if (l === MISSING) continue;
        mCounts[c]![l]! += n * g;
        uCounts[c]![l]! += n * (1 - g);
      }
    }
    logLikelihood.push(ll);

    // M step: the shares of each level in each class, clamped away from 0 and 1.
    const next = (current: Float64Array[], expected: Float64Array[]) =>
      expected.map((e, c) => {
        const sum = e.reduce((s, v) => s + v, 0);
        return sum > 0
          ? clamp(
              e.map((v) => v / sum),
              floor,
            )
          : current[c]!;
      });
    const [nextM, nextU] = [next(m, mCounts), next(u, uCounts)];
    const nextLambda = Math.min(1 - floor, Math.max(floor, matches / total));
    const delta = Math.max(maxDelta(m, nextM), maxDelta(u, nextU), Math.abs(lambda - nextLambda));
    [m, u, lambda] = [nextM, nextU, nextLambda];
    converged = delta < tolerance;
  }

  // Both labellings fit the data equally: keep the one where the match class
  // is the one that agrees more (more exact levels), as the start intended.
  let agreement = 0;
  for (let c = 0; c < m.length; c++) agreement += m[c]![0]! - u[c]![0]!;
  const relabelled = agreement < 0;
  if (relabelled) [m, u, lambda] = [u, m, 1 - lambda];

  const comparisons = initial.comparisons.map((c, i): ComparisonParameters => ({
    name: c.name,
    levels: c.levels,
    m: [...m[i]!],
    u: [...u[i]!],
  }));
  return { model: new MatchModel(comparisons, lambda), iterations, converged, logLikelihood, relabelled };
}

/** Every probability at least `floor`, still summing to 1. */
function clamp(p: Float64Array, floor: number): Float64Array {
  const out = p.map((v) => Math.max(v, floor));
  const sum = out.reduce((s, v) => s + v, 0);
  return out.map((v) => v / sum);
}

function maxDelta(a: Float64Array[], b: Float64Array[]): number {
  let delta = 0;
  for (let c = 0; c < a.length; c++) {
    for (let l = 0; l < a[c]!.length; l++) delta = Math.max(delta, Math.abs(a[c]![l]! - b[c]![l]!));
  }
  return delta;
}
