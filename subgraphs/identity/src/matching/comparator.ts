import { MISSING } from './comparisons';
import { compareValues, nameCode, namesClose, ocrFold, type FieldSpec, type FieldType } from './fields';

/**
 * The batch matcher's record comparison: two records field by field into their levels. Split in two
 * so that it can run on several threads (compare-pairs.ts): `prepareComparator` reads the whole file
 * once on the main thread into plain data (typed arrays on shared memory, the distinct values), and
 * `comparatorFrom` builds the comparison from that data on any thread, each with its own caches.
 */

/** Levels of the name comparison that say "spelled alike" without being equal: one_edit, two_edits, close, phonetic. */
export const FUZZY_NAME_LEVELS = new Set([2, 4, 5, 6]);
const NAME_DIFFERENT = 8;
/**
 * Two family names spelled alike, each seen in at least FREQUENT_NAME places, are two real names (`clarke`
 * beside `clark`), not a typo of each other, when at most TYPO_SHARE of the records of either share a date
 * of birth with a record of the other: a typo sits on the duplicate of someone whose other records carry
 * the right spelling and the same date.
 */
const FREQUENT_NAME = 5;
const TYPO_SHARE = 0.1;

/** Slots of each field's comparison cache (direct-mapped: a new pair takes the slot of the one before). */
const CACHE_BITS = 21;

/** What the comparison needs of a file, as plain data a worker thread can receive. */
export interface ComparatorInput {
  n: number;
  types: FieldType[];
  /** Per field: a full name (its words may come in another order). */
  full: boolean[];
  given: number;
  family: number;
  /** Per field, per record: the id of its value among `values[field]`, -1 when missing (shared memory). */
  ids: Int32Array[];
  /** Per field: the distinct values, and the state (NORMALISED, UNPARSEABLE) of each. */
  values: string[][];
  valueStates: Uint8Array[];
  /** Per family-name value: the places (postcode, else town, else date) it is seen in. Empty without a family field. */
  familyPlaces: Int32Array;
  /** Per record: its date of birth (else place) interned, -1 when missing; null when the file has neither. */
  sibling: Int32Array | null;
  /** Distinct values of `sibling`. */
  siblingCount: number;
}

export type Compare = (a: number, b: number, out: Int8Array) => Int8Array;

/**
 * Each record's value (`valueOf(i)`) as an id into `ids`, in order of first appearance, -1 where it is blank;
 * returns the number of distinct values.
 */
export function internRecords(n: number, valueOf: (i: number) => string, ids: Int32Array): number {
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const v = valueOf(i);
    if (v === '') {
      ids[i] = -1;
      continue;
    }
    let id = index.get(v);
    if (id === undefined) index.set(v, (id = index.size));
    ids[i] = id;
  }
  return index.size;
}

/** Typed arrays on shared memory: handed to worker threads without a copy. */
const sharedInt32 = (length: number) => new Int32Array(new SharedArrayBuffer(length * 4));

export function prepareComparator(
  fields: readonly FieldSpec[],
  n: number,
  keys: string[][],
  states: Uint8Array[],
): ComparatorInput {
  const given = fields.findIndex((f) => f.role === 'given');
  const family = fields.findIndex((f) => f.role === 'family');
  const ids: Int32Array[] = [];
  const values: string[][] = [];
  const valueStates: Uint8Array[] = [];
  // Values are interned per field (an id per distinct value and state), so equal values agree without
  // reading the strings.
  for (let f = 0; f < fields.length; f++) {
    const byState = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
    const idOf = sharedInt32(n);
    const vals: string[] = [];
    const sts: number[] = [];
    for (let i = 0; i < n; i++) {
      const key = keys[f]![i]!;
      if (key === '') {
        idOf[i] = -1;
        continue;
      }
      const state = states[f]![i]!;
      const map = byState[state]!;
      let id = map.get(key);
      if (id === undefined) {
        id = vals.length;
        map.set(key, id);
        vals.push(key);
        sts.push(state);
      }
      idOf[i] = id;
    }
    ids.push(idOf);
    values.push(vals);
    valueStates.push(Uint8Array.from(sts));
  }
  // Records holding each distinct family name: two spellings one or two edits apart that are both frequent
  // in this file (`clark` and `clarke`, `walker` and `walter`) are two real names, not a typo of each other.
  // A name is counted once per place (postcode, else town, else date of birth) it is seen in, not per record:
  // one person's duplicates repeat their own typo (`abbottt` on five records of one address), real
  // families live in many places.
  const place = [fields.findIndex((s) => s.type === 'postcode'), fields.findIndex((s) => s.type === 'text')]
    .concat(fields.findIndex((s) => s.type === 'date'))
    .find((f) => f >= 0);
  const familyPlaces = new Int32Array(family >= 0 ? values[family]!.length : 0);
  if (family >= 0) {
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const id = ids[family]![i]!;
      if (id < 0) continue;
      const where = place === undefined ? String(i) : keys[place]![i]!;
      if (where === '') continue;
      const key = `${id}|${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      familyPlaces[id]!++;
    }
  }
  // A typo of a frequent name is frequent too (`abbottt` beside `abbott`), but its records are duplicates of
  // people whose other records carry the right spelling: they share a date of birth (else a place) with a
  // record of the other name. Two real names seldom do. The date (else place) of each record, interned.
  const dateField = fields.findIndex((s) => s.type === 'date');
  const siblingField = dateField >= 0 ? dateField : place;
  let sibling: Int32Array | null = null;
  let siblingCount = 0;
  if (siblingField !== undefined) {
    sibling = sharedInt32(n);
    siblingCount = internRecords(n, (i) => keys[siblingField]![i]!, sibling);
  }
  return {
    n,
    types: fields.map((f) => f.type),
    full: fields.map((f) => f.role === 'full'),
    given,
    family,
    ids,
    values,
    valueStates,
    familyPlaces,
    sibling,
    siblingCount,
  };
}

/**
 * Compares two records field by field into `out` (level per field, MISSING when a side lacks it).
 * The level of two distinct values is computed once and cached: names, towns and dates repeat, and so
 * do their pairs among the candidates. The result depends on the two records only, never on what was
 * compared before (the caches only remember), so any thread gives the same levels.
 */
export function comparatorFrom(input: ComparatorInput): Compare {
  const { n, types, full, given, family, ids, values, valueStates, familyPlaces, sibling, siblingCount } = input;
  const F = types.length;
  // Records of each frequent family name, and the (name, date) pairs seen, for distinctNames.
  const recordsOf = new Map<number, number[]>();
  const nameAt = new Set<number>();
  if (family >= 0 && sibling) {
    for (let i = 0; i < n; i++) {
      const id = ids[family]![i]!;
      const at = sibling[i]!;
      if (id < 0 || at < 0 || familyPlaces[id]! < FREQUENT_NAME) continue;
      nameAt.add(id * siblingCount + at);
      const list = recordsOf.get(id);
      if (list) list.push(i);
      else recordsOf.set(id, [i]);
    }
  }
  const sharesWith = (y: number, x: number): number => {
    const list = recordsOf.get(y) ?? [];
    let shared = 0;
    for (const i of list) if (nameAt.has(x * siblingCount + sibling![i]!)) shared++;
    return list.length > 0 ? shared / list.length : 1;
  };
  // Decided once per pair of frequent names (the level cache is direct-mapped and may forget it).
  const decided = new Map<number, boolean>();
  const distinctNames = (f: number, x: number, y: number): boolean => {
    if (f !== family || !sibling) return false;
    if (Math.min(familyPlaces[x]!, familyPlaces[y]!) < FREQUENT_NAME) return false;
    const code = x * values[f]!.length + y;
    let distinct = decided.get(code);
    if (distinct === undefined) {
      distinct = Math.max(sharesWith(x, y), sharesWith(y, x)) <= TYPO_SHARE;
      decided.set(code, distinct);
    }
    return distinct;
  };
  const size = Math.min(1 << CACHE_BITS, Math.max(1024, 2 ** Math.ceil(Math.log2(n * 4))));
  const mask = size - 1;
  const cachedPair = types.map(() => new Float64Array(size).fill(-1));
  const cachedLevel = types.map(() => new Int8Array(size));
  // How a name of one column compares with a name of the other (given ⇄ family), by interned value.
  const UNKNOWN = 0;
  const CLOSE = 1;
  const SOUND = 2;
  const APART = 3;
  const names = (f: number) => f === given || f === family;
  const soundOf = types.map((_, f) => (names(f) ? values[f]!.map((v) => nameCode(v)) : []));
  // Names with the letter groups a scanner reads for one another folded (`rnarx` is `marx`), as the
  // name levels read them: a name in the other column is found through an OCR slip too.
  const scannedOf = types.map((_, f) => (names(f) ? values[f]!.map((v) => ocrFold(v)) : []));
  const crossing = (f: number, x: number, g: number, y: number): number => {
    if (x < 0 || y < 0) return UNKNOWN;
    const vx = scannedOf[f]![x]!;
    const vy = scannedOf[g]![y]!;
    // A letter of the first two in common, in place or moved by one (a typo at the start: `egasparini`,
    // `abrrett`), before the costlier closeness test.
    if ((vx[0] === vy[0] || vx[1] === vy[1] || vx[0] === vy[1] || vx[1] === vy[0]) && namesClose(vx, vy)) {
      return CLOSE;
    }
    if (soundOf[f]![x] === soundOf[g]![y]) return SOUND;
    if ((vx.length === 1 || vy.length === 1) && vx[0] === vy[0]) return SOUND;
    return APART;
  };
  return (a: number, b: number, out: Int8Array): Int8Array => {
    for (let f = 0; f < F; f++) {
      const ia = ids[f]![a]!;
      const ib = ids[f]![b]!;
      if (ia < 0 || ib < 0) {
        out[f] = MISSING;
        continue;
      }
      if (ia === ib) {
        out[f] = 0;
        continue;
      }
      const lo = ia < ib ? ia : ib;
      const hi = ia < ib ? ib : ia;
      const code = lo * values[f]!.length + hi;
      const slot = (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b)) & mask;
      const pairs = cachedPair[f]!;
      let level: number;
      if (pairs[slot] === code) level = cachedLevel[f]![slot]!;
      else {
        const x = values[f]![lo]!;
        const y = values[f]![hi]!;
        level = compareValues(types[f]!, x, y, valueStates[f]![lo]!, valueStates[f]![hi]!);
        // Two frequent family names spelled alike are two names (see distinctNames).
        if (FUZZY_NAME_LEVELS.has(level) && distinctNames(f, lo, hi)) level = NAME_DIFFERENT;
        // A full name with its words in another order.
        if (level > 1 && full[f] && x.split(' ').sort().join(' ') === y.split(' ').sort().join(' ')) level = 1;
        pairs[slot] = code;
        cachedLevel[f]![slot] = level;
      }
      out[f] = level;
    }
    // Given and family names written in each other's column: both count as `swapped`. One name moved into
    // the other column (`,jessica` beside `jessica,adams`), or the other one mistyped beyond closeness
    // (`ceja,phae` beside `fae,ceja`, `romanelli,s` beside `arthur,romanelli`), counts too: the name that
    // crosses over agrees, the other agrees crosswise by sound or initial, or is missing on one side.
    // Also when each side holds one name only, in different columns (`,gutmann` beside `gutmann,`): both
    // levels are then missing, though the one name they hold may agree.
    const [g, f] = given >= 0 && family >= 0 ? [out[given]!, out[family]!] : [0, 0];
    if (g > 2 || f > 2 || (g === MISSING && f === MISSING)) {
      const ga = ids[given]![a]!;
      const gb = ids[given]![b]!;
      const fa = ids[family]![a]!;
      const fb = ids[family]![b]!;
      const one = crossing(given, ga, family, fb);
      const other = crossing(family, fa, given, gb);
      if ((one === CLOSE && other !== APART) || (other === CLOSE && one !== APART)) {
        out[given] = one === UNKNOWN ? MISSING : 1;
        out[family] = other === UNKNOWN ? MISSING : 1;
      }
    }
    return out;
  };
}
