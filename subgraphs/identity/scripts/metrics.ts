/**
 * Scores of a clustering against the ground truth, and percentiles of timings,
 * for the identity evaluation and benchmark scripts. Pure: no I/O.
 */

export interface PairwiseMetrics {
  /** Distinct records, in the truth or in the predictions. */
  records: number;
  /** Clusters of the truth (people), records unknown to the truth counted as one person each. */
  trueClusters: number;
  /** Predicted clusters (customers), records missing from the predictions counted as one customer each. */
  predictedClusters: number;
  /** Records of the truth that no predicted cluster holds (scored as singletons). */
  missingFromPredictions: number;
  /** Records of the predictions that the truth does not know (scored as people of their own). */
  unknownToTruth: number;
  /** Record pairs in one predicted cluster. */
  predictedPairs: number;
  /** Record pairs of one person. */
  truePairs: number;
  /** Record pairs in one predicted cluster that are also of one person. */
  truePositivePairs: number;
  /** truePositivePairs / predictedPairs; 1 when nothing is predicted together (no claim, no wrong claim). */
  precision: number;
  /** truePositivePairs / truePairs; 1 when the truth has no pair. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
  /** People whose records form exactly one predicted cluster, with nothing else in it. */
  fullyResolved: number;
  /** People whose records are spread over more than one predicted cluster. */
  split: number;
  /** Indexes in `predicted` of the clusters that hold records of more than one person. */
  overMerged: number[];
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/** Record → index of its cluster; a record listed twice makes pairwise scores meaningless, so it throws. */
function clusterIndex(clusters: string[][], what: string): Map<string, number> {
  const index = new Map<string, number>();
  clusters.forEach((cluster, i) => {
    for (const record of cluster) {
      const seen = index.get(record);
      if (seen !== undefined) {
        throw new Error(
          `pairwiseMetrics: expected each record in at most one ${what} cluster, received "${record}" in clusters ${seen} and ${i}`,
        );
      }
      index.set(record, i);
    }
  });
  return index;
}

/**
 * Pairwise precision, recall and F1 of `predicted` against `truth`, both
 * lists of clusters of record keys. Counting pairs rather than clusters
 * weighs a mistake by how many record pairs it gets wrong, so that one
 * over-merge of two large clusters costs more than a stray singleton.
 */
export function pairwiseMetrics(predicted: string[][], truth: string[][]): PairwiseMetrics {
  const predictedOf = clusterIndex(predicted, 'predicted');
  const truthOf = clusterIndex(truth, 'truth');

  // Records absent from one side get a cluster of their own there, numbered after the given ones.
  let nextPredicted = predicted.length;
  let nextTruth = truth.length;
  let missingFromPredictions = 0;
  let unknownToTruth = 0;
  const cells = new Map<string, number>();
  const predictedSizes = new Map<number, number>();
  const truthSizes = new Map<number, number>();
  const truthSpread = new Map<number, Set<number>>();
  const peopleIn = new Map<number, Set<number>>();
  const records = new Set([...predictedOf.keys(), ...truthOf.keys()]);
  for (const record of records) {
    let p = predictedOf.get(record);
    if (p === undefined) {
      p = nextPredicted++;
      missingFromPredictions += 1;
    }
    let t = truthOf.get(record);
    if (t === undefined) {
      t = nextTruth++;
      unknownToTruth += 1;
    }
    const cell = `${p}:${t}`;
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
    predictedSizes.set(p, (predictedSizes.get(p) ?? 0) + 1);
    truthSizes.set(t, (truthSizes.get(t) ?? 0) + 1);
    truthSpread.set(t, (truthSpread.get(t) ?? new Set()).add(p));
    peopleIn.set(p, (peopleIn.get(p) ?? new Set()).add(t));
  }

  let truePositivePairs = 0;
  for (const n of cells.values()) truePositivePairs += pairs(n);
  let predictedPairs = 0;
  for (const n of predictedSizes.values()) predictedPairs += pairs(n);
  let truePairs = 0;
  for (const n of truthSizes.values()) truePairs += pairs(n);

  const precision = predictedPairs === 0 ? 1 : truePositivePairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositivePairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

  let fullyResolved = 0;
  let split = 0;
  for (const [t, spread] of truthSpread) {
    if (spread.size > 1) split += 1;
    else if (predictedSizes.get([...spread][0]!) === truthSizes.get(t)) fullyResolved += 1;
  }
  const overMerged = [...peopleIn.entries()]
    .filter(([p, people]) => p < predicted.length && people.size > 1)
    .map(([p]) => p)
    .sort((a, b) => a - b);

  return {
    records: records.size,
    trueClusters: truthSizes.size,
    predictedClusters: predictedSizes.size,
    missingFromPredictions,
    unknownToTruth,
    predictedPairs,
    truePairs,
    truePositivePairs,
    precision,
    recall,
    f1,
    fullyResolved,
    split,
    overMerged,
  };
}

/**
 * The `p`-quantile (0 < p ≤ 1) of ascending `sorted` values by the
 * nearest-rank method: always a value that was measured, never an interpolation.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile: expected at least one value, received none');
  if (!(p > 0 && p <= 1)) throw new Error(`percentile: expected 0 < p <= 1, received ${p}`);
  return sorted[Math.ceil(p * sorted.length) - 1]!;
}

/** One band of match probability: how many scored pairs fell in it, how many were one person, and what the model said. */
export interface CalibrationBand {
  /** Lower bound of the band (inclusive); the upper one is the next band's lower bound, or 1. */
  from: number;
  pairs: number;
  /** Of them, pairs of one person (by the truth). */
  truePairs: number;
  /** Mean match probability the model gave the band's pairs: what it expected `truePairs / pairs` to be. */
  predicted: number;
  /** truePairs / pairs: what it was (null for an empty band). */
  found: number | null;
}

/** Lower bounds of the calibration bands: fine near 1, where the links are decided. */
export const CALIBRATION_BANDS = [0.01, 0.1, 0.5, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999] as const;

/**
 * Calibration of a model's match probabilities against the truth: scored pairs (`a`, `b`, probability) binned by
 * probability, and per band the mean probability the model gave against the share of pairs that were one person.
 * A calibrated model finds what it predicts; found above predicted is underconfidence, below is overconfidence.
 */
export function calibration(
  scored: Iterable<readonly [string, string, number]>,
  personOf: (record: string) => string | undefined,
  bands: readonly number[] = CALIBRATION_BANDS,
): CalibrationBand[] {
  const out = bands.map((from) => ({ from, pairs: 0, truePairs: 0, sum: 0 }));
  for (const [a, b, probability] of scored) {
    let band = -1;
    for (let i = bands.length - 1; i >= 0; i--) {
      if (probability >= bands[i]!) {
        band = i;
        break;
      }
    }
    if (band < 0) continue;
    const into = out[band]!;
    into.pairs++;
    into.sum += probability;
    const person = personOf(a);
    if (person !== undefined && person === personOf(b)) into.truePairs++;
  }
  return out.map(({ from, pairs, truePairs, sum }) => ({
    from,
    pairs,
    truePairs,
    predicted: pairs > 0 ? sum / pairs : 0,
    found: pairs > 0 ? truePairs / pairs : null,
  }));
}
