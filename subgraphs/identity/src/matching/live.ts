import { createHash } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { MatchAttributes } from '@c360/kit/feed';
import type { NormalizedIdentifier } from '../normalize';
import { RULES } from '../resolve';
import type { MatchingRules } from '../rules';
import { BLOCKING_RULES } from './blocking';
import { COMPARISONS, COMPARISON_COUNT, compareRecords } from './comparisons';
import { decide, scoredFromLevels, type Guard, type ScoredPair, type Thresholds } from './engine';
import { normalizeValue } from './fields';
import { MatchModel } from './model';
import type { InputRecord } from './attributes';
import { normalizeRecord, type NormalizedRecord } from './normalize';

/**
 * Live probabilistic matching in the identity graph. After the deterministic
 * resolution of a batch, each observed record that carries match attributes
 * is compared with the records sharing one of its blocking keys (bounded
 * blocks, one batched read) and scored Fellegi–Sunter style: at or above the
 * upper threshold the pair gets a SAME_AS link (rule, score, per-comparison
 * breakdown, time), which then joins the customers through resolve(); from
 * the lower threshold up, the pair goes to the review queue (review.ts).
 *
 * The graph keeps only match keys, never the source's values: names folded
 * (the fuzzy comparisons need their letters, as the name key already does),
 * the date of birth as an ISO date, the street as a keyed hash (so only
 * "same street" can be told, not "close street"), city folded, postcode and
 * country code. Blocking keys are stored as hashes.
 */

/** The normalised match keys of a record, as the graph stores them on its SourceRecord. */
export interface MatchKeys {
  given: string | null;
  family: string | null;
  full: string | null;
  /** YYYY-MM-DD. */
  dob: string | null;
  /**
   * A date of birth that does not parse (`19310175`), as its digits or folded
   * text: kept and compared as a string, never dropped. Absent otherwise.
   */
  dobText?: string;
  /**
   * Emails and phones of the record that the graph could not normalise (`jane.doe at mail`, `n/a 555 12`),
   * as folded text (a phone's digits): kept and compared as strings, never dropped. Absent when none.
   */
  emailText?: string[];
  phoneText?: string[];
  /** Hash of the normalised street. */
  street: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
  /**
   * Identifier kinds of the source (national_id, member_no …) → hash of the
   * normalised value; absent on keys stored before such kinds existed.
   */
  identifiers?: Record<string, string>;
}

/** A kind name as the batch matcher's attributes are named. */
const IDENTIFIER_KIND = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Weights of an identifier kind in a live score: agreeing on an identifier
 * almost never happens between two people (u ≈ 1e-4) and almost always for one
 * (m ≈ 0.95); disagreeing is weaker evidence, sources mistype and reissue ids.
 */
export const IDENTIFIER_WEIGHTS = { agree: Math.log2(0.95 / 1e-4), disagree: Math.log2(0.05 / 0.9999) } as const;

export const MATCH_RULES = { auto: RULES.probabilistic, reviewed: RULES.reviewed } as const;

const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 16);
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Normalises a source's match attributes into match keys; null when nothing
 * usable is left (no name: a record without a name is never matched, an email
 * or phone alone being the deterministic rules' job). A date that cannot be
 * read (`19310175`) is kept as text (`dobText`) and compared by edit distance,
 * as the batch matcher does: not guessed, and not dropped.
 */
export function matchKeysOf(
  attributes: MatchAttributes | null | undefined,
  unreadable: readonly { kind: string; value: string }[] = [],
): MatchKeys | null {
  if (!attributes) return null;
  const { record } = normalizeRecord(
    {
      source: 0,
      id: '',
      values: {
        given_name: attributes.givenName,
        family_name: attributes.familyName,
        full_name: attributes.fullName,
        date_of_birth: attributes.dateOfBirth,
        street: attributes.street,
        city: attributes.city,
        postcode: attributes.postcode,
        country: attributes.country,
      },
    },
    0,
  );
  const keys: MatchKeys = {
    given: record.given?.text ?? null,
    family: record.family?.text ?? null,
    full: record.full && !record.fullDerived ? record.full.text : null,
    dob: record.dob ? `${record.dob.year}-${pad(record.dob.month)}-${pad(record.dob.day)}` : null,
    street: record.street ? hash(`street:${record.street}`) : null,
    city: record.city,
    postcode: record.postcode,
    country: record.country,
  };
  if (record.dobText) keys.dobText = record.dobText;
  // Emails and phones the graph refused (so no Identifier holds them): their text, as the comparison reads it.
  for (const { kind, value } of unreadable) {
    const attribute = kind === 'EMAIL' ? 'email' : kind === 'PHONE' ? 'phone' : null;
    if (!attribute || typeof value !== 'string') continue;
    const { record: one } = normalizeRecord({ source: 0, id: '', values: { [attribute]: value } }, 0);
    const text = attribute === 'email' ? (one.email?.value ?? one.emailText) : (one.phone ?? one.phoneText);
    if (!text) continue;
    const list = attribute === 'email' ? (keys.emailText ??= []) : (keys.phoneText ??= []);
    if (!list.includes(text) && list.length < 2) list.push(text);
  }
  const identifiers: Record<string, string> = {};
  for (const [kind, raw] of Object.entries(attributes.identifiers ?? {})) {
    if (!IDENTIFIER_KIND.test(kind) || typeof raw !== 'string') continue;
    const [value] = normalizeValue('identifier', raw, { dateOrder: 'DMY', defaultRegion: 'FR' });
    if (value !== '') identifiers[kind] = hash(`identifier:${kind}:${value}`);
  }
  if (Object.keys(identifiers).length > 0) keys.identifiers = identifiers;
  return keys.given || keys.family || keys.full || keys.identifiers ? keys : null;
}

/** The settings of the matcher, checked: thrown errors name the bad setting. */
export interface MatcherSettings {
  enabled: boolean;
  thresholds: Thresholds;
  maxBlockSize: number;
  guards: Guard[];
  model: MatchModel;
}

export function matcherSettings(rules: MatchingRules): MatcherSettings {
  const guards = rules.guards.map((g) => {
    const [comparison, level] = g.split('=') as [string, string];
    const spec = COMPARISONS.find((c) => c.name === comparison);
    if (!spec || !spec.levels.includes(level)) {
      throw new Error(
        `Invalid matching.guards: unknown "${g}"; expected comparison=level among ${COMPARISONS.map((c) => `${c.name}=${c.levels.join('|')}`).join(', ')}`,
      );
    }
    return { comparison, level };
  });
  return {
    enabled: rules.enabled,
    thresholds: rules.thresholds,
    maxBlockSize: rules.maxBlockSize,
    guards,
    model: rules.model === undefined ? MatchModel.defaults() : MatchModel.fromJSON(rules.model),
  };
}

/** One line of the explanation of a score, as stored on a link or a review (missing comparisons left out). */
export interface ComparisonWeight {
  comparison: string;
  level: string;
  weight: number;
}

/** How a pair scored: what explain shows and the review queue lists. */
export interface MatchEvidence {
  score: number;
  probability: number;
  comparisons: ComparisonWeight[];
  /** Guards the pair tripped ("comparison=level"): reviewed however high the score. */
  guards: string[];
}

export function evidenceOf(pair: ScoredPair): MatchEvidence {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    score: round(pair.score),
    probability: round(pair.probability),
    comparisons: pair.breakdown
      .filter((b) => b.level !== 'missing')
      .map((b) => ({ comparison: b.comparison, level: b.level, weight: round(b.weight) })),
    guards: pair.guards,
  };
}

/** Parses evidence as stored (JSON on a link or a review); null when absent or unreadable. */
export function parseEvidence(json: unknown): MatchEvidence | null {
  if (typeof json !== 'string') return null;
  try {
    return JSON.parse(json) as MatchEvidence;
  } catch {
    return null;
  }
}

/** A record as the matcher compares it: its match keys and the identifiers (emails, phones) that still link. */
interface Candidate {
  key: string;
  keys: MatchKeys;
  emails: string[];
  phones: string[];
  customerId: string | null;
  pinned: boolean;
}

export type Comparable = Pick<Candidate, 'keys' | 'emails' | 'phones'>;

/**
 * Scores and variants already computed within one write, by what they read
 * (a record's match keys, emails and phones) and the settings they were
 * computed with: candidateCustomers scores a batch's records against their
 * blocks before the locks, each round of locking reads them again, and the
 * matcher scores the same pairs under the locks. A pair whose two sides read
 * the same values as before scores the same (scoreCandidates depends on
 * nothing else), so it is not scored again; a side whose keys or identifiers
 * changed meanwhile has another memo key and is scored anew.
 */
export class ScoreMemo {
  private readonly scores = new Map<string, ScoredPair>();
  private readonly variants = new Map<string, NormalizedRecord[]>();
  private readonly ids = new WeakMap<object, string>();
  /** Pairs scored, and pairs answered from the memo (for tests and logs). */
  scored = 0;
  reused = 0;

  constructor(readonly settings: MatcherSettings) {}

  /** What scoring reads of a side, as text. */
  idOf(c: Comparable): string {
    let id = this.ids.get(c);
    if (id === undefined) {
      id = JSON.stringify([c.keys, c.emails, c.phones]);
      this.ids.set(c, id);
    }
    return id;
  }

  variantsOf(c: Comparable): NormalizedRecord[] {
    const id = this.idOf(c);
    let variants = this.variants.get(id);
    if (!variants) {
      variants = variantsOf(c);
      this.variants.set(id, variants);
    }
    return variants;
  }

  score(a: Comparable, b: Comparable): ScoredPair {
    const id = `${this.idOf(a)}\u0001${this.idOf(b)}`;
    const known = this.scores.get(id);
    if (known) {
      this.reused += 1;
      return known;
    }
    this.scored += 1;
    const scored = scoreCandidates(a, b, this.settings, this);
    this.scores.set(id, scored);
    return scored;
  }
}

/** Where scoring and blocking take a record's variants from (a ScoreMemo, or the bulk load's cache). */
export interface VariantSource {
  variantsOf(c: Comparable): NormalizedRecord[];
}

/** The memo to use for these settings: none (a fresh one) when it was made for others. */
const memoFor = (memo: ScoreMemo | undefined, settings: MatcherSettings) =>
  memo && memo.settings === settings ? memo : new ScoreMemo(settings);

/**
 * The record's variants to compare: one per email × phone it holds (two of
 * each at most), since a comparison reads one value per attribute and a CRM
 * contact's work email says nothing about a shop account's personal one.
 */
export function variantsOf(c: Comparable): NormalizedRecord[] {
  const allEmails = [...c.emails, ...(c.keys.emailText ?? [])];
  const allPhones = [...c.phones, ...(c.keys.phoneText ?? [])];
  const emails = allEmails.length > 0 ? allEmails.slice(0, 2) : [null];
  const phones = allPhones.length > 0 ? allPhones.slice(0, 2) : [null];
  const normalize = (values: InputRecord['values']) => normalizeRecord({ source: 0, id: '', values }, 0).record;
  // The names, date and address once (the costly part); the variants differ by their email and phone only,
  // which normalise on their own (a phone with the record's country as its region).
  const base = normalize({
    given_name: c.keys.given,
    family_name: c.keys.family,
    full_name: c.keys.full,
    date_of_birth: c.keys.dob ?? c.keys.dobText ?? null,
    street: c.keys.street,
    city: c.keys.city,
    postcode: c.keys.postcode,
    country: c.keys.country,
    email: emails[0],
    phone: phones[0],
  });
  if (emails.length === 1 && phones.length === 1) return [base];
  // Each email and phone normalised once: the first ones are the base's.
  const emailsOf = emails.map((email, i) => {
    const r = i === 0 ? base : normalize({ email });
    return { email: r.email, emailText: r.emailText };
  });
  const phonesOf = phones.map((phone, i) => {
    const r = i === 0 ? base : normalize({ country: c.keys.country, phone });
    return { phone: r.phone, phoneText: r.phoneText };
  });
  const variants: NormalizedRecord[] = [];
  emailsOf.forEach((email, i) => {
    phonesOf.forEach((phone, j) => variants.push(i === 0 && j === 0 ? base : { ...base, ...email, ...phone }));
  });
  return variants;
}

/** The best-scoring comparison of two records over their variants. */
export function scoreCandidates(
  a: Comparable,
  b: Comparable,
  settings: MatcherSettings,
  memo?: VariantSource,
): ScoredPair {
  const best = bestComparison(a, b, settings, memo);
  return withIdentifiers(explainBest(best, settings), a.keys.identifiers, b.keys.identifiers, settings);
}

/**
 * scoreCandidates' answer when its score is at least `lower`, else null, without explaining the pairs below it
 * (the bulk load scores millions of pairs, and keeps a few).
 */
export function scoreCandidatesFrom(
  a: Comparable,
  b: Comparable,
  settings: MatcherSettings,
  lower: number,
  memo?: VariantSource,
): ScoredPair | null {
  const best = bestComparison(a, b, settings, memo);
  if (withIdentifierWeights(best.score, a.keys.identifiers, b.keys.identifiers) < lower) return null;
  return withIdentifiers(explainBest(best, settings), a.keys.identifiers, b.keys.identifiers, settings);
}

/** The comparison levels scoreCandidates keeps: its best pair of variants (the first of equal scores). */
interface BestComparison {
  x: NormalizedRecord;
  y: NormalizedRecord;
  levels: Int8Array;
  score: number;
}

/** Levels of the pair being compared: every comparison is synchronous, so one array serves them all. */
const scratchLevels = new Int8Array(COMPARISON_COUNT);

function bestComparison(a: Comparable, b: Comparable, settings: MatcherSettings, memo?: VariantSource): BestComparison {
  let best: BestComparison | null = null;
  const variantsOfB = memo ? memo.variantsOf(b) : variantsOf(b);
  for (const x of memo ? memo.variantsOf(a) : variantsOf(a)) {
    for (const y of variantsOfB) {
      const score = settings.model.score(compareRecords(x, y, scratchLevels));
      if (!best) best = { x, y, levels: scratchLevels.slice(), score };
      else if (score > best.score) {
        best.x = x;
        best.y = y;
        best.levels.set(scratchLevels);
        best.score = score;
      }
    }
  }
  return best!;
}

const explainBest = (best: BestComparison, settings: MatcherSettings) =>
  scoredFromLevels(best.x, best.y, best.levels, settings.model, settings.thresholds, settings.guards);

/** A score with the weights withIdentifiers adds for the identifier kinds both records hold (added in its order). */
function withIdentifierWeights(
  score: number,
  a: Record<string, string> | undefined,
  b: Record<string, string> | undefined,
): number {
  if (!a || !b) return score;
  for (const kind of Object.keys(a).sort()) {
    if (b[kind] !== undefined) score += a[kind] === b[kind] ? IDENTIFIER_WEIGHTS.agree : IDENTIFIER_WEIGHTS.disagree;
  }
  return score;
}

/** Adds the evidence of the identifier kinds both records hold (custom kinds of the sources) to a score. */
function withIdentifiers(
  pair: ScoredPair,
  a: Record<string, string> | undefined,
  b: Record<string, string> | undefined,
  settings: MatcherSettings,
): ScoredPair {
  if (!a || !b) return pair;
  const kinds = Object.keys(a)
    .filter((k) => b[k] !== undefined)
    .sort();
  if (kinds.length === 0) return pair;
  let score = pair.score;
  const breakdown = [...pair.breakdown];
  for (const kind of kinds) {
    const same = a[kind] === b[kind];
    const weight = same ? IDENTIFIER_WEIGHTS.agree : IDENTIFIER_WEIGHTS.disagree;
    score += weight;
    breakdown.push({
      comparison: kind,
      attributes: [],
      level: same ? 'exact' : 'different',
      weight,
      m: same ? 0.95 : 0.05,
      u: same ? 1e-4 : 0.9999,
    });
  }
  return {
    ...pair,
    score,
    probability: settings.model.probability(score),
    decision: decide(score, settings.thresholds, pair.guards.length > 0),
    breakdown,
  };
}

/** A blocking key as the graph stores it (a MatchBlock's key): the hash of the rule's name and key. */
export const blockKeyHash = (rule: string, key: string) => hash(`${rule}|${key}`);

/** Hashed blocking keys of a record (every rule but `identifier`: shared identifiers link deterministically). */
export function blockKeysOf(c: Comparable, memo?: VariantSource): string[] {
  // The variants share most keys (those of the name, date and address): each distinct one is hashed once.
  const keys = new Set<string>();
  for (const variant of memo ? memo.variantsOf(c) : variantsOf(c)) {
    for (const rule of BLOCKING_RULES) {
      if (rule.name === 'identifier') continue;
      for (const key of rule.keys(variant)) keys.add(`${rule.name}|${key}`);
    }
  }
  for (const [kind, value] of Object.entries(c.keys.identifiers ?? {})) keys.add(`identifier|${kind}|${value}`);
  return [...new Set(Array.from(keys, hash))].sort();
}

/** Sorted, so that a pair has one key whichever record was observed. */
export const pairKey = (a: string, b: string) => (a < b ? `${a}\u0001${b}` : `${b}\u0001${a}`);

/** Match keys plus what the comparison reads of the identifiers: when it changes, the record is matched again. */
export function fingerprint(keys: MatchKeys, emails: string[], phones: string[]): string {
  return hash(JSON.stringify([keys, emails, phones]));
}

/** An observation as the matcher needs it. */
export interface MatchObservation {
  key: string;
  system: string;
  localId: string;
  match?: MatchKeys | null;
  identifiers: NormalizedIdentifier[];
}

export interface MatchOutcome {
  /** Record keys joined by new SAME_AS links, to re-resolve. */
  linked: string[];
  /** Pairs linked and sent to review, for logs and tests. */
  links: number;
  reviews: number;
}

const tupleOf = (key: string) => key.split('\u0000') as [string, string];
const keyOf = (system: string, localId: string) => `${system}\u0000${localId}`;
const linking = (identifiers: { kind: string; value: string }[], kind: string) =>
  identifiers
    .filter((i) => i.kind === kind)
    .map((i) => i.value)
    .sort();

/**
 * Stores the match keys of the observed records whose keys changed, then
 * matches them against their blocks, in the caller's transaction (which holds
 * the resolution lock). A record observed again with the same keys and
 * identifiers costs one read and is not matched again, so a replayed feed
 * changes nothing. Returns the records to re-resolve (joined by a new link).
 */
export async function matchObserved(
  tx: ManagedTransaction,
  observations: MatchObservation[],
  settings: MatcherSettings,
  source: (key: string) => string,
  lockCustomers: (ids: string[]) => Promise<void> = async () => {},
  scores?: ScoreMemo,
): Promise<MatchOutcome> {
  const memo = memoFor(scores, settings);
  const outcome: MatchOutcome = { linked: [], links: 0, reviews: 0 };
  const withKeys = observations.filter((o) => o.match !== undefined);
  if (withKeys.length === 0) return outcome;

  // What the graph holds of them now: identifiers that still link (a blocked family email says nothing), the
  // fingerprint of the keys last matched.
  const current = await tx.run(
    `UNWIND $keys AS k
     MATCH (r:SourceRecord {system: k[0], localId: k[1]})
     RETURN k, r.matchFingerprint AS fingerprint,
            [(r)-[:HAS]->(i:Identifier) WHERE i.kind IN ['EMAIL', 'PHONE'] AND NOT coalesce(i.blocked, false)
              | {kind: i.kind, value: i.value}] AS identifiers`,
    { keys: withKeys.map((o) => [o.system, o.localId]) },
  );
  const stored = new Map(
    current.records.map((r) => [
      keyOf(...(r.get('k') as [string, string])),
      {
        fingerprint: r.get('fingerprint') as string | null,
        identifiers: r.get('identifiers') as { kind: string; value: string }[],
      },
    ]),
  );
  const changed: { o: MatchObservation; candidate: Candidate | null; fingerprint: string | null; blocks: string[] }[] =
    [];
  for (const o of withKeys) {
    const now = stored.get(o.key);
    if (!now) continue;
    const emails = linking(now.identifiers, 'EMAIL');
    const phones = linking(now.identifiers, 'PHONE');
    const keys = o.match ?? null;
    const fp = keys ? fingerprint(keys, emails, phones) : null;
    if (fp === now.fingerprint) continue;
    const candidate = keys ? { key: o.key, keys, emails, phones, customerId: null, pinned: false } : null;
    changed.push({ o, candidate, fingerprint: fp, blocks: candidate ? blockKeysOf(candidate, memo) : [] });
  }
  if (changed.length === 0) return outcome;

  await tx.run(
    `UNWIND $records AS rec
     MATCH (r:SourceRecord {system: rec.system, localId: rec.localId})
     SET r.matchKeys = rec.keys, r.matchFingerprint = rec.fingerprint
     WITH r, rec
     CALL { WITH r MATCH (r)-[old:IN_BLOCK]->(:MatchBlock) DELETE old }
     WITH r, rec
     UNWIND rec.blocks AS block
     MERGE (b:MatchBlock {key: block})
     CREATE (r)-[:IN_BLOCK]->(b)`,
    {
      records: changed.map(({ o, candidate, fingerprint: fp, blocks }) => ({
        system: o.system,
        localId: o.localId,
        keys: candidate ? JSON.stringify(candidate.keys) : null,
        fingerprint: fp,
        blocks,
      })),
    },
  );
  const toMatch = changed.filter((c) => c.candidate !== null);
  if (!settings.enabled || toMatch.length === 0) return outcome;

  // Every record sharing a block of a changed record, in another customer; blocks over the size limit are skipped.
  const found = await tx.run(
    `UNWIND $keys AS k
     MATCH (r:SourceRecord {system: k[0], localId: k[1]})-[:IN_BLOCK]->(b:MatchBlock)
     WHERE COUNT { (b)<-[:IN_BLOCK]-() } <= $maxBlockSize
     MATCH (b)<-[:IN_BLOCK]-(o:SourceRecord) WHERE o <> r
     WITH DISTINCT r, o
     MATCH (r)-[:BELONGS_TO]->(rc:Customer), (o)-[:BELONGS_TO]->(oc:Customer) WHERE rc <> oc
     RETURN [r.system, r.localId] AS from, coalesce(r.pinned, false) AS fromPinned, rc.id AS fromCustomer,
            oc.id AS toCustomer,
            [o.system, o.localId] AS to, coalesce(o.pinned, false) AS toPinned, o.matchKeys AS keys,
            [(o)-[:HAS]->(i:Identifier) WHERE i.kind IN ['EMAIL', 'PHONE'] AND NOT coalesce(i.blocked, false)
              | {kind: i.kind, value: i.value}] AS identifiers`,
    { keys: toMatch.map(({ o }) => [o.system, o.localId]), maxBlockSize: settings.maxBlockSize },
  );
  const own = new Map(toMatch.map((c) => [c.o.key, c.candidate!]));
  const pairs = new Map<
    string,
    { from: string; to: string; pinned: boolean; scored: ScoredPair; customers: [string, string] }
  >();
  for (const row of found.records) {
    const from = keyOf(...(row.get('from') as [string, string]));
    const to = keyOf(...(row.get('to') as [string, string]));
    const pk = pairKey(from, to);
    if (pairs.has(pk) || row.get('keys') === null) continue;
    const other = {
      keys: JSON.parse(row.get('keys') as string) as MatchKeys,
      emails: linking(row.get('identifiers'), 'EMAIL'),
      phones: linking(row.get('identifiers'), 'PHONE'),
    };
    const mine = own.get(from)!;
    // Records are scored in key order, so that a pair scores the same whichever side was observed.
    // The same pair read the same way by candidateCustomers earlier in this write is not scored again.
    const scored = from < to ? memo.score(mine, other) : memo.score(other, mine);
    if (scored.score < settings.thresholds.lower) continue;
    pairs.set(pk, {
      from: from < to ? from : to,
      to: from < to ? to : from,
      pinned: (row.get('fromPinned') as boolean) || (row.get('toPinned') as boolean),
      scored,
      customers: [row.get('fromCustomer') as string, row.get('toCustomer') as string],
    });
  }
  if (pairs.size === 0) return outcome;

  // A pair a person decided on is never proposed or linked again.
  const decided = await tx.run(
    `UNWIND $pairs AS p MATCH (m:MatchReview {pair: p}) WHERE m.status <> 'PENDING' RETURN m.pair AS pair`,
    { pairs: [...pairs.keys()] },
  );
  for (const row of decided.records) pairs.delete(row.get('pair') as string);
  if (pairs.size === 0) return outcome;
  // The customers of both sides are locked before their records are written to (a SAME_AS link, a review's
  // CONCERNS): a writer moving a record or changing its identifiers holds its customer, so the record's own
  // lock is then never waited for while that writer waits for a lock held here. The caller takes most of them
  // earlier, with its other customers (see candidateCustomers); those found only now come in a later round.
  await lockCustomers([...new Set([...pairs.values()].flatMap((p) => p.customers))]);

  const links: Record<string, unknown>[] = [];
  const reviews: Record<string, unknown>[] = [];
  for (const [pk, { from, to, pinned, scored }] of pairs) {
    const [fs, fl] = tupleOf(from);
    const [ts, tl] = tupleOf(to);
    const explained = evidenceOf(scored);
    const evidence = JSON.stringify(explained);
    // The rounded score, as shown: the review queue pages by it, with cursors made from what it shows.
    const pair = { pair: pk, from: [fs, fl], to: [ts, tl], score: explained.score, probability: explained.probability };
    // A record unlinked by hand is never linked automatically again: at most proposed.
    if (scored.decision === 'link' && !pinned) {
      links.push({ ...pair, evidence, source: source(from) });
      outcome.linked.push(from, to);
    } else reviews.push({ ...pair, evidence });
  }
  outcome.links = links.length;
  outcome.reviews = reviews.length;
  const statements: Promise<unknown>[] = [];
  if (links.length > 0) {
    statements.push(
      tx.run(
        `UNWIND $links AS l
         MATCH (a:SourceRecord {system: l.from[0], localId: l.from[1]}), (b:SourceRecord {system: l.to[0], localId: l.to[1]})
         MERGE (a)-[s:SAME_AS]->(b)
           ON CREATE SET s.rule = $rule, s.score = l.score, s.confidence = l.probability, s.evidence = l.evidence,
                         s.source = l.source, s.at = datetime()
         WITH a, b, l
         OPTIONAL MATCH (m:MatchReview {pair: l.pair})
         SET m.status = 'LINKED', m.decidedAt = datetime(), m.decidedBy = $rule
         WITH a, b, l
         OPTIONAL MATCH (b)-[:BELONGS_TO]->(bc:Customer)
         CREATE (:IdentityEvent {type: 'link', at: datetime(), system: b.system, localId: b.localId,
                 rule: $rule, actor: 'probabilistic-matcher', customerId: bc.id,
                 reason: 'score ' + toString(round(l.score, 2)) + ' with ' + a.system + '/' + a.localId})`,
        { links, rule: MATCH_RULES.auto },
      ),
    );
  }
  if (reviews.length > 0) {
    statements.push(
      tx.run(
        `UNWIND $reviews AS p
         MATCH (a:SourceRecord {system: p.from[0], localId: p.from[1]}), (b:SourceRecord {system: p.to[0], localId: p.to[1]})
         MERGE (m:MatchReview {pair: p.pair})
           ON CREATE SET m.id = randomUUID(), m.status = 'PENDING', m.createdAt = datetime()
         SET m.score = p.score, m.probability = p.probability, m.evidence = p.evidence, m.updatedAt = datetime()
         MERGE (m)-[:CONCERNS {side: 'left'}]->(a)
         MERGE (m)-[:CONCERNS {side: 'right'}]->(b)`,
        { reviews },
      ),
    );
  }
  await Promise.all(statements);
  return outcome;
}

/** A record about to be matched, as the caller knows it before writing it: its key, match keys and identifiers. */
export interface MatchCandidateQuery {
  key: string;
  keys: MatchKeys;
  emails: string[];
  phones: string[];
}

/**
 * The customers that matchObserved will most likely link or propose the given
 * records with: those of the records already in their blocks (bounded ones)
 * scoring at least the lower threshold. Read before the records are matched,
 * so that the writer locks them together with its other customers, in one
 * sorted round, instead of after the blocks and the customers it already
 * holds (the order that deadlocked two writers matching at once). A hint,
 * never the decision: matchObserved reads again under the locks, and, given
 * the same ScoreMemo, scores again only the pairs whose records it reads
 * differently.
 */
export async function candidateCustomers(
  tx: ManagedTransaction,
  records: MatchCandidateQuery[],
  settings: MatcherSettings,
  scores?: ScoreMemo,
): Promise<string[]> {
  if (!settings.enabled || records.length === 0) return [];
  const memo = memoFor(scores, settings);
  const byBlock = new Map<string, MatchCandidateQuery[]>();
  for (const r of records) {
    for (const block of blockKeysOf(r, memo)) {
      const list = byBlock.get(block) ?? [];
      list.push(r);
      byBlock.set(block, list);
    }
  }
  const own = new Set(records.map((r) => r.key));
  const found = await tx.run(
    `UNWIND $blocks AS key
     MATCH (b:MatchBlock {key: key}) WHERE COUNT { (b)<-[:IN_BLOCK]-() } < $maxBlockSize
     MATCH (b)<-[:IN_BLOCK]-(o:SourceRecord)-[:BELONGS_TO]->(oc:Customer) WHERE o.matchKeys IS NOT NULL
     RETURN key, [o.system, o.localId] AS k, oc.id AS customerId, o.matchKeys AS keys,
            [(o)-[:HAS]->(i:Identifier) WHERE i.kind IN ['EMAIL', 'PHONE'] AND NOT coalesce(i.blocked, false)
              | {kind: i.kind, value: i.value}] AS identifiers`,
    { blocks: [...byBlock.keys()], maxBlockSize: settings.maxBlockSize },
  );
  const customers = new Set<string>();
  const scored = new Set<string>();
  for (const row of found.records) {
    const other = keyOf(...(row.get('k') as [string, string]));
    const customerId = row.get('customerId') as string;
    if (own.has(other) || customers.has(customerId)) continue;
    const candidate = {
      keys: JSON.parse(row.get('keys') as string) as MatchKeys,
      emails: linking(row.get('identifiers'), 'EMAIL'),
      phones: linking(row.get('identifiers'), 'PHONE'),
    };
    for (const mine of byBlock.get(row.get('key') as string) ?? []) {
      const pk = pairKey(mine.key, other);
      if (scored.has(pk)) continue;
      scored.add(pk);
      const pair = mine.key < other ? memo.score(mine, candidate) : memo.score(candidate, mine);
      if (pair.score >= settings.thresholds.lower) {
        customers.add(customerId);
        break;
      }
    }
  }
  return [...customers];
}
