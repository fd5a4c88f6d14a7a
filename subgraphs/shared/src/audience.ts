/**
 * The bulk read a source subgraph offers the profile subgraph's audience
 * engine (`Query.<source>AudienceFacts`, @inaccessible: not in the gateway's API).
 *
 * Segment membership and audience exports read thousands of customers at a
 * time. Through `_entities`, every record of every customer (each order,
 * each contact) is an object GraphQL executes field by field, which is what
 * bounded the engine (2.5–3.8 s per 1,000 customers per subgraph on a busy
 * machine). The bulk field answers the same facts as one JSON value per
 * customer, computed by the source's own batched queries: purchases as
 * aggregate rows (one `GROUP BY` per currency), contact rows mapped by the
 * same field resolvers the graph uses. The answer holds personal data: the
 * caller needs customer:read and pii:read.
 */
import { requireScope, SCOPES, type Caller } from './auth';
import { badUserInput } from './errors';

/** A source's purchases in one currency, aggregated: what omnichannel KPIs need of them. */
export interface PurchaseTotals {
  /** ISO 4217 code. */
  currency: string;
  /** Purchases. */
  count: number;
  /** Their sum, in minor units (cents). */
  cents: number;
  /** Purchases made at or after the request's `since`, and their sum in minor units. */
  countSince: number;
  centsSince: number;
  /** First and last purchase (ISO-8601). */
  firstAt: string;
  lastAt: string;
}

/** At most this many customers per request. */
export const AUDIENCE_MAX_CUSTOMERS = 10_000;

export interface AudienceFactsArgs {
  customers: readonly (readonly string[])[];
  facts: readonly string[];
  since?: string | null;
}

export interface AudienceRequest<F extends string> {
  /** Each customer's local ids in this source, as `sourceRecords` the Customer resolvers read. */
  customers: { system: string; localId: string }[][];
  facts: Set<F>;
  /** Start of the window `countSince`/`centsSince` cover; null when no purchase fact is asked. */
  since: Date | null;
}

/**
 * Checks the caller and the arguments of `audienceFacts`; every misuse says what was expected. `windowed`: the facts
 * that cover a window from `since` (purchase totals), refused without it.
 */
export function audienceRequest<F extends string>(
  ctx: object,
  system: string,
  args: AudienceFactsArgs,
  known: readonly F[],
  windowed: readonly F[] = [],
): AudienceRequest<F> {
  // The bootstrap puts the caller on every subgraph's context.
  requireScope(ctx as { caller?: Caller }, SCOPES.customerRead);
  requireScope(ctx as { caller?: Caller }, SCOPES.piiRead);
  if (args.customers.length > AUDIENCE_MAX_CUSTOMERS) {
    throw badUserInput(
      `Invalid customers: expected at most ${AUDIENCE_MAX_CUSTOMERS} customers, received ${args.customers.length}`,
      'customers',
    );
  }
  for (const fact of args.facts) {
    if (!(known as readonly string[]).includes(fact)) {
      throw badUserInput(`Invalid facts: "${fact}" is not one of ${known.join(', ')}`, 'facts');
    }
  }
  let since: Date | null = null;
  if (args.since !== null && args.since !== undefined) {
    since = new Date(args.since);
    if (Number.isNaN(since.getTime())) {
      throw badUserInput(`Invalid since: expected an ISO-8601 time, received "${args.since}"`, 'since');
    }
  }
  const windowedAsked = since ? undefined : windowed.find((fact) => args.facts.includes(fact));
  if (windowedAsked) throw badUserInput(`Invalid since: ${windowedAsked} needs the start of its window`, 'since');
  return {
    customers: args.customers.map((ids) => ids.map((localId) => ({ system, localId }))),
    facts: new Set(args.facts as F[]),
    since,
  };
}

/** Purchases (minor units, ms since epoch) aggregated per currency, in currency order. */
export function purchaseTotalsOf(
  purchases: Iterable<{ currency: string; cents: number; atMs: number }>,
  sinceMs: number,
): PurchaseTotals[] {
  const by = new Map<
    string,
    { count: number; cents: number; countSince: number; centsSince: number; first: number; last: number }
  >();
  for (const p of purchases) {
    let t = by.get(p.currency);
    if (!t) by.set(p.currency, (t = { count: 0, cents: 0, countSince: 0, centsSince: 0, first: p.atMs, last: p.atMs }));
    t.count += 1;
    t.cents += p.cents;
    if (p.atMs >= sinceMs) {
      t.countSince += 1;
      t.centsSince += p.cents;
    }
    t.first = Math.min(t.first, p.atMs);
    t.last = Math.max(t.last, p.atMs);
  }
  return [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, t]) => ({
      currency,
      count: t.count,
      cents: t.cents,
      countSince: t.countSince,
      centsSince: t.centsSince,
      firstAt: new Date(t.first).toISOString(),
      lastAt: new Date(t.last).toISOString(),
    }));
}

type FieldResolver<R, C> = (parent: R, args: Record<string, never>, ctx: C, info: never) => unknown;

/**
 * A row as the plain object GraphQL would answer for `fields` of its type: each field through
 * the type's resolver when it has one (the same code as the graph), else the row's property.
 */
export async function plainObject<R, C>(
  resolvers: Partial<Record<string, unknown>>,
  row: R,
  fields: readonly string[],
  ctx: C,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const resolve = resolvers[field] as FieldResolver<R, C> | undefined;
    const value = typeof resolve === 'function' ? await resolve(row, {}, ctx, undefined as never) : (row as any)[field];
    out[field] = value === undefined ? null : value;
  }
  return out;
}

/** Totals of several records of one customer (accounts, cards), merged per currency, in currency order. */
export function mergePurchaseTotals(lists: readonly (readonly PurchaseTotals[])[]): PurchaseTotals[] {
  const by = new Map<string, PurchaseTotals>();
  for (const t of lists.flat()) {
    const m = by.get(t.currency);
    if (!m) {
      by.set(t.currency, { ...t });
      continue;
    }
    m.count += t.count;
    m.cents += t.cents;
    m.countSince += t.countSince;
    m.centsSince += t.centsSince;
    if (Date.parse(t.firstAt) < Date.parse(m.firstAt)) m.firstAt = t.firstAt;
    if (Date.parse(t.lastAt) > Date.parse(m.lastAt)) m.lastAt = t.lastAt;
  }
  return [...by.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

/** Calls a field resolver of the generated `Resolvers` directly (no GraphQL execution), with no arguments. */
export function callResolver<T>(resolver: unknown, parent: unknown, ctx: unknown): Promise<T> {
  return Promise.resolve(
    (resolver as (p: unknown, a: object, c: unknown, i: never) => T)(parent, {}, ctx, undefined as never),
  );
}
