import { buildRules, PartBlocks, runBatch, type BatchData } from './batch';
import { comparatorFrom, prepareComparator } from './comparator';
import { comparePairs } from './compare-pairs';
import { normalizeValue, type FieldSpec } from './fields';
import { generate } from './generate';

/** A generated dirty file (typos, swaps, blanks) as the batch matcher's input, as `c360 resolve` reads it. */
const COLUMNS: [string, FieldSpec][] = [
  ['given_name', { name: 'given_name', type: 'name', role: 'given' }],
  ['surname', { name: 'family_name', type: 'name', role: 'family' }],
  ['date_of_birth', { name: 'date_of_birth', type: 'date' }],
  ['address_1', { name: 'street', type: 'address' }],
  ['suburb', { name: 'city', type: 'text' }],
  ['postcode', { name: 'postcode', type: 'postcode' }],
];

function file(people: number): BatchData {
  const { files } = generate({ people, level: 'hard', seed: 11, link: false, contacts: false });
  const rows = files[0]!.rows;
  const ctx = { dateOrder: 'DMY' as const, defaultRegion: 'AU' };
  const normalised = COLUMNS.map(([column, spec]) => rows.map((r) => normalizeValue(spec.type, r[column] ?? '', ctx)));
  return {
    fields: COLUMNS.map(([, spec]) => spec),
    n: rows.length,
    keys: normalised.map((col) => col.map(([key]) => key)),
    states: normalised.map((col) => Uint8Array.from(col, ([, state]) => state)),
    source: new Uint8Array(rows.length),
  };
}

/** Pairs whose two arrays differ (toEqual on arrays of 200 000 numbers takes seconds). */
function differing(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let count = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) count++;
  return count;
}

/** Random record pairs on shared memory, enough for several chunks. */
function pairsOf(n: number, count: number): [Int32Array, Int32Array] {
  const left = new Int32Array(new SharedArrayBuffer(count * 4));
  const right = new Int32Array(new SharedArrayBuffer(count * 4));
  let x = 12345;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n;
  for (let p = 0; p < count; p++) [left[p], right[p]] = [next(), next()];
  return [left, right];
}

describe('comparing candidate pairs on several threads', () => {
  const data = file(4000);
  const input = prepareComparator(data.fields, data.n, data.keys, data.states);
  const places = [1, 10, 100, 1000, 10_000, 100_000];
  const [left, right] = pairsOf(data.n, 140_000);
  const { codes: alone } = comparePairs(input, comparatorFrom(input), left, right, places, {
    threads: 1,
    onProgress: () => {},
    onWarning: (w) => {
      throw new Error(w);
    },
  });

  it('gives every pair the same comparison on a worker thread as on the main thread', () => {
    const warnings: string[] = [];
    // The main thread only waits: the worker compares every chunk.
    const { codes, chunksByThread } = comparePairs(input, comparatorFrom(input), left, right, places, {
      threads: 2,
      mainCompares: false,
      onProgress: () => {},
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings).toEqual([]);
    expect(chunksByThread).toEqual([0, Math.ceil(140_000 / 65_536)]);
    expect(differing(codes, alone)).toBe(0);
    // Not a file of missing values: most pairs disagree somewhere, and some agree.
    expect(new Set(codes).size).toBeGreaterThan(50);
  });

  it('compares the pairs of a worker that failed on the main thread, loses none, and says so', () => {
    const warnings: string[] = [];
    // The worker's copy of the records lacks the towns: it throws on the first pair it compares.
    const broken = { ...input, values: input.values.map((v, f) => (f === 4 ? (undefined as unknown as string[]) : v)) };
    const { codes, chunksByThread } = comparePairs(broken, comparatorFrom(input), left, right, places, {
      threads: 2,
      mainCompares: false,
      onProgress: () => {},
      onWarning: (w) => warnings.push(w),
    });
    expect(differing(codes, alone)).toBe(0);
    expect(chunksByThread).toEqual([0, 0]); // the worker finished none; the main thread's take-backs are not counted
    expect(warnings).toEqual([
      expect.stringMatching(/a comparing thread failed; its pairs were compared on the main thread \(TypeError/),
    ]);
  });

  it('matches a file to the same clusters on two threads as on one', () => {
    const big = file(6000);
    const one = runBatch(big, { threads: 1, randomPairs: 20_000 });
    const warnings: string[] = [];
    const two = runBatch(big, { threads: 2, randomPairs: 20_000, onWarning: (w) => warnings.push(w) });
    expect(one.pairCount).toBeGreaterThan(65_536); // more than one chunk to share
    expect(two.pairCount).toBe(one.pairCount);
    expect(differing(two.left, one.left) + differing(two.right, one.right)).toBe(0);
    expect(differing(two.matchWeight, one.matchWeight)).toBe(0);
    expect(differing(two.clusterOf, one.clusterOf)).toBe(0);
    expect(one.clusterCount).toBeLessThan(big.n * 0.8); // duplicates found
    expect(warnings.filter((w) => /thread/.test(w))).toEqual([]);
  });
});

describe('blocks of rules made of parts', () => {
  it('groups the records exactly as the rules’ key strings do, for every rule of a dirty file', () => {
    const data = file(3000);
    const blocks = new PartBlocks(data.n);
    const rules = buildRules(data).filter((rule) => rule.parts);
    expect(rules.length).toBeGreaterThan(10);
    for (const rule of rules) {
      const { blockOf, count } = blocks.of(rule.parts!);
      // The same partition: one block per distinct key, and no record without a key in a block.
      const blockOfKey = new Map<string, number>();
      for (let i = 0; i < data.n; i++) {
        const key = rule.key(i) as string | null;
        if (key === null) {
          expect([rule.name, i, blockOf[i]]).toEqual([rule.name, i, -1]);
          continue;
        }
        const known = blockOfKey.get(key);
        if (known === undefined) blockOfKey.set(key, blockOf[i]!);
        else expect([rule.name, i, blockOf[i]]).toEqual([rule.name, i, known]);
      }
      expect([rule.name, count]).toEqual([rule.name, blockOfKey.size]);
      expect(new Set(blockOfKey.values()).size).toBe(blockOfKey.size);
    }
  });
});
