import type { NormalizedRecord } from './normalize';
import { phoneticCodes } from './phonetic';

/**
 * Blocking: only records that share at least one blocking key are compared,
 * so a batch costs about the number of true candidates instead of n²/2. Each
 * rule catches what the others miss: a typo in the family name (not in its
 * phonetic code), a new email, a move, swapped name columns, a wrong date of
 * birth. A key held by more than `maxBlockSize` records (a common name born in
 * a common year, a shared mailbox) says too little to compare everything it
 * holds: that block is skipped and counted, the other rules still apply.
 */
export interface BlockingRule {
  name: string;
  description: string;
  keys(record: NormalizedRecord): string[];
}

interface Names {
  given: readonly [string, string] | null;
  family: readonly [string, string] | null;
  initial: string | null;
}

// A record with only a full name: its first and last words stand in for
// given and family name (order unknown; the name-phonetics rule ignores order).
function names(r: NormalizedRecord): Names {
  const full = r.full && !r.fullDerived && r.full.words.length > 1 ? r.full.words : null;
  const given = r.given?.codes ?? (full ? phoneticCodes(full[0]!) : null);
  const family = r.family?.codes ?? (full ? phoneticCodes(full[full.length - 1]!) : null);
  const initial = r.given?.compact[0] ?? full?.[0]![0] ?? null;
  return {
    given: given && given[0] !== '' ? given : null,
    family: family && family[0] !== '' ? family : null,
    initial,
  };
}

const distinct = (codes: readonly [string, string]) => (codes[0] === codes[1] ? [codes[0]] : [codes[0], codes[1]]);

export const BLOCKING_RULES: readonly BlockingRule[] = [
  {
    name: 'family_phonetic+birth_year',
    description: 'a Double Metaphone code of the family name and the year of birth',
    keys: (r) => {
      const { family } = names(r);
      return family && r.dob ? distinct(family).map((code) => `${code}|${r.dob!.year}`) : [];
    },
  },
  {
    name: 'given_phonetic+birth_date',
    description: 'the given name code and the date of birth, day and month in either order (a changed family name)',
    keys: (r) => {
      const { given } = names(r);
      if (!given || !r.dob) return [];
      const [lo, hi] = [Math.min(r.dob.month, r.dob.day), Math.max(r.dob.month, r.dob.day)];
      return [`${given[0]}|${r.dob.year}|${lo}|${hi}`];
    },
  },
  {
    name: 'name_phonetics',
    description: 'the codes of given and family name in either order (swapped names, a wrong or missing date of birth)',
    keys: (r) => {
      const { given, family } = names(r);
      return given && family ? [[given[0], family[0]].sort().join('|')] : [];
    },
  },
  {
    name: 'email_local',
    description: 'the local part of the email (the same mailbox name at another provider)',
    keys: (r) => (r.email && r.email.local.length >= 2 ? [r.email.local] : []),
  },
  {
    name: 'phone_last6',
    description: 'the last six digits of the phone',
    keys: (r) => (r.phone && r.phone.length >= 7 ? [r.phone.slice(-6)] : []),
  },
  {
    name: 'postcode+initial',
    description: 'the postcode and the first letter of the given name',
    keys: (r) => {
      const { initial } = names(r);
      return r.postcode && initial ? [`${r.postcode}|${initial}`] : [];
    },
  },
  {
    name: 'identifier',
    description: 'a loyalty card, device or cookie id',
    keys: (r) =>
      Object.entries(r.identifiers)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => `${k}:${v}`),
  },
];

export interface BlockingOptions {
  /** Blocks with more records than this are skipped. @default 100 */
  maxBlockSize?: number;
  /** Compare only records of different sources (linking two inputs rather than deduplicating one). @default false */
  crossSourceOnly?: boolean;
  /** Called after each rule. */
  onRule?: (done: number, total: number, stats: BlockingStats) => void;
}

export interface BlockingStats {
  rule: string;
  /** Keys held by two records or more (in a linkage, by records of both sides). */
  blocks: number;
  /** Blocks skipped for holding more than maxBlockSize records. */
  oversized: number;
  /** Records in the largest block compared. */
  largest: number;
  /** Pairs this rule proposed, before removing pairs other rules proposed too. */
  pairs: number;
}

export interface CandidatePairs {
  /** Record indexes of each pair, left < right. */
  left: Int32Array;
  right: Int32Array;
  stats: BlockingStats[];
}

/**
 * The distinct pairs of records sharing a blocking key under some rule, in
 * (left, right) order. Memory stays proportional to the pairs: each rule's
 * blocks are dropped before the next rule runs, and pairs are kept as numbers
 * in a typed array, sorted once and deduplicated.
 */
export function candidatePairs(
  records: readonly NormalizedRecord[],
  options: BlockingOptions = {},
  rules: readonly BlockingRule[] = BLOCKING_RULES,
): CandidatePairs {
  const maxBlockSize = options.maxBlockSize ?? 100;
  const crossOnly = options.crossSourceOnly ?? false;
  const n = records.length;
  let codes = new Float64Array(1024);
  let size = 0;
  const push = (a: number, b: number) => {
    if (size === codes.length) {
      const grown = new Float64Array(codes.length * 2);
      grown.set(codes);
      codes = grown;
    }
    codes[size++] = a < b ? a * n + b : b * n + a;
  };

  const stats: BlockingStats[] = [];
  rules.forEach((rule, ruleIndex) => {
    const blocks = new Map<string, number[]>();
    for (const record of records) {
      for (const key of rule.keys(record)) {
        const block = blocks.get(key);
        if (block) {
          if (block[block.length - 1] !== record.index) block.push(record.index);
        } else blocks.set(key, [record.index]);
      }
    }
    const s: BlockingStats = { rule: rule.name, blocks: 0, oversized: 0, largest: 0, pairs: 0 };
    for (const block of blocks.values()) {
      if (block.length < 2) continue;
      if (crossOnly) {
        const sources = new Map<number, number>();
        for (const i of block) sources.set(records[i]!.source, (sources.get(records[i]!.source) ?? 0) + 1);
        if (sources.size < 2) continue;
      }
      s.blocks++;
      if (block.length > maxBlockSize) {
        s.oversized++;
        continue;
      }
      s.largest = Math.max(s.largest, block.length);
      for (let i = 0; i < block.length; i++) {
        const a = block[i]!;
        for (let j = i + 1; j < block.length; j++) {
          const b = block[j]!;
          if (crossOnly && records[a]!.source === records[b]!.source) continue;
          push(a, b);
          s.pairs++;
        }
      }
    }
    stats.push(s);
    options.onRule?.(ruleIndex + 1, rules.length, s);
  });

  const sorted = codes.subarray(0, size).sort();
  let unique = 0;
  for (let i = 0; i < size; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) unique++;
  const left = new Int32Array(unique);
  const right = new Int32Array(unique);
  for (let i = 0, k = 0; i < size; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue;
    left[k] = Math.floor(sorted[i]! / n);
    right[k] = sorted[i]! - left[k]! * n;
    k++;
  }
  return { left, right, stats };
}
