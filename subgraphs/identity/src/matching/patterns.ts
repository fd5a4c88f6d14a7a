import { COMPARISONS, COMPARISON_COUNT } from './comparisons';

/**
 * Comparison vectors are few compared with pairs: a million candidate pairs
 * hold a few thousand distinct vectors. Each vector is encoded as one number
 * (mixed radix, one digit per comparison, 0 = missing), so that EM and
 * scoring run once per distinct vector and a pair stores only its index.
 */
const RADICES = COMPARISONS.map((c) => c.levels.length + 1);
const PLACES = RADICES.map((_, i) => RADICES.slice(0, i).reduce((p, r) => p * r, 1));
if (PLACES[PLACES.length - 1]! * RADICES[RADICES.length - 1]! > Number.MAX_SAFE_INTEGER) {
  throw new Error('patterns: too many comparison levels to encode a comparison vector in one number');
}

export function encodePattern(levels: ArrayLike<number>): number {
  let key = 0;
  for (let c = 0; c < COMPARISON_COUNT; c++) key += (levels[c]! + 1) * PLACES[c]!;
  return key;
}

export function decodePattern(key: number, out = new Int8Array(COMPARISON_COUNT)): Int8Array {
  for (let c = 0; c < COMPARISON_COUNT; c++) out[c] = (Math.floor(key / PLACES[c]!) % RADICES[c]!) - 1;
  return out;
}

/** Distinct comparison vectors and how many pairs have each. */
export class PatternTable {
  private readonly index = new Map<number, number>();
  readonly keys: number[] = [];
  readonly counts: number[] = [];

  /** Adds one pair with this vector; returns the vector's index. */
  add(levels: ArrayLike<number>): number {
    const key = encodePattern(levels);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.index.set(key, i);
      this.keys.push(key);
      this.counts.push(0);
    }
    this.counts[i]!++;
    return i;
  }

  get size(): number {
    return this.keys.length;
  }

  levels(i: number): Int8Array {
    return decodePattern(this.keys[i]!);
  }
}
