import { candidatePairs, type BlockingStats } from './blocking';
import { clusterLinks, type Clusters } from './cluster';
import { COMPARISONS, COMPARISON_COUNT, compareRecords } from './comparisons';
import { estimateModel, type EmOptions, type EmResult } from './em';
import { MatchModel, type WeightedLevel } from './model';
import type { NormalizedRecord } from './normalize';
import { PatternTable } from './patterns';

/** Scores at or above `upper` link two records; from `lower` up to `upper` the pair needs a person's review. */
export interface Thresholds {
  upper: number;
  lower: number;
}

/**
 * Scores are sums of log2(m/u). Chosen on the generated sample
 * (generate-sample.ts, 100 000 records, with the guards below): linking from
 * 10 gives pairwise precision 0.9995 / recall 0.975 with EM, 0.999 / 0.991
 * with the built-in model. A pair agreeing on name and date of birth only
 * (new email, phone and address) scores about 6.5 with EM's weights (review)
 * and 11 with the built-in ones (link).
 */
export const DEFAULT_THRESHOLDS: Thresholds = { upper: 10, lower: 4 };

/**
 * A comparison level that stops a pair from being linked automatically,
 * whatever its score: it goes to review instead. Fellegi–Sunter adds
 * evidence as if comparisons were independent, and two people of one
 * household (same family name, address, often phone and email domain) pile
 * up agreements that outweigh a different given name or date of birth. Such
 * a conflict is worth a person's look, not an automatic merge.
 */
export interface Guard {
  comparison: string;
  level: string;
}

export const DEFAULT_GUARDS: readonly Guard[] = [
  { comparison: 'given_name', level: 'different' },
  { comparison: 'date_of_birth', level: 'different' },
];

export type Decision = 'link' | 'review' | 'non-link';

/** The decision for a score; `guarded` (a guard level present) caps it at review. */
export function decide(score: number, thresholds: Thresholds, guarded = false): Decision {
  if (score >= thresholds.upper) return guarded ? 'review' : 'link';
  return score >= thresholds.lower ? 'review' : 'non-link';
}

export function checkThresholds(thresholds: Thresholds): void {
  if (!Number.isFinite(thresholds.upper) || !Number.isFinite(thresholds.lower) || thresholds.lower > thresholds.upper) {
    throw new Error(
      `Expected finite thresholds with lower ≤ upper, received lower ${thresholds.lower} and upper ${thresholds.upper}`,
    );
  }
}

/** Level index per comparison that trips a guard (-2: none), checked against the comparison names. */
function guardLevels(guards: readonly Guard[]): Int8Array {
  const levels = new Int8Array(COMPARISON_COUNT).fill(-2);
  for (const guard of guards) {
    const c = COMPARISONS.findIndex((spec) => spec.name === guard.comparison);
    const l = c < 0 ? -1 : COMPARISONS[c]!.levels.indexOf(guard.level);
    if (l < 0) {
      throw new Error(
        `Unknown guard ${guard.comparison}=${guard.level}: expected a comparison and one of its levels (${COMPARISONS.map((s) => `${s.name}: ${s.levels.join('/')}`).join('; ')})`,
      );
    }
    levels[c] = l;
  }
  return levels;
}

/** The guards a comparison vector trips, as "comparison=level". */
function trippedGuards(levels: ArrayLike<number>, guard: Int8Array): string[] {
  const tripped: string[] = [];
  for (let c = 0; c < COMPARISON_COUNT; c++) {
    if (guard[c] === levels[c]) tripped.push(`${COMPARISONS[c]!.name}=${COMPARISONS[c]!.levels[guard[c]!]}`);
  }
  return tripped;
}

export interface ScoredPair {
  left: NormalizedRecord;
  right: NormalizedRecord;
  /** Sum of the weights: log2 of how much likelier the comparison is for a match than for a non-match. */
  score: number;
  /** P(match), from the score and the share of matches among candidates (model.lambda). */
  probability: number;
  decision: Decision;
  /** Guards tripped (as "comparison=level"): the pair is reviewed however high its score. */
  guards: string[];
  /** What each comparison found and weighed. */
  breakdown: WeightedLevel[];
}

/** Compares and scores one pair of records, with its explanation. */
export function scorePair(
  left: NormalizedRecord,
  right: NormalizedRecord,
  model: MatchModel = MatchModel.defaults(),
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
  guards: readonly Guard[] = DEFAULT_GUARDS,
): ScoredPair {
  return scoredFromLevels(
    left,
    right,
    compareRecords(left, right, new Int8Array(COMPARISON_COUNT)),
    model,
    thresholds,
    guards,
  );
}

/** Each guard list's levels, computed once per list (the settings hold one list for the process). */
const guardLevelsOf = new WeakMap<readonly Guard[], Int8Array>();

/**
 * A pair's score and explanation from its comparison levels (compareRecords'): what scorePair returns, for a
 * caller that compared several pairs and keeps the best (scoreCandidates compares every variant of two records
 * and explains one). `levels` is copied.
 */
export function scoredFromLevels(
  left: NormalizedRecord,
  right: NormalizedRecord,
  levels: Int8Array,
  model: MatchModel,
  thresholds: Thresholds,
  guards: readonly Guard[],
): ScoredPair {
  let guard = guardLevelsOf.get(guards);
  if (!guard) {
    guard = guardLevels(guards);
    guardLevelsOf.set(guards, guard);
  }
  const score = model.score(levels);
  const tripped = trippedGuards(levels, guard);
  return {
    left,
    right,
    score,
    probability: model.probability(score),
    decision: decide(score, thresholds, tripped.length > 0),
    guards: tripped,
    breakdown: model.explain(levels),
  };
}

/**
 * When m and u are estimated: `always`, `never` (the configured model as
 * is), or `auto`, when there are at least `minPairsForEstimate` candidate
 * pairs: on a handful of pairs EM fits noise, and the configured model is the
 * better guess.
 */
export type EstimateMode = 'auto' | 'always' | 'never';

export type Phase = 'blocking' | 'comparing' | 'estimating' | 'scoring';

export interface LinkOptions {
  /** `dedupe` compares every candidate pair; `link` only pairs of records from different sources. @default 'dedupe' */
  mode?: 'dedupe' | 'link';
  /** @default DEFAULT_THRESHOLDS */
  thresholds?: Thresholds;
  /** Levels that send a pair to review however high its score. @default DEFAULT_GUARDS */
  guards?: readonly Guard[];
  /** The configured m, u and lambda: used as is, or as the start of EM. @default MatchModel.defaults() */
  model?: MatchModel;
  /** @default 'auto' */
  estimate?: EstimateMode;
  /** @default 1000 */
  minPairsForEstimate?: number;
  em?: EmOptions;
  /** Blocks holding more records are skipped. @default 100 */
  maxBlockSize?: number;
  /** Progress of the long phases; `total` is 0 when unknown. */
  onProgress?: (phase: Phase, done: number, total: number) => void;
}

export interface LinkResult {
  records: readonly NormalizedRecord[];
  model: MatchModel;
  /** How m and u were estimated; null when the configured model was used, with the reason. */
  estimation: Omit<EmResult, 'model'> | null;
  estimationSkipped: string | null;
  thresholds: Thresholds;
  guards: readonly Guard[];
  blocking: BlockingStats[];
  pairCount: number;
  /** Distinct comparison vectors among the pairs. */
  patternCount: number;
  /** Pairs linked: scored at or above the upper threshold, no guard tripped. */
  links: number;
  /** Pairs scored at or above the upper threshold but sent to review by a guard. */
  guarded: number;
  /** Pairs to review: from the lower threshold up, not linked (below the upper one, or guarded), whose records did not end up in one cluster anyway. */
  reviews: number;
  clusters: Clusters;
  /** Per record, the best score of a pair with another record of its cluster; NaN when alone. */
  bestScore: Float64Array;
  /** Pair `i` (0 ≤ i < pairCount), scored and explained. */
  pair(i: number): ScoredPair;
  /** Indexes of the pairs to review, best score first. */
  reviewPairs(): number[];
}

/**
 * Links records: blocking, comparison of each candidate pair, m/u (EM or
 * configured), Fellegi–Sunter scores, clusters of the pairs at or above the
 * upper threshold. Pure and synchronous; `records[i].index` must be `i`.
 */
export function linkRecords(records: readonly NormalizedRecord[], options: LinkOptions = {}): LinkResult {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  checkThresholds(thresholds);
  const guards = options.guards ?? DEFAULT_GUARDS;
  const guard = guardLevels(guards);
  records.forEach((r, i) => {
    if (r.index !== i) throw new Error(`linkRecords: expected records[${i}].index to be ${i}, received ${r.index}`);
  });
  const progress = options.onProgress ?? (() => {});

  progress('blocking', 0, 0);
  const { left, right, stats } = candidatePairs(records, {
    maxBlockSize: options.maxBlockSize,
    crossSourceOnly: options.mode === 'link',
    onRule: (done, total) => progress('blocking', done, total),
  });
  const pairCount = left.length;

  const table = new PatternTable();
  const patternOf = new Int32Array(pairCount);
  const levels = new Int8Array(COMPARISON_COUNT);
  const step = 50_000;
  for (let p = 0; p < pairCount; p++) {
    compareRecords(records[left[p]!]!, records[right[p]!]!, levels);
    patternOf[p] = table.add(levels);
    if (p % step === 0) progress('comparing', p, pairCount);
  }
  progress('comparing', pairCount, pairCount);

  let model = options.model ?? MatchModel.defaults();
  let estimation: Omit<EmResult, 'model'> | null = null;
  let estimationSkipped: string | null = null;
  const mode = options.estimate ?? 'auto';
  const minPairs = options.minPairsForEstimate ?? 1000;
  if (mode === 'never') estimationSkipped = 'estimation turned off';
  else if (pairCount === 0) estimationSkipped = 'no candidate pairs';
  else if (mode === 'auto' && pairCount < minPairs) {
    estimationSkipped = `${pairCount} candidate pairs, fewer than the ${minPairs} needed to estimate`;
  } else {
    progress('estimating', 0, 0);
    const vectors = table.keys.map((_, i) => table.levels(i));
    const { model: estimated, ...report } = estimateModel({ levels: vectors, counts: table.counts }, model, options.em);
    model = estimated;
    estimation = report;
    progress('estimating', report.iterations, report.iterations);
  }

  progress('scoring', 0, pairCount);
  const patternScore = Float64Array.from(table.keys, (_, i) => model.score(table.levels(i)));
  const patternGuarded = Uint8Array.from(table.keys, (_, i) =>
    trippedGuards(table.levels(i), guard).length > 0 ? 1 : 0,
  );
  const scoreOf = (p: number) => patternScore[patternOf[p]!]!;
  const isLink = (p: number) => scoreOf(p) >= thresholds.upper && patternGuarded[patternOf[p]!] === 0;
  const clusters = clusterLinks(records.length, left, right, isLink);
  const bestScore = new Float64Array(records.length).fill(NaN);
  let links = 0;
  let guarded = 0;
  let reviews = 0;
  const toReview = (p: number) =>
    !isLink(p) && scoreOf(p) >= thresholds.lower && clusters.clusterOf[left[p]!] !== clusters.clusterOf[right[p]!];
  for (let p = 0; p < pairCount; p++) {
    const score = scoreOf(p);
    const [a, b] = [left[p]!, right[p]!];
    const together = clusters.clusterOf[a] === clusters.clusterOf[b];
    if (isLink(p)) links++;
    else if (score >= thresholds.upper) guarded++;
    if (toReview(p)) reviews++;
    if (together) {
      if (!(bestScore[a]! >= score)) bestScore[a] = score;
      if (!(bestScore[b]! >= score)) bestScore[b] = score;
    }
  }
  progress('scoring', pairCount, pairCount);

  const pair = (i: number): ScoredPair => {
    if (!(i >= 0 && i < pairCount)) throw new RangeError(`pair: expected 0 ≤ i < ${pairCount}, received ${i}`);
    const vector = table.levels(patternOf[i]!);
    const score = patternScore[patternOf[i]!]!;
    const tripped = trippedGuards(vector, guard);
    return {
      left: records[left[i]!]!,
      right: records[right[i]!]!,
      score,
      probability: model.probability(score),
      decision: decide(score, thresholds, tripped.length > 0),
      guards: tripped,
      breakdown: model.explain(vector),
    };
  };
  const reviewPairs = () => {
    const found: number[] = [];
    for (let p = 0; p < pairCount; p++) if (toReview(p)) found.push(p);
    return found.sort((x, y) => scoreOf(y) - scoreOf(x) || x - y);
  };

  return {
    records,
    model,
    estimation,
    estimationSkipped,
    thresholds,
    guards,
    blocking: stats,
    pairCount,
    patternCount: table.size,
    links,
    guarded,
    reviews,
    clusters,
    bestScore,
    pair,
    reviewPairs,
  };
}
