/**
 * Synthetic observation feeds for the concurrency test and the benchmark:
 * the same people arriving from several sources, as the sources' feeds send
 * them (raw identifiers, names and match attributes), deterministic for a
 * seed. What the data holds, so that every rule of the graph is exercised:
 * - people with 1 to 4 records across the sources, linked through their
 *   email, mobile or work email, some only through a chain of records (merges
 *   as records arrive in any order);
 * - records observed twice: first holding another person's email too (the
 *   two people merge), then without it (they split again);
 * - a family email on more records, of more names, than the guards allow
 *   (blocked: too-many-records / too-many-names), and a block-listed value;
 * - with `matching`, names, dates of birth and addresses, and records that
 *   share no identifier with the person's others (found only by the
 *   probabilistic matcher).
 */
import type { ObservationFeedPage, ObservedRecord } from '@c360/kit/feed';
import { seededRandom } from '@c360/kit/random';
import { FIRST, LAST } from '../src/matching/generate';

export interface SyntheticOptions {
  /** Observations in all (records observed twice count twice). */
  records: number;
  seed: number;
  /** Source system names; records are spread over them. */
  systems: string[];
  /** Goes into every identifier value, so that two runs in one graph never share an identifier. */
  tag: string;
  /** One digit 1-9 for the phone numbers of this run (phones have no room for the tag). */
  phoneDigit: number;
  /** Send match attributes (names, dates of birth, addresses) for the probabilistic matcher. */
  matching?: boolean;
}

export interface SyntheticFeeds {
  /** Per system, its change log, oldest first (a record observed twice appears twice). */
  feeds: Map<string, ObservedRecord[]>;
  people: number;
  observations: number;
  /** Records observed twice (merge, then split). */
  splits: number;
  /** Records holding the guard-limited family email. */
  guarded: number;
}

/** Given and family names of eight locales (the batch matcher's generator's lists), capitalised. */
const capital = (name: string) =>
  name.replace(/(^|[ '-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
const GIVEN = FIRST.map(capital);
const FAMILY = LAST.map(capital);
const CITIES: [string, string][] = [
  ['Paris', '75011'],
  ['Lyon', '69003'],
  ['Nantes', '44000'],
  ['Lille', '59000'],
  ['Rennes', '35000'],
];

/** One of a thousand postcodes of the town's area, by a hash of the person. */
function postcodeOf(area: string, p: number): string {
  const h = Math.imul(p ^ 0x5bd1e995, 2246822519) >>> 0;
  return `${area.slice(0, 2)}${String(h % 1000).padStart(3, '0')}`;
}

/** A date of birth from 1940 to 2005 spread by a hash of the person (the earlier `p mod` date repeated every 2 100 people). */
function birthDate(p: number): string {
  const h = Math.imul(p, 2654435761) >>> 0;
  const [year, month, day] = [1940 + (h % 66), 1 + ((h >>> 8) % 12), 1 + ((h >>> 16) % 28)];
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function syntheticFeeds(options: SyntheticOptions): SyntheticFeeds {
  const rand = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const feeds = new Map<string, ObservedRecord[]>(options.systems.map((s) => [s, []]));
  const localIds = new Map<string, number>(options.systems.map((s) => [s, 0]));
  const start = Date.parse('2026-01-01T00:00:00Z');
  const family = `family.${options.tag}@example.com`;
  let observations = 0;
  let people = 0;
  let splits = 0;
  let guarded = 0;
  const push = (system: string, record: ObservedRecord) => {
    feeds.get(system)!.push(record);
    observations += 1;
  };
  while (observations < options.records) {
    people += 1;
    const p = people;
    const email = `person${p}.${options.tag}@example.com`;
    const work = `p${p}.${options.tag}@work.example`;
    const mobile = `+336${options.phoneDigit}${String(p % 10_000_000).padStart(7, '0')}`;
    const given = pick(GIVEN);
    const familyName = pick(FAMILY);
    const [city, area] = pick(CITIES);
    const postcode = postcodeOf(area, p);
    const dob = birthDate(p);
    const n = Math.min(rand() < 0.35 ? 1 : rand() < 0.5 ? 2 : rand() < 0.7 ? 3 : 4, options.records - observations);
    const sets: { kind: 'EMAIL' | 'PHONE'; value: string }[][] = [[{ kind: 'EMAIL', value: email }]];
    if (n >= 2)
      sets.push([
        { kind: 'EMAIL', value: email.toUpperCase() },
        { kind: 'PHONE', value: mobile },
      ]);
    if (n >= 3)
      sets.push([
        { kind: 'PHONE', value: mobile },
        { kind: 'EMAIL', value: work },
      ]);
    if (n >= 4) sets.push([{ kind: 'EMAIL', value: ` ${work} ` }]);
    const observedAt = (offsetMinutes: number) => new Date(start + (p * 10 + offsetMinutes) * 60_000).toISOString();
    sets.forEach((identifiers, i) => {
      const system = pick(options.systems);
      const id = (localIds.get(system) ?? 0) + 1;
      localIds.set(system, id);
      const localId = `${system}-${id}`;
      const extra: ObservedRecord['identifiers'] = [];
      // The guard-limited family email, on records of many different people.
      if (rand() < 0.004) {
        extra.push({ kind: 'EMAIL', value: family });
        guarded += 1;
      }
      if (rand() < 0.002) extra.push({ kind: 'EMAIL', value: 'test@test.com' });
      const base: ObservedRecord = {
        system,
        localId,
        observedAt: observedAt(i),
        name: `${given} ${familyName}`,
        identifiers: [...identifiers, ...extra],
        ...(options.matching && {
          match: { givenName: given, familyName, dateOfBirth: dob, city, postcode, country: 'FR' },
        }),
      };
      // Merge then split: first observed with the previous person's email too, later without it.
      if (p > 1 && rand() < 0.03 && observations + 2 <= options.records) {
        const other = `person${p - 1}.${options.tag}@example.com`;
        push(system, { ...base, identifiers: [...base.identifiers, { kind: 'EMAIL', value: other }] });
        push(system, { ...base, observedAt: observedAt(5 + i) });
        splits += 1;
      } else if (observations < options.records) {
        push(system, base);
      }
    });
    // With matching on, some people have a record that shares no identifier: only its name, date and place tell.
    if (options.matching && rand() < 0.1 && observations < options.records) {
      const system = pick(options.systems);
      const id = (localIds.get(system) ?? 0) + 1;
      localIds.set(system, id);
      push(system, {
        system,
        localId: `${system}-${id}`,
        observedAt: observedAt(8),
        name: `${given} ${familyName}`,
        identifiers: [{ kind: 'EMAIL', value: `other${p}.${options.tag}@mail.example` }],
        match: { givenName: given, familyName, dateOfBirth: dob, city, postcode, country: 'FR' },
      });
    }
  }
  for (const log of feeds.values()) log.sort((a, b) => a.observedAt.localeCompare(b.observedAt));
  return { feeds, people, observations, splits, guarded };
}

/** A feed page reader over a change log, paged by position: the same pages for the same cursor and size. */
export function pageReader(log: ObservedRecord[]) {
  return async (after: string | null, limit: number): Promise<ObservationFeedPage> => {
    const from = after ? Number(after) : 0;
    const records = log.slice(from, from + limit);
    const to = from + records.length;
    return { records, nextCursor: log.length === 0 ? null : String(to), hasMore: to < log.length };
  };
}
