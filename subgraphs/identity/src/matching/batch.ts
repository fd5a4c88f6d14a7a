import { seededRandom } from '@c360/kit/random';
import { comparatorFrom, FUZZY_NAME_LEVELS, internRecords, prepareComparator } from './comparator';
import { MISSING } from './comparisons';
import { comparePairs } from './compare-pairs';
import { EMPTY, NORMALISED, TYPE_LEVELS, TYPE_TF, nameCode, namesClose, type FieldSpec } from './fields';

/**
 * The batch matcher: Fellegi–Sunter over any set of typed fields, fitted
 * without labels the way Splink does it.
 *
 * 1. u (P(level | non-match)) from random record pairs: among random pairs
 *    almost none match, so their levels are the non-match distribution.
 * 2. Candidates: the union of several blocking rules (a pair is compared when
 *    it shares the key of any rule, so one typo in one field cannot hide it);
 *    a block larger than `maxBlockSize` is skipped with a warning (the other
 *    rules still see its pairs).
 * 3. m (P(level | match)) by EM with u fixed, run separately over the pairs of
 *    each blocking rule with the fields of that rule left out (they agree by
 *    construction there; for a rule on a place field, all the place fields,
 *    which agree along with it), and averaged over the rules that could
 *    estimate it.
 * 4. Score = Σ log2(m/u), missing = 0, with a term-frequency adjustment on
 *    exact agreement: agreeing on a rare value counts more than on a common one.
 * 5. P(match) with the prior share of matches among all record pairs (a fixed
 *    point over the candidates), and the threshold as the lowest score whose
 *    links, taken together, have the expected precision asked (0.999).
 * 6. Clusters from the links, strongest first, refusing a merge that would put
 *    together two records the model says are different people, or whose pairs
 *    across the two clusters disagree on given name and date of birth at least
 *    as often as the model accepts them (no chaining through one weak link).
 */

export interface BatchData {
  fields: readonly FieldSpec[];
  /** Record count. */
  n: number;
  /** Per field, per record: the normalised key ('' when missing). */
  keys: string[][];
  /** Per field, per record: EMPTY, NORMALISED or UNPARSEABLE. */
  states: Uint8Array[];
  /** Per record: which input it came from. */
  source: Uint8Array;
}

export type BatchPhase = 'sampling' | 'blocking' | 'comparing' | 'estimating' | 'scoring' | 'clustering';

export interface BatchOptions {
  /** `link` compares only records of different inputs. @default 'dedupe' */
  mode?: 'dedupe' | 'link';
  /** Blocks holding more records are skipped (and reported). @default 20000 */
  maxBlockSize?: number;
  /**
   * Blocks holding more records are compared by sorted neighbourhood (each record with its `window`
   * neighbours in two orders of the other fields) rather than all pairs. @default 12
   */
  windowAbove?: number;
  /** Neighbours each record meets in each order inside a big block. @default 4 */
  window?: number;
  /** Expected precision of the automatic links, from which the threshold is chosen. @default 0.999 */
  precision?: number;
  /** A match probability that overrides the fitted threshold. */
  threshold?: number;
  /** Random pairs compared to estimate u. @default 200_000 */
  randomPairs?: number;
  /** EM rounds per blocking rule. @default 25 */
  emRounds?: number;
  /**
   * Threads comparing the candidate pairs (the main one included): the same result on any number.
   * @default 1
   */
  threads?: number;
  seed?: number;
  onProgress?: (phase: BatchPhase, done: number, total: number) => void;
  onWarning?: (message: string) => void;
}

export interface BlockingRuleStats {
  rule: string;
  blocks: number;
  oversized: number;
  /** Blocks compared by sorted neighbourhood (over `windowAbove` records). */
  windowed: number;
  largest: number;
  pairs: number;
}

export interface FieldParameters {
  field: string;
  type: string;
  levels: readonly string[];
  m: number[];
  u: number[];
  /** Rules whose EM gave m. */
  estimatedBy: string[];
}

export interface BatchResult {
  fields: readonly FieldSpec[];
  parameters: FieldParameters[];
  rules: BlockingRuleStats[];
  pairCount: number;
  /** Prior probability that two records drawn at random match. */
  prior: number;
  /** Link threshold, as a match weight (log2 Bayes factor plus prior odds). */
  thresholdWeight: number;
  thresholdProbability: number;
  links: number;
  /** Chunks of candidate pairs each comparing thread compared (the main thread first). */
  comparedChunks: number[];
  /** Links refused because they would join records the model says differ. */
  refused: number;
  clusterOf: Int32Array;
  clusterCount: number;
  /** Pair i: records, levels per field (-1 missing), score, probability. */
  left: Int32Array;
  right: Int32Array;
  matchWeight: Float32Array;
  levelsOf(pair: number): Int8Array;
  /** Weight each field adds to pair i (term frequency included), 0 when missing. */
  contributions(pair: number): number[];
  probability(pair: number): number;
}

export interface Rule {
  name: string;
  /** Fields whose agreement the rule enforces, left out of its EM. */
  fields: number[];
  /** The record's key, or several (a record in more than one block of the rule), or null. */
  key(i: number): string | readonly string[] | null;
  /**
   * The parts the key is made of, when it is one key made of parts (none of them blank): the record's
   * block is then found from the parts' values interned once (parts are shared between rules), with no
   * key string built. The same blocks as `key`.
   */
  parts?: ((i: number) => string)[];
}

/** Types of the fields that describe a place, combined with diminishing weight (see scoreOf). */
const GROUPED_TYPES = new Set(['address', 'postcode', 'text', 'number', 'country']);
const log2 = Math.log2;

export function buildRules(data: BatchData): Rule[] {
  const { fields, keys } = data;
  const find = (pred: (f: FieldSpec) => boolean) => fields.findIndex(pred);
  const given = find((f) => f.role === 'given');
  const family = find((f) => f.role === 'family');
  const full = find((f) => f.role === 'full');
  const date = find((f) => f.type === 'date');
  const postcode = find((f) => f.type === 'postcode');
  const address = find((f) => f.type === 'address');
  const city = find((f) => f.type === 'text');
  const rules: Rule[] = [];

  // Name codes per record: given and family from their columns, else the first and last words of a full name.
  const codes = (field: number) => keys[field]!.map((k) => nameCode(k));
  let givenCode: string[] | null = given >= 0 ? codes(given) : null;
  let familyCode: string[] | null = family >= 0 ? codes(family) : null;
  if (full >= 0) {
    const words = keys[full]!.map((k) => k.split(' '));
    const g = words.map((w) => (w.length > 1 ? nameCode(w[0]!) : ''));
    const f = words.map((w) => nameCode(w[w.length - 1]!));
    givenCode = givenCode ? givenCode.map((c, i) => c || g[i]!) : g;
    familyCode = familyCode ? familyCode.map((c, i) => c || f[i]!) : f;
  }
  const nameFields = (...which: number[]) => which.filter((f) => f >= 0);
  const gf = nameFields(given, full);
  const ff = nameFields(family, full);
  const k = (field: number, i: number) => keys[field]![i]!;

  // Parts that stand one typo elsewhere: sound codes, initials, date parts (a wrong year, a wrong day).
  const none: string[] = [];
  const G = givenCode ?? none;
  const Fm = familyCode ?? none;
  // Key parts computed once per record (a rule's key is read for every record, and several rules share parts).
  const lastWord = (s: string) => s.slice(s.lastIndexOf(' ') + 1);
  const perRecord = (f: (i: number) => string): ((i: number) => string) => {
    const values = Array.from({ length: data.n }, (_, i) => f(i));
    return (i) => values[i]!;
  };
  const gInitial = perRecord((i) => (gf.length > 0 ? (k(gf[0]!, i)[0] ?? '') : ''));
  const fInitial = perRecord((i) => (ff.length > 0 ? (lastWord(k(ff[0]!, i))[0] ?? '') : ''));
  const fPrefix = perRecord((i) => (ff.length > 0 ? lastWord(k(ff[0]!, i)).slice(0, 2) : ''));
  const gPrefix = perRecord((i) => (gf.length > 0 ? k(gf[0]!, i).slice(0, 2) : ''));
  const dateOf = (i: number) => (date >= 0 ? k(date, i) : '');
  // Month and day in either order: a date whose day and month were swapped keeps its key.
  const monthDay = perRecord((i) => {
    if (date < 0 || k(date, i).length !== 8) return '';
    const [m, d] = [k(date, i).slice(4, 6), k(date, i).slice(6)];
    return m < d ? m + d : d + m;
  });
  const year = perRecord((i) => (date >= 0 && k(date, i).length === 8 ? k(date, i).slice(0, 4) : ''));
  const post = (i: number) => (postcode >= 0 ? k(postcode, i) : '');
  const street = (i: number) => (address >= 0 ? k(address, i) : '');
  const add = (name: string, used: number[], parts: ((i: number) => string)[]) => {
    if (used.some((f) => f < 0)) return;
    rules.push({
      name,
      fields: [...new Set(used)],
      key: (i) => {
        let key = '';
        for (const part of parts) {
          const v = part(i);
          if (v === '') return null;
          key += `${v}|`;
        }
        return key;
      },
      parts,
    });
  };
  const hasNames = givenCode !== null && familyCode !== null;
  if (hasNames) {
    rules.push({
      name: 'given+family sound (either order)',
      fields: [...new Set([...gf, ...ff])],
      key: (i) => (G[i] && Fm[i] ? (G[i]! < Fm[i]! ? `${G[i]}|${Fm[i]}` : `${Fm[i]}|${G[i]}`) : null),
    });
    add('given+family first letters+birth year', [...gf, ...ff, date], [gPrefix, fPrefix, year]);
  }
  if (familyCode) {
    add('family sound+date', [...ff, date], [(i) => Fm[i]!, dateOf]);
    add('family sound+month/day', [...ff, date], [(i) => Fm[i]!, monthDay]);
    add('family sound+postcode', [...ff, postcode], [(i) => Fm[i]!, post]);
    add('family initial+date', [...ff, date], [fInitial, dateOf]);
  }
  if (givenCode) {
    add('given sound+date', [...gf, date], [(i) => G[i]!, dateOf]);
    add('given sound+month/day', [...gf, date], [(i) => G[i]!, monthDay]);
    add('given sound+street', [...gf, address], [(i) => G[i]!, street]);
    add('given initial+date', [...gf, date], [gInitial, dateOf]);
  }
  add('date+postcode', [date, postcode], [dateOf, post]);
  add('date+street', [date, address], [dateOf, street]);
  add('postcode+street', [postcode, address], [post, street]);
  const cityOf = (i: number) => (city >= 0 ? k(city, i) : '');
  // The postcode alone, and the town alone: a record whose every other field is mistyped or blank on one side
  // still meets its twin among the records of its postcode or town (all pairs in a small one, as in a file of a
  // few thousand rows; by sorted neighbourhood in a large one: neighbours in the order of the given name, then of
  // the postcode and street).
  add('postcode alone', [postcode], [post]);
  add('city alone', [city], [cityOf]);
  // A place with a part of either name (its sound, its first letter): each of the record's names keys its own
  // block, so a name moved to the other column, or the other one blank or mistyped, still meets its twin.
  const eitherName = (place: number, name: string, part: (i: number) => [string, string], names: number[]) => {
    if (place < 0) return;
    rules.push({
      name,
      fields: [...new Set([...names, place])],
      key: (i) => {
        const p = k(place, i);
        if (p === '') return null;
        const [g, f] = part(i);
        if (g && f) return g === f ? `${g}|${p}` : [`${g}|${p}`, `${f}|${p}`];
        return g || f ? `${g || f}|${p}` : null;
      },
    });
  };
  const sounds = (i: number): [string, string] => [G[i]!, Fm[i]!];
  const initials = (i: number): [string, string] => [gInitial(i), fInitial(i)];
  if (hasNames) {
    eitherName(address, 'street+either initial', initials, []);
    add('postcode+initials', [postcode], [post, gInitial, fInitial]);
    add('city+initials+birth year', [city], [cityOf, gInitial, fInitial, year]);
    add('city+family sound', [city, ...ff], [cityOf, (i) => Fm[i]!]);
    add('city+given sound+birth year', [city, ...gf], [cityOf, (i) => G[i]!, year]);
    add('city+family first letters', [city], [cityOf, fPrefix]);
  }
  if (hasNames) {
    // A name in either column (swapped columns, or one of the two missing: the other name column is then
    // all the file says) with a place.
    eitherName(city, 'either name sound+city', sounds, [...gf, ...ff]);
    eitherName(postcode, 'either name sound+postcode', sounds, [...gf, ...ff]);
  }
  const numbers = fields.map((f, i) => (f.type === 'number' ? i : -1)).filter((i) => i >= 0);
  if (numbers.length > 0 && postcode >= 0) {
    add('postcode+number', [postcode, numbers[0]!], [post, (i) => k(numbers[0]!, i)]);
  }
  if (hasNames && city >= 0 && date < 0) {
    add('given+family sound+city', [...gf, ...ff, city], [(i) => G[i]!, (i) => Fm[i]!, (i) => k(city, i)]);
  }
  fields.forEach((spec, f) => {
    if (spec.type === 'identifier' || spec.type === 'email') {
      rules.push({ name: `${spec.name} exact`, fields: [f], key: (i) => k(f, i) || null });
    } else if (spec.type === 'phone') {
      rules.push({
        name: `${spec.name} last 7 digits`,
        fields: [f],
        key: (i) => (k(f, i).length >= 7 ? k(f, i).slice(-7) : null),
      });
    }
  });
  if (rules.length === 0) {
    // Fields of custom types only: block on each field's exact value.
    fields.forEach((spec, f) => {
      if (spec.type !== 'country') rules.push({ name: `${spec.name} exact`, fields: [f], key: (i) => k(f, i) || null });
    });
  }
  return rules;
}

/** Share of the term-frequency adjustment applied on a fuzzy family-name level (Splink's tf_adjustment_weight). */
const FUZZY_TF_WEIGHT = 0.5;

/** Initial m: most matches agree exactly, the rest spread over the lesser levels. */
function initialM(levels: number): number[] {
  const m = Array.from({ length: levels }, (_, l) => (l === 0 ? 0.7 : l === levels - 1 ? 0.05 : 0.25 / (levels - 2)));
  return normalise(m, 1e-6);
}

function normalise(p: number[], floor: number): number[] {
  const out = p.map((v) => Math.max(v, floor));
  const sum = out.reduce((s, v) => s + v, 0);
  return out.map((v) => v / sum);
}

/** Pairs whose weight is at least `min`, strongest first. */
function pairsAtLeast(weight: Float32Array, min: number): Int32Array {
  let count = 0;
  for (let p = 0; p < weight.length; p++) if (weight[p]! >= min) count++;
  const out = new Int32Array(count);
  for (let p = 0, i = 0; p < weight.length; p++) if (weight[p]! >= min) out[i++] = p;
  return out.sort((x, y) => weight[y]! - weight[x]! || x - y);
}

/**
 * The prior share of matches among all record pairs: a fixed point of the expected matches among the
 * candidates. It reads a histogram of the scores (1/64 bit wide bins), not every pair at every round.
 */
function fitPrior(bayes: Float32Array, totalPairs: number, n: number): number {
  let prior = Math.min(0.5, Math.max(1 / Math.max(totalPairs, 1), n / 2 / Math.max(totalPairs, 1)));
  const BIN = 64;
  let low = Infinity;
  let high = -Infinity;
  for (let p = 0; p < bayes.length; p++) {
    low = Math.min(low, bayes[p]!);
    high = Math.max(high, bayes[p]!);
  }
  const binOf = (w: number) => Math.round((w - low) * BIN);
  const histogram = new Float64Array(bayes.length > 0 ? binOf(high) + 1 : 0);
  for (let p = 0; p < bayes.length; p++) histogram[binOf(bayes[p]!)]!++;
  for (let round = 0; round < 30; round++) {
    const priorOdds = log2(prior / (1 - prior));
    let expected = 0;
    for (let bin = 0; bin < histogram.length; bin++) {
      const c = histogram[bin]!;
      if (c > 0) expected += c / (1 + 2 ** -(low + bin / BIN + priorOdds));
    }
    const next = Math.min(0.5, Math.max(1e-12, expected / Math.max(totalPairs, 1)));
    if (Math.abs(next - prior) / prior < 1e-4) return next;
    prior = next;
  }
  return prior;
}

/** Place fields whose joint agreement is measured (2^k subsets of them). */
const MAX_PLACE_FIELDS = 4;

export interface PlaceDependence {
  /** Per field: its bit among the place fields measured, 0 for any other field. */
  bit: number[];
  /** Number of subsets of the place fields (0 when fewer than two). */
  subsets: number;
  /**
   * Per subset (a bit mask), log2 of how many times more often two strangers agree exactly on all of
   * its fields than they would if the fields were independent (0 when not more, or not measurable),
   * given the expected number of matching pairs in the file and each field's m of exact agreement.
   */
  measure(matchingPairs: number, mExact: number[]): Float64Array;
  /**
   * Per pair of place fields (f, g) and level l of g other than exact, log2 of how many times more often
   * two strangers agreeing exactly on f compare at level l on g than two strangers drawn at random (`u`
   * of g): a town one letter apart beside the same postcode is a typo of the one town, no further fact.
   * Read from random pairs of records sharing f's value, less the matches expected among them; 0 when
   * not more often, or not measurable. Indexed by `nearIndex(f, g, l)`; empty without a comparator.
   */
  measureNear(matchingPairs: number, m: number[][], u: number[][]): Float64Array;
  nearIndex(f: number, g: number, l: number): number;
}

/** Random pairs drawn among the records sharing each place field's value, for `measureNear`. */
const NEAR_SAMPLES = 20_000;

/**
 * How much the place fields (street, postcode, town…) of this file depend on each other among
 * strangers: the record pairs agreeing exactly on each field and on each set of them, counted from
 * the values of the whole file (pairs across the inputs when linking), less the matching pairs
 * expected among them. A town and its postcode agree together almost as often as the postcode
 * alone; a street name and a postcode drawn independently agree together as often as the product of
 * their rates. A set whose agreeing pairs are mostly expected matches cannot be measured (0); it then
 * takes the largest dependence of the sets within it.
 */
export function placeDependence(
  data: BatchData,
  mode: 'dedupe' | 'link',
  grouped: boolean[],
  tfCount: (Int32Array | null)[],
  near?: { compare: (a: number, b: number, out: Int8Array) => Int8Array; levelCount: number[]; rng: () => number },
): PlaceDependence {
  const { n, keys } = data;
  const placeFields = grouped
    .map((g, f) => (g && tfCount[f] ? f : -1))
    .filter((f) => f >= 0)
    .slice(0, MAX_PLACE_FIELDS);
  const bit = grouped.map(() => 0);
  const k = placeFields.length;
  const F = grouped.length;
  const L = near ? Math.max(...near.levelCount) : 0;
  const nearIndex = (f: number, g: number, l: number) => (f * F + g) * L + l;
  if (k < 2) {
    return { bit, subsets: 0, measure: () => new Float64Array(0), measureNear: () => new Float64Array(0), nearIndex };
  }
  placeFields.forEach((f, j) => (bit[f] = 1 << j));
  let firstSource = 255;
  for (let i = 0; i < n; i++) firstSource = Math.min(firstSource, data.source[i]!);
  const inA = (i: number) => mode === 'dedupe' || data.source[i] === firstSource;
  // Per subset: pairs of records holding all its fields, and pairs agreeing exactly on all of them.
  const present = new Float64Array(1 << k);
  const agree = new Float64Array(1 << k);
  const joint: Int32Array[] = [];
  const distinct: number[] = [];
  for (let mask = 1; mask < 1 << k; mask++) {
    const high = 31 - Math.clz32(mask);
    const rest = mask ^ (1 << high);
    const field = placeFields[high]!;
    const ids = new Int32Array(n);
    const index = new Map<number | string, number>();
    const idOf = (key: number | string) => {
      let id = index.get(key);
      if (id === undefined) index.set(key, (id = index.size));
      return id;
    };
    for (let i = 0; i < n; i++) {
      if (rest === 0) {
        const key = keys[field]![i]!;
        ids[i] = key === '' ? -1 : idOf(key);
      } else {
        // The joint value of the subset: the rest's and the highest field's, both present.
        const a = joint[rest]![i]!;
        const b = joint[1 << high]![i]!;
        ids[i] = a < 0 || b < 0 ? -1 : idOf(a * distinct[1 << high]! + b);
      }
    }
    joint[mask] = ids;
    distinct[mask] = index.size;
    const countA = new Float64Array(index.size);
    const countB = new Float64Array(index.size);
    let holdersA = 0;
    let holdersB = 0;
    for (let i = 0; i < n; i++) {
      if (ids[i]! < 0) continue;
      if (inA(i)) {
        countA[ids[i]!]!++;
        holdersA++;
      } else {
        countB[ids[i]!]!++;
        holdersB++;
      }
    }
    let agreeing = 0;
    for (let v = 0; v < index.size; v++) {
      agreeing += mode === 'dedupe' ? (countA[v]! * (countA[v]! - 1)) / 2 : countA[v]! * countB[v]!;
    }
    present[mask] = mode === 'dedupe' ? (holdersA * (holdersA - 1)) / 2 : holdersA * holdersB;
    agree[mask] = agreeing;
  }
  // Pairs drawn at random among those agreeing exactly on each place field (a value's block drawn in
  // proportion to its pairs), with the level of every other place field: counts per (f, g, level).
  const nearCounts = new Float64Array(near ? F * F * L : 0);
  const nearSeen = new Float64Array(near ? F * F : 0);
  if (near) {
    const out = new Int8Array(F);
    for (const f of placeFields) {
      const ids = joint[bit[f]!]!;
      const values = distinct[bit[f]!]!;
      // Records of each value, side A first (all of them when deduplicating), then side B.
      const countA = new Int32Array(values);
      const countB = new Int32Array(values);
      for (let i = 0; i < n; i++) if (ids[i]! >= 0) (inA(i) ? countA : countB)[ids[i]!]!++;
      const start = new Int32Array(values + 1);
      for (let v = 0; v < values; v++) start[v + 1] = start[v]! + countA[v]! + countB[v]!;
      const fill = start.slice(0, values);
      const members = new Int32Array(start[values]!);
      for (let i = 0; i < n; i++) if (ids[i]! >= 0 && inA(i)) members[fill[ids[i]!]!++] = i;
      for (let i = 0; i < n; i++) if (ids[i]! >= 0 && !inA(i)) members[fill[ids[i]!]!++] = i;
      const cumulative = new Float64Array(values + 1);
      for (let v = 0; v < values; v++) {
        const [a, b] = [countA[v]!, countB[v]!];
        cumulative[v + 1] = cumulative[v]! + (mode === 'dedupe' ? (a * (a - 1)) / 2 : a * b);
      }
      const weight = cumulative[values]!;
      if (weight === 0) continue;
      for (let s = 0; s < NEAR_SAMPLES; s++) {
        const target = near.rng() * weight;
        let [lo, hi] = [0, values - 1];
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cumulative[mid + 1]! <= target) lo = mid + 1;
          else hi = mid;
        }
        const [a, b] = [countA[lo]!, countB[lo]!];
        let x: number;
        let y: number;
        if (mode === 'dedupe') {
          x = Math.floor(near.rng() * a);
          y = Math.floor(near.rng() * (a - 1));
          if (y >= x) y++;
        } else {
          x = Math.floor(near.rng() * a);
          y = a + Math.floor(near.rng() * b);
        }
        near.compare(members[start[lo]! + x]!, members[start[lo]! + y]!, out);
        for (const g of placeFields) {
          if (g === f || out[g]! < 0) continue;
          nearSeen[f * F + g]!++;
          nearCounts[nearIndex(f, g, out[g]!)]!++;
        }
      }
    }
  }
  let recordsA = 0;
  for (let i = 0; i < n; i++) if (inA(i)) recordsA++;
  const total = mode === 'dedupe' ? (n * (n - 1)) / 2 : recordsA * (n - recordsA);
  return {
    bit,
    subsets: 1 << k,
    measure(matchingPairs, mExact) {
      // Rate at which strangers agree on all fields of a subset, or NaN when mostly matches agree there.
      const strangerRate = (mask: number): number => {
        if (present[mask]! === 0) return NaN;
        let m = 1;
        for (let j = 0; j < k; j++) if (mask & (1 << j)) m *= mExact[placeFields[j]!]!;
        const matches = matchingPairs * (present[mask]! / Math.max(total, 1)) * m;
        const strangers = agree[mask]! - matches;
        return agree[mask]! >= 2 * matches && strangers >= 20 ? strangers / present[mask]! : NaN;
      };
      const single = placeFields.map((_, j) => strangerRate(1 << j));
      const out = new Float64Array(1 << k);
      for (let mask = 1; mask < 1 << k; mask++) {
        if ((mask & (mask - 1)) === 0) continue;
        let best = 0;
        for (let sub = (mask - 1) & mask; sub > 0; sub = (sub - 1) & mask) best = Math.max(best, out[sub]!);
        let independent = 1;
        for (let j = 0; j < k; j++) if (mask & (1 << j)) independent *= single[j]!;
        const rate = strangerRate(mask);
        if (Number.isFinite(rate) && Number.isFinite(independent) && independent > 0) {
          best = Math.max(best, log2(rate / independent));
        }
        out[mask] = best;
      }
      return out;
    },
    measureNear(matchingPairs, m, u) {
      const out = new Float64Array(nearCounts.length);
      for (const f of placeFields) {
        // Share of matches among the pairs agreeing on f.
        const share = Math.min(
          1,
          (matchingPairs * (present[bit[f]!]! / Math.max(total, 1)) * m[f]![0]!) / agree[bit[f]!]!,
        );
        for (const g of placeFields) {
          const seen = nearSeen[f * F + g]!;
          if (g === f || seen === 0 || !(share < 1)) continue;
          for (let l = 1; l < near!.levelCount[g]!; l++) {
            const count = nearCounts[nearIndex(f, g, l)]!;
            const matches = seen * share * m[g]![l]!;
            if (count < 2 * matches || count - matches < 20) continue;
            const rate = (count - matches) / (seen * (1 - share));
            out[nearIndex(f, g, l)] = Math.max(0, log2(rate / u[g]![l]!));
          }
        }
      }
      return out;
    },
    nearIndex,
  };
}

/**
 * The blocks of rules made of parts (Rule.parts), without building key strings: each part's values
 * interned once per record (a part shared by several rules is read once), and a rule's parts combined
 * into a dense block id per record (-1: a part blank, no block).
 */
export class PartBlocks {
  private readonly interned = new Map<(i: number) => string, { ids: Int32Array; count: number }>();

  constructor(private readonly n: number) {}

  private idsOf(part: (i: number) => string): { ids: Int32Array; count: number } {
    let entry = this.interned.get(part);
    if (!entry) {
      const ids = new Int32Array(this.n);
      entry = { ids, count: internRecords(this.n, part, ids) };
      this.interned.set(part, entry);
    }
    return entry;
  }

  /** Per record, its block (ids dense from 0, in order of first record), -1 for none; and the number of blocks. */
  of(parts: ((i: number) => string)[]): { blockOf: Int32Array; count: number } {
    const first = this.idsOf(parts[0]!);
    let blockOf = first.ids;
    let count = first.count;
    for (const part of parts.slice(1)) {
      const next = this.idsOf(part);
      const combined = new Int32Array(this.n);
      const index = new Map<number, number>();
      for (let i = 0; i < this.n; i++) {
        const [a, b] = [blockOf[i]!, next.ids[i]!];
        if (a < 0 || b < 0) {
          combined[i] = -1;
          continue;
        }
        const code = a * next.count + b;
        let id = index.get(code);
        if (id === undefined) index.set(code, (id = index.size));
        combined[i] = id;
      }
      blockOf = combined;
      count = index.size;
    }
    return { blockOf, count };
  }
}

export function runBatch(data: BatchData, options: BatchOptions = {}): BatchResult {
  const { fields, n, keys } = data;
  const F = fields.length;
  const mode = options.mode ?? 'dedupe';
  const maxBlock = options.maxBlockSize ?? 20_000;
  const windowAbove = options.windowAbove ?? 12;
  const window = options.window ?? 4;
  const target = options.precision ?? 0.999;
  const progress = options.onProgress ?? (() => {});
  const warn = options.onWarning ?? (() => {});
  const rng = seededRandom(options.seed ?? 360);
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  const comparatorInput = prepareComparator(fields, n, keys, data.states);
  const compare = comparatorFrom(comparatorInput);
  const levelCount = fields.map((f) => TYPE_LEVELS[f.type].length);
  const levels = new Int8Array(F);

  // Term frequencies: per field and record, how many records hold the same value.
  const tfCount: (Int32Array | null)[] = fields.map((spec, f) => {
    if (!TYPE_TF[spec.type]) return null;
    const counts = new Map<string, number>();
    for (const key of keys[f]!) if (key !== '') counts.set(key, (counts.get(key) ?? 0) + 1);
    return Int32Array.from(keys[f]!, (key) => (key === '' ? 0 : counts.get(key)!));
  });
  const familyLike = fields.map((spec) => spec.type === 'name' && (spec.role === 'family' || spec.role === 'full'));
  const present = fields.map((_, f) => {
    let c = 0;
    for (const key of keys[f]!) if (key !== '') c++;
    return c;
  });

  // 1. u from random pairs.
  const sources = new Set(data.source);
  const bySource: number[][] = [...sources].sort().map((s) => {
    const list: number[] = [];
    for (let i = 0; i < n; i++) if (data.source[i] === s) list.push(i);
    return list;
  });
  const totalPairs = mode === 'link' ? bySource[0]!.length * (bySource[1]?.length ?? 0) : (n * (n - 1)) / 2;
  const samples = Math.min(options.randomPairs ?? 200_000, Math.max(totalPairs, 1));
  const uCounts = levelCount.map((l) => new Float64Array(l));
  const uSeen = new Float64Array(F);
  progress('sampling', 0, samples);
  for (let s = 0; s < samples && totalPairs > 0; s++) {
    let a: number;
    let b: number;
    if (mode === 'link') {
      a = bySource[0]![Math.floor(rng() * bySource[0]!.length)]!;
      b = bySource[1]![Math.floor(rng() * bySource[1]!.length)]!;
    } else {
      a = Math.floor(rng() * n);
      b = Math.floor(rng() * (n - 1));
      if (b >= a) b++;
    }
    compare(a, b, levels);
    for (let f = 0; f < F; f++) {
      if (levels[f] === MISSING) continue;
      uCounts[f]![levels[f]!]!++;
      uSeen[f]!++;
    }
    if (s % 100_000 === 0) progress('sampling', s, samples);
  }
  progress('sampling', samples, samples);
  // A level never seen among random pairs is rarer than one in the sample, not impossible.
  const u = uCounts.map((c, f) =>
    normalise(
      [...c].map((v) => (v + 0.1) / (uSeen[f]! + 1)),
      1e-9,
    ),
  );

  // 2. Candidates: the union of the blocking rules, each pair remembering which rules proposed it.
  const rules = buildRules(data).slice(0, 31);
  const R = rules.length;
  const stats: BlockingRuleStats[] = [];
  let codes = new Float64Array(1 << 16);
  let size = 0;
  const push = (code: number) => {
    if (size === codes.length) {
      const grown = new Float64Array(codes.length * 2);
      grown.set(codes);
      codes = grown;
    }
    codes[size++] = code;
  };
  // Two orders of all records (fields in their order, then in reverse), for the sorted neighbourhood of big blocks.
  let rankCache: Int32Array[] | null = null;
  const ranks = (): Int32Array[] => {
    if (rankCache) return rankCache;
    const order = (fieldOrder: number[]) => {
      const sortKeys = Array.from({ length: n }, (_, i) => fieldOrder.map((f) => keys[f]![i]!).join('\u0001'));
      const byKey = Array.from({ length: n }, (_, i) => i).sort((x, y) =>
        sortKeys[x]! < sortKeys[y]! ? -1 : sortKeys[x]! > sortKeys[y]! ? 1 : x - y,
      );
      const rank = new Int32Array(n);
      byKey.forEach((record, at) => (rank[record] = at));
      return rank;
    };
    const forward = fields.map((_, f) => f);
    rankCache = [order(forward), order([...forward].reverse())];
    return rankCache;
  };
  progress('blocking', 0, R);
  const partBlocks = new PartBlocks(n);
  /** Every block of the rule with its records in file order (the same blocks as `rule.key` gives). */
  const blocksOf = (rule: Rule): Iterable<ArrayLike<number> & { length: number }> => {
    if (rule.parts && rule.parts.length > 0) {
      const { blockOf, count } = partBlocks.of(rule.parts);
      // Records grouped by block (a counting sort: file order within each block).
      const start = new Int32Array(count + 1);
      for (let i = 0; i < n; i++) if (blockOf[i]! >= 0) start[blockOf[i]! + 1]!++;
      for (let b = 0; b < count; b++) start[b + 1]! += start[b]!;
      const fill = start.slice(0, count);
      const members = new Int32Array(start[count]!);
      for (let i = 0; i < n; i++) if (blockOf[i]! >= 0) members[fill[blockOf[i]!]!++] = i;
      return (function* () {
        for (let b = 0; b < count; b++) yield members.subarray(start[b]!, start[b + 1]!);
      })();
    }
    const blocks = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const key = rule.key(i);
      if (key === null) continue;
      if (typeof key === 'string') {
        const block = blocks.get(key);
        if (block) block.push(i);
        else blocks.set(key, [i]);
        continue;
      }
      for (const one of key) {
        const block = blocks.get(one);
        if (!block) blocks.set(one, [i]);
        else if (block[block.length - 1] !== i) block.push(i);
      }
    }
    return blocks.values();
  };
  rules.forEach((rule, r) => {
    const s: BlockingRuleStats = { rule: rule.name, blocks: 0, oversized: 0, windowed: 0, largest: 0, pairs: 0 };
    const pair = (a: number, b: number) => {
      if (mode === 'link' && data.source[a] === data.source[b]) return;
      push((a < b ? a * n + b : b * n + a) * 32 + r);
      s.pairs++;
    };
    for (const block of blocksOf(rule)) {
      if (block.length < 2) continue;
      s.blocks++;
      s.largest = Math.max(s.largest, block.length);
      if (block.length > maxBlock) {
        s.oversized++;
        continue;
      }
      if (block.length > windowAbove) {
        // Sorted neighbourhood inside the block: each record meets its `window` nearest neighbours in two orders
        // of the other fields, so a block that grows with the file adds pairs in proportion to its records.
        s.windowed++;
        const sorted = Array.from(block);
        for (const rank of ranks()) {
          sorted.sort((x, y) => rank[x]! - rank[y]!);
          for (let x = 0; x < sorted.length; x++) {
            for (let y = x + 1; y <= x + window && y < sorted.length; y++) pair(sorted[x]!, sorted[y]!);
          }
        }
        continue;
      }
      for (let x = 0; x < block.length; x++) {
        for (let y = x + 1; y < block.length; y++) pair(block[x]!, block[y]!);
      }
    }
    if (s.oversized > 0) {
      warn(
        `blocking rule "${rule.name}": ${s.oversized} blocks over ${maxBlock} records skipped (largest ${s.largest}); ` +
          `their pairs are compared only if another rule proposes them`,
      );
    }
    stats.push(s);
    progress('blocking', r + 1, R);
  });

  const sorted = codes.subarray(0, size).sort();
  codes = new Float64Array(0);
  let pairCount = 0;
  for (let i = 0; i < size; i++) {
    if (i === 0 || Math.floor(sorted[i]! / 32) !== Math.floor(sorted[i - 1]! / 32)) pairCount++;
  }
  // On shared memory when other threads compare them.
  const pairArray = () =>
    threads > 1 ? new Int32Array(new SharedArrayBuffer(pairCount * 4)) : new Int32Array(pairCount);
  const left = pairArray();
  const right = pairArray();
  const mask = new Uint32Array(pairCount);
  for (let i = 0, p = -1, last = -1; i < size; i++) {
    const pair = Math.floor(sorted[i]! / 32);
    const r = sorted[i]! - pair * 32;
    if (pair !== last) {
      p++;
      last = pair;
      left[p] = Math.floor(pair / n);
      right[p] = pair - left[p]! * n;
    }
    mask[p] = (mask[p]! | (1 << r)) >>> 0;
  }

  // 3. Compare every candidate once: a pattern (distinct level vector) per pair, and its term-frequency adjustment.
  const places: number[] = [];
  let place = 1;
  for (let f = 0; f < F; f++) {
    places.push(place);
    place *= levelCount[f]! + 1;
  }
  if (place > Number.MAX_SAFE_INTEGER) throw new Error('runBatch: too many fields to encode a comparison vector');
  const patternIndex = new Map<number, number>();
  const patternKeys: number[] = [];
  const patternOf = new Int32Array(pairCount);
  const uExactLog = u.map((p) => log2(p[0]!));
  progress('comparing', 0, pairCount);
  const { codes: vectorCodes, chunksByThread } = comparePairs(comparatorInput, compare, left, right, places, {
    threads,
    onProgress: (done) => progress('comparing', done, pairCount),
    onWarning: warn,
  });
  for (let p = 0; p < pairCount; p++) {
    const key = vectorCodes[p]!;
    let index = patternIndex.get(key);
    if (index === undefined) {
      index = patternKeys.length;
      patternIndex.set(key, index);
      patternKeys.push(key);
    }
    patternOf[p] = index;
  }
  const P = patternKeys.length;
  const patternLevels = patternKeys.map((key) => {
    const out = new Int8Array(F);
    for (let f = 0; f < F; f++) out[f] = (Math.floor(key / places[f]!) % (levelCount[f]! + 1)) - 1;
    return out;
  });

  const grouped = fields.map((f) => GROUPED_TYPES.has(f.type));
  // 4. m by EM with u fixed, once per blocking rule over its own pairs, its own fields left out, and all
  // the place fields left out of a rule that blocks on one: strangers of one postcode share its town
  // too, and counted as evidence that agreement would draw namesakes of one town into EM's match class
  // (m of `different` dates and streets came out several times the share among true matches).
  progress('estimating', 0, R);
  const mSum = levelCount.map((l) => new Float64Array(l));
  const mRules: string[][] = fields.map(() => []);
  const logU = u.map((p) => p.map(log2));
  const rounds = options.emRounds ?? 25;
  rules.forEach((rule, r) => {
    const counts = new Float64Array(P);
    for (let p = 0; p < pairCount; p++) if ((mask[p]! >>> r) & 1) counts[patternOf[p]!]!++;
    const total = counts.reduce((s, c) => s + c, 0);
    if (total < 20) return;
    const placeRule = rule.fields.some((f) => grouped[f]);
    const active = fields.map((_, f) => !rule.fields.includes(f) && !(placeRule && grouped[f]));
    let m = levelCount.map((l) => initialM(l));
    let lambda = 0.3;
    for (let round = 0; round < rounds; round++) {
      const logM = m.map((p) => p.map(log2));
      const expected = levelCount.map((l) => new Float64Array(l));
      let matches = 0;
      for (let q = 0; q < P; q++) {
        const c = counts[q]!;
        if (c === 0) continue;
        const vec = patternLevels[q]!;
        let w = log2(lambda / (1 - lambda));
        for (let f = 0; f < F; f++) if (active[f] && vec[f]! >= 0) w += logM[f]![vec[f]!]! - logU[f]![vec[f]!]!;
        const g = c / (1 + 2 ** -w);
        matches += g;
        for (let f = 0; f < F; f++) if (active[f] && vec[f]! >= 0) expected[f]![vec[f]!]! += g;
      }
      lambda = Math.min(0.999, Math.max(1e-6, matches / total));
      m = m.map((old, f) => {
        const sum = expected[f]!.reduce((s, v) => s + v, 0);
        return active[f] && sum > 1
          ? normalise(
              [...expected[f]!].map((v) => v / sum),
              1e-5,
            )
          : old;
      });
    }
    fields.forEach((_, f) => {
      const sum = [...counts].reduce((s, c, q) => s + (patternLevels[q]![f]! >= 0 ? c : 0), 0);
      if (!active[f] || sum < 10) return;
      for (let l = 0; l < levelCount[f]!; l++) mSum[f]![l]! += m[f]![l]!;
      mRules[f]!.push(rule.name);
    });
    progress('estimating', r + 1, R);
  });
  const m = mSum.map((s, f) =>
    mRules[f]!.length > 0
      ? normalise(
          [...s].map((v) => v / mRules[f]!.length),
          1e-6,
        )
      : initialM(levelCount[f]!),
  );
  const weights = m.map((mf, f) => mf.map((v, l) => log2(v / u[f]![l]!)));

  // 5. Scores, the prior (expected matches among all pairs), P(match), the threshold.
  progress('scoring', 0, pairCount);
  // Per field: its weight at the pair's level, plus the term-frequency adjustment on exact agreement.
  const contributions = (p: number, out: Float64Array): Float64Array =>
    contributionsOf(left[p]!, right[p]!, patternLevels[patternOf[p]!]!, out);
  const contributionsOf = (a: number, b: number, vec: Int8Array, out: Float64Array): Float64Array => {
    for (let f = 0; f < F; f++) {
      const l = vec[f]!;
      if (l < 0) {
        out[f] = 0;
        continue;
      }
      let w = weights[f]![l]!;
      const tf = tfCount[f];
      if (l === 0 && tf) {
        // log2(u_exact / freq(value)): positive for a rare value, negative for a common one; capped.
        const freq = Math.max(tf[a]!, tf[b]!) / present[f]!;
        w += Math.max(-8, Math.min(12, uExactLog[f]! - log2(freq)));
      } else if (tf && familyLike[f] && FUZZY_NAME_LEVELS.has(l)) {
        // A family name spelled alike: as Splink does on fuzzy levels, the frequency of the more common of the
        // two values, here only to weaken and at half strength (`smiht` beside `smith` is weaker evidence than
        // `zielinsky` beside `zielinski`, but a typo of a common name is still rarer among strangers than it).
        const freq = Math.max(tf[a]!, tf[b]!) / present[f]!;
        w += FUZZY_TF_WEIGHT * Math.max(-8, Math.min(0, uExactLog[f]! - log2(freq)));
      }
      out[f] = w;
    }
    return out;
  };
  // Fields that describe where a person lives (street, postcode, city, state, street number…) agree or
  // differ together: two neighbours share all of them, a move changes all of them. Summed as if
  // independent they would count one fact several times. So exact agreements on several of them count
  // their weights summed less how much more often this file's strangers agree on all of them at once
  // than apart (a town and its postcode: one fact; a street name and a postcode drawn apart: two), and a
  // near miss beside an exact agreement (a town one letter off beside the same postcode) counts only
  // what it adds to that agreement among this file's strangers (measureNear). Where nothing could be
  // measured (before the prior is known, or no exact agreement), each further agreement (or
  // disagreement) of the group counts half the one before.
  const placeGroup = placeDependence(data, mode, grouped, tfCount, { compare, levelCount, rng });
  let dependence: Float64Array = new Float64Array(placeGroup.subsets);
  let nearDependence: Float64Array = new Float64Array(0);
  // Until the dependence is measured (it needs the prior), agreements of place fields count with diminishing weight.
  let measured = false;
  const positives: number[] = [];
  const negatives: number[] = [];
  const together: number[] = [];
  /** What a place field at a near-miss level adds beside the exact place agreements of `subset`. */
  const nearMiss = (f: number, level: number, subset: number, w: number): number => {
    if (subset === 0 || nearDependence.length === 0) return w;
    let most = 0;
    for (let g = 0; g < F; g++) {
      if (subset & placeGroup.bit[g]!) most = Math.max(most, nearDependence[placeGroup.nearIndex(g, f, level)]!);
    }
    return Math.max(0, w - most);
  };
  const scoreOf = (c: Float64Array, vec: Int8Array): number => {
    let total = 0;
    positives.length = 0;
    negatives.length = 0;
    together.length = 0;
    let subset = 0;
    for (let f = 0; f < F; f++) if (grouped[f] && vec[f] === 0 && c[f]! > 0) subset |= placeGroup.bit[f]!;
    for (let f = 0; f < F; f++) {
      if (!grouped[f]) total += c[f]!;
      else if (c[f]! > 0) {
        const bit = placeGroup.bit[f]!;
        if (bit > 0 && vec[f] === 0) together.push(c[f]!);
        else if (bit > 0 && subset > 0 && measured) total += nearMiss(f, vec[f]!, subset, c[f]!);
        else positives.push(c[f]!);
      } else if (c[f]! < 0) negatives.push(c[f]!);
    }
    if (together.length > 1 && measured) {
      // Their weights summed less the dependence measured on this file, never less than the strongest alone.
      let sum = 0;
      let strongest = 0;
      for (const w of together) {
        sum += w;
        strongest = Math.max(strongest, w);
      }
      total += Math.max(strongest, sum - dependence[subset]!);
    } else for (const w of together) positives.push(w);
    positives.sort((x, y) => y - x);
    negatives.sort((x, y) => x - y);
    for (let i = 0, factor = 1; i < positives.length; i++, factor /= 2) total += positives[i]! * factor;
    for (let i = 0, factor = 1; i < negatives.length; i++, factor /= 2) total += negatives[i]! * factor;
    return total;
  };
  const scoreLevels = (a: number, b: number, vec: Int8Array, out: Float64Array) =>
    scoreOf(contributionsOf(a, b, vec, out), vec);
  const buffer = new Float64Array(F);
  const bayes = new Float32Array(pairCount);
  const scorePair = (p: number) => scoreOf(contributions(p, buffer), patternLevels[patternOf[p]!]!);
  for (let p = 0; p < pairCount; p++) bayes[p] = scorePair(p);
  let prior = fitPrior(bayes, totalPairs, n);
  // The dependence is read from the pairs of records agreeing on those fields, less the expected matches
  // among them (prior × pairs × m): known only once the prior is, so the pairs it changes are scored again.
  if (placeGroup.subsets > 0) {
    const mExact = fields.map((_, f) => m[f]![0]!);
    dependence = placeGroup.measure(prior * totalPairs, mExact);
    nearDependence = placeGroup.measureNear(prior * totalPairs, m, u);
    measured = true;
    // Only pairs agreeing exactly on a place field and at least closely on another score otherwise once
    // the dependence is measured (with one place agreement alone, nothing is counted twice).
    const affected = new Uint8Array(P);
    patternLevels.forEach((vec, q) => {
      let exact = false;
      let agreeing = 0;
      for (let f = 0; f < F; f++) {
        if (!grouped[f] || vec[f]! < 0 || vec[f] === levelCount[f]! - 1) continue;
        agreeing++;
        if (placeGroup.bit[f]! > 0 && vec[f] === 0) exact = true;
      }
      affected[q] = exact && agreeing > 1 ? 1 : 0;
    });
    let changed = 0;
    for (let p = 0; p < pairCount; p++) {
      if (affected[patternOf[p]!]) {
        bayes[p] = scorePair(p);
        changed++;
      }
    }
    if (changed > 0) prior = fitPrior(bayes, totalPairs, n);
  }
  const priorOdds = log2(prior / (1 - prior));
  const matchWeight = new Float32Array(pairCount);
  for (let p = 0; p < pairCount; p++) matchWeight[p] = bayes[p]! + priorOdds;
  const probabilityOf = (w: number) => 1 / (1 + 2 ** -w);

  let thresholdWeight: number;
  if (options.threshold !== undefined) thresholdWeight = log2(options.threshold / (1 - options.threshold));
  else {
    // The lowest weight at which the links, taken together, have the expected precision asked.
    // Only pairs more likely matches than not can be links: sort those alone (a few per record, not all candidates).
    const order = pairsAtLeast(matchWeight, 0);
    let sum = 0;
    thresholdWeight = Infinity;
    for (let i = 0; i < order.length; i++) {
      const w = matchWeight[order[i]!]!;
      const prob = probabilityOf(w);
      if (prob < 0.5) break;
      sum += prob;
      if (sum / (i + 1) < target) break;
      thresholdWeight = w;
    }
    // Fellegi–Sunter's probabilities remain somewhat overconfident (fields are not independent beyond the
    // place fields measured above): each link must also be likely on its own.
    const floor = 1 - 20 * (1 - target);
    thresholdWeight = Math.max(
      Number.isFinite(thresholdWeight) ? thresholdWeight : -Infinity,
      log2(floor / (1 - floor)),
    );
  }
  progress('scoring', pairCount, pairCount);

  // 6. Clusters: links strongest first; a merge is refused when some compared pair across the two sides is a clear non-match.
  progress('clustering', 0, pairCount);
  const conflictWeight = -10;
  const degree = new Int32Array(n + 1);
  for (let p = 0; p < pairCount; p++) {
    if (matchWeight[p]! < conflictWeight) {
      degree[left[p]! + 1]!++;
      degree[right[p]! + 1]!++;
    }
  }
  for (let i = 0; i < n; i++) degree[i + 1]! += degree[i]!;
  const against = new Int32Array(degree[n]!);
  const fill = degree.slice(0, n);
  for (let p = 0; p < pairCount; p++) {
    if (matchWeight[p]! < conflictWeight) {
      against[fill[left[p]!]!++] = right[p]!;
      against[fill[right[p]!]!++] = left[p]!;
    }
  }
  // The link must hold against the whole cluster, not one member: a record with a blank given name or date
  // agrees with two namesakes of one town and would otherwise chain them. Two clusters are merged only when
  // the pairs across them that the model accepts outnumber those that disagree on what tells people apart:
  // given name and date of birth both `different`, or, where a side has no date, given and family names.
  const given = fields.findIndex((f) => f.role === 'given');
  const family = fields.findIndex((f) => f.role === 'family');
  const date = fields.findIndex((f) => f.type === 'date');
  const distinguishing = given >= 0 && (date >= 0 || family >= 0);
  const differentLevel = (f: number) => (f >= 0 ? levelCount[f]! - 1 : -2);
  const [givenDifferent, familyDifferent, dateDifferent] = [given, family, date].map(differentLevel);
  const cross = new Int8Array(F);
  const crossContributions = new Float64Array(F);
  // A given name written in the other's family-name column (`papaloe,m` beside `matilda,papaleo`) is no
  // disagreement.
  const crosswise = (x: number, y: number) => {
    if (family < 0) return false;
    const [gx, gy, fx, fy] = [keys[given]![x]!, keys[given]![y]!, keys[family]![x]!, keys[family]![y]!];
    return (gx !== '' && fy !== '' && namesClose(gx, fy)) || (gy !== '' && fx !== '' && namesClose(gy, fx));
  };
  // An identifier (a national id, a customer number) that agrees exactly tells people apart better than a
  // given name and a date: such a pair is no disagreement, whatever its names and dates say (a duplicate whose
  // given name and date were both mistyped, the same national id).
  const IDENTIFIER_EXACT = TYPE_LEVELS.identifier.indexOf('exact');
  const identifierFields = fields.flatMap((f, i) => (f.type === 'identifier' ? [i] : []));
  const disagree = (x: number, y: number, l: Int8Array) =>
    !identifierFields.some((f) => l[f] === IDENTIFIER_EXACT) &&
    l[given] === givenDifferent &&
    ((date >= 0 && l[date] === dateDifferent) ||
      ((date < 0 || l[date] === MISSING) && family >= 0 && l[family] === familyDifferent)) &&
    !crosswise(x, y);
  const clustersDisagree = (xs: number[], ys: number[]): boolean => {
    if (xs.length * ys.length > 4096) return false;
    let conflicts = 0;
    let supports = 0;
    for (const x of xs) {
      for (const y of ys) {
        compare(x, y, cross);
        if (disagree(x, y, cross)) {
          conflicts++;
          continue;
        }
        if (scoreLevels(x, y, cross, crossContributions) + priorOdds >= thresholdWeight) supports++;
      }
    }
    return conflicts > 0 && conflicts >= supports;
  };
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const members: (number[] | null)[] = Array.from({ length: n }, (_, i) => [i]);
  const root = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const linkOrder = pairsAtLeast(matchWeight, thresholdWeight);
  let links = 0;
  let refused = 0;
  for (const p of linkOrder) {
    let a = root(left[p]!);
    let b = root(right[p]!);
    if (a === b) {
      links++;
      continue;
    }
    if (members[a]!.length < members[b]!.length) [a, b] = [b, a];
    let conflict = false;
    for (const x of members[b]!) {
      for (let j = degree[x]!; j < degree[x + 1]! && !conflict; j++) if (root(against[j]!) === a) conflict = true;
      if (conflict) break;
    }
    if (!conflict && distinguishing) conflict = clustersDisagree(members[a]!, members[b]!);
    if (conflict) {
      refused++;
      continue;
    }
    parent[b] = a;
    for (const x of members[b]!) members[a]!.push(x);
    members[b] = null;
    links++;
  }
  const clusterOf = new Int32Array(n);
  const numberOf = new Int32Array(n).fill(-1);
  let clusterCount = 0;
  for (let i = 0; i < n; i++) {
    const r = root(i);
    if (numberOf[r] === -1) numberOf[r] = clusterCount++;
    clusterOf[i] = numberOf[r]!;
  }
  progress('clustering', pairCount, pairCount);

  const parameters: FieldParameters[] = fields.map((spec, f) => ({
    field: spec.name,
    type: spec.type,
    levels: TYPE_LEVELS[spec.type],
    m: m[f]!,
    u: u[f]!,
    estimatedBy: mRules[f]!,
  }));
  return {
    fields,
    parameters,
    rules: stats,
    pairCount,
    prior,
    thresholdWeight,
    thresholdProbability: probabilityOf(thresholdWeight),
    links,
    refused,
    comparedChunks: chunksByThread,
    clusterOf,
    clusterCount,
    left,
    right,
    matchWeight,
    levelsOf: (p) => patternLevels[patternOf[p]!]!,
    contributions: (p) => [...contributions(p, new Float64Array(F))],
    probability: (p) => probabilityOf(matchWeight[p]!),
  };
}

export { EMPTY, NORMALISED };
