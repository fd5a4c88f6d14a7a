import { DEFAULT_RULES } from '../rules';
import { generate } from './generate';
import { blockKeysOf, matchKeysOf, matcherSettings, scoreCandidates, type Comparable } from './live';
import {
  MatchingThreads,
  prepareRecords,
  variantMemo,
  type BlockScoring,
  type BlockScoringInput,
  type MatchingThreadsOptions,
} from './score-blocks';

/**
 * A generated dirty file (typos, swaps, blanks, one duplicate in three) as the bulk load's candidates: each
 * record's match keys, email and phone, blocked as planMatching blocks them. One record in ten shares its
 * customer with the next one (the deterministic decision put them together: their pair is not scored).
 */
function inputOf(people: number): { input: BlockScoringInput; sameCustomer: number } {
  const { files } = generate({ people, level: 'hard', seed: 7, link: false, contacts: true });
  const rows = files[0]!.rows;
  // A record without a name has no match keys (null): it is in no block.
  const candidates: (Comparable | null)[] = rows.map((r) => {
    const keys = matchKeysOf({
      givenName: r.given_name ?? null,
      familyName: r.surname ?? null,
      dateOfBirth: r.date_of_birth ?? null,
      street: r.address_1 ?? null,
      city: r.suburb ?? null,
      postcode: r.postcode ?? null,
      country: 'AU',
    });
    if (!keys) return null;
    return {
      keys,
      emails: r.email ? [r.email.toLowerCase()] : [],
      phones: r.phone ? [`+61${r.phone.replace(/\D/g, '').slice(1)}`] : [],
    };
  });
  const memo = variantMemo();
  const blockIds = new Map<string, number>();
  const members: number[][] = [];
  const blocksOf = candidates.map((c, n) =>
    (c ? blockKeysOf(c, memo) : []).map((key) => {
      let id = blockIds.get(key);
      if (id === undefined) {
        blockIds.set(key, (id = members.length));
        members.push([]);
      }
      members[id]!.push(n);
      return id;
    }),
  );
  const max = DEFAULT_RULES.matching.maxBlockSize;
  const bounded = members.map(() => -1);
  const blockStart = [0];
  const flat: number[] = [];
  members.forEach((m, id) => {
    if (m.length < 2 || m.length > max) return;
    bounded[id] = blockStart.length - 1;
    flat.push(...m);
    blockStart.push(flat.length);
  });
  const recordStart = [0];
  const recordBlocks: number[] = [];
  for (const ids of blocksOf) {
    recordBlocks.push(
      ...ids
        .map((id) => bounded[id]!)
        .filter((b) => b >= 0)
        .sort((x, y) => x - y),
    );
    recordStart.push(recordBlocks.length);
  }
  const customer = Int32Array.from(candidates, (_, n) => n);
  let sameCustomer = 0;
  for (let n = 0; n + 1 < customer.length; n += 10) {
    customer[n + 1] = customer[n]!;
    sameCustomer += 1;
  }
  return {
    input: {
      candidates,
      keys: rows.map((r) => `gen:${r.rec_id}`),
      customer,
      blockStart: Int32Array.from(blockStart),
      members: Int32Array.from(flat),
      recordStart: Int32Array.from(recordStart),
      recordBlocks: Int32Array.from(recordBlocks),
    },
    sameCustomer,
  };
}

/** Both phases on `options.threads` threads, the records' blocks given (planMatching builds them between the two). */
function scoreBlocks(input: BlockScoringInput, options: MatchingThreadsOptions): BlockScoring {
  const { candidates, keys, ...arrays } = input;
  const threads = new MatchingThreads(candidates, keys, options);
  try {
    threads.prepare();
    return threads.score(arrays);
  } finally {
    threads.close();
  }
}

/** Pairs per chunk: small, so that the threads share a few chunks of this file. */
const CHUNK = 2000;

describe("the bulk load's scoring of candidate pairs", () => {
  const { input } = inputOf(3000);
  const failOnWarning = (w: string) => {
    throw new Error(w);
  };
  const alone = scoreBlocks(input, {
    threads: 1,
    matching: DEFAULT_RULES.matching,
    chunkPairs: CHUNK,
    onWarning: failOnWarning,
  });

  it('scores each pair of records that share a bounded block and two customers once, as scoreCandidates does', () => {
    // The pairs by brute force: every pair of every bounded block, deduplicated through a set.
    const settings = matcherSettings(DEFAULT_RULES.matching);
    const pairs = new Map<string, [number, number]>();
    let shared = 0;
    for (let b = 0; b + 1 < input.blockStart.length; b++) {
      const block = Array.from(input.members.subarray(input.blockStart[b], input.blockStart[b + 1]));
      for (let i = 0; i < block.length; i++) {
        for (let j = i + 1; j < block.length; j++) {
          const [x, y] = [block[i]!, block[j]!];
          if (input.customer[x] === input.customer[y]) continue;
          const [from, to] = input.keys[x]! < input.keys[y]! ? [x, y] : [y, x];
          if (pairs.has(`${from}|${to}`)) shared += 1;
          pairs.set(`${from}|${to}`, [from, to]);
        }
      }
    }
    expect(alone.scoredPairs).toBe(pairs.size);
    expect(alone.scoredPairs).toBeGreaterThan(10_000);
    expect(shared).toBeGreaterThan(1000); // pairs that share more than one block, scored once all the same
    const expected = [...pairs.values()]
      .map(([from, to]) => ({
        from,
        to,
        pair: scoreCandidates(input.candidates[from]!, input.candidates[to]!, settings),
      }))
      .filter(({ pair }) => pair.score >= settings.thresholds.lower)
      .sort((x, y) => x.from - y.from || x.to - y.to);
    expect(
      alone.pairs.map(({ from, to, link, evidence }) => ({ from, to, link, evidence: JSON.parse(evidence) })),
    ).toEqual(
      expected.map(({ from, to, pair }) => ({
        from,
        to,
        link: pair.decision === 'link',
        evidence: expect.objectContaining({ score: Math.round(pair.score * 1000) / 1000 }),
      })),
    );
    // Duplicates found, and doubtful pairs for a steward.
    expect(alone.pairs.filter((p) => p.link).length).toBeGreaterThan(500);
    expect(alone.pairs.filter((p) => !p.link).length).toBeGreaterThan(20);
  });

  it("prepares each record's keys, fingerprint and blocks the same on two threads as on one", () => {
    const threads = new MatchingThreads(input.candidates, input.keys, { threads: 2, matching: DEFAULT_RULES.matching });
    try {
      const progress: [number, number][] = [];
      const prepared = threads.prepare((done, of) => progress.push([done, of]));
      expect(prepared).toEqual(prepareRecords(input.candidates, 0, input.candidates.length, variantMemo()));
      // This thread's share is half the records: it says so as it starts (and every 10 000 records).
      expect(progress).toEqual([[0, Math.floor(input.candidates.length / 2)]]);
      expect(prepared.blocks.filter((b) => b.length > 0).length).toBeGreaterThan(5000);
    } finally {
      threads.close();
    }
  });

  it('leaves out the pairs of records already in one customer', () => {
    const together = new Set<number>();
    for (let n = 0; n + 1 < input.customer.length; n++)
      if (input.customer[n] === input.customer[n + 1]) together.add(n);
    const inOne = alone.pairs.filter(({ from, to }) => input.customer[from] === input.customer[to]);
    expect(together.size).toBeGreaterThan(500);
    expect(inOne).toEqual([]);
  });

  it('gives the same pairs when a worker thread scores every chunk', () => {
    const warnings: string[] = [];
    const onWorker = scoreBlocks(input, {
      threads: 2,
      matching: DEFAULT_RULES.matching,
      chunkPairs: CHUNK,
      mainScores: false,
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings).toEqual([]);
    expect(onWorker.chunksByWorkers).toBe(onWorker.chunks);
    expect(onWorker.chunks).toBeGreaterThan(2);
    expect(onWorker.scoredPairs).toBe(alone.scoredPairs);
    expect(onWorker.pairs).toEqual(alone.pairs);
  });

  it('gives the same pairs on two threads sharing the chunks', () => {
    const shared = scoreBlocks(input, {
      threads: 2,
      matching: DEFAULT_RULES.matching,
      chunkPairs: CHUNK,
      onWarning: failOnWarning,
    });
    expect(shared.scoredPairs).toBe(alone.scoredPairs);
    expect(shared.pairs).toEqual(alone.pairs);
  });

  it('scores on the main thread, and says so, when a worker cannot start', () => {
    const warnings: string[] = [];
    // A candidate the worker cannot be sent (a function does not cross threads).
    const unsendable = { ...input, candidates: [...input.candidates] };
    unsendable.candidates[0] = { ...input.candidates[0]!, toJSON: () => 'no' } as unknown as Comparable;
    const fallback = scoreBlocks(unsendable, {
      threads: 2,
      matching: DEFAULT_RULES.matching,
      chunkPairs: CHUNK,
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings).toEqual([expect.stringMatching(/^matching on one thread fewer: a worker thread could not start/)]);
    expect(fallback.chunksByWorkers).toBe(0);
    expect(fallback.pairs).toEqual(alone.pairs);
  });
});
