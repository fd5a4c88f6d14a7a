/**
 * Segment membership in bulk: the audience engine behind `Segment.size`,
 * `Segment.members`, `Query.segmentPreview` and the audience export.
 *
 * The customer set comes from the identity graph (`customerIds`, in id
 * order; erased and merged-away customers are not in it), a page of
 * thousands at a time. For each page, every source is asked once for all of
 * the page's customers (`AudienceData.customers`: one bulk read per source,
 * the sources in parallel), and the rule is evaluated in memory with exactly
 * the code `Customer.segments` uses, so that a customer is a member here
 * if and only if `Customer.segments` names the segment. The next page is
 * read while the current one is evaluated.
 *
 * A source that cannot be read fails the scan (SOURCE_UNAVAILABLE): a size or
 * an audience computed without, say, the consent register would be wrong,
 * not partial.
 */
import type { GoldenProfile } from './golden';
import { goldenProfile, type GoldenOptions } from './golden';
import { contactability, kpisOf, segmentValues, MARKETING_CHANNELS, type MarketingChannel } from './derive';
import { UnknownCurrencyError, type KpiOptions, type Kpis } from './kpis';
import type { CustomerModel } from './customer';
import { evaluate, fieldsOf, type Condition, type FieldValues } from './segments';
import { GOLDEN_ATTRIBUTES, type GoldenAttribute, type SurvivorshipRules } from './rules';

/** A page of customer ids, in id order. */
export interface CustomerIdPage {
  ids: string[];
  hasNextPage: boolean;
}

/**
 * What a rule (or an export's channel) needs read of each customer: contact records (golden
 * profile, contact points), purchases (every KPI), support tickets, NPS, web visits, consents.
 */
export type AudienceNeed = 'contacts' | 'purchases' | 'tickets' | 'nps' | 'web' | 'consents';
export const ALL_NEEDS: ReadonlySet<AudienceNeed> = new Set([
  'contacts',
  'purchases',
  'tickets',
  'nps',
  'web',
  'consents',
]);

/**
 * The reads a rule needs: a source none of its fields depends on is not asked at all. Any KPI
 * needs both purchase sources (KPIs are unknown without either, as in Customer.kpis).
 */
export function needsOf(rule: Condition, reach: Reach | null): Set<AudienceNeed> {
  const needs = new Set<AudienceNeed>();
  for (const field of fieldsOf(rule)) {
    if (field.startsWith('kpi.')) needs.add('purchases');
    if (field === 'kpi.openSupportTickets') needs.add('tickets');
    if (field === 'kpi.lastNps') needs.add('nps');
    if (field === 'kpi.daysSinceLastWebVisit') needs.add('web');
    if (field.startsWith('profile.')) needs.add('contacts');
    if (field.startsWith('contactable.')) needs.add('contacts').add('consents');
  }
  if (reach) needs.add('contacts').add('consents');
  return needs;
}

/** The golden attribute each profile or contactability field reads (contactability: the channel's contact point). */
const GOLDEN_OF_FIELD: Partial<Record<string, GoldenAttribute>> = {
  'profile.country': 'POSTAL_ADDRESS',
  'profile.language': 'LANGUAGE',
  'profile.emailDomain': 'EMAIL',
  'profile.hasCompany': 'COMPANY',
  'contactable.EMAIL': 'EMAIL',
  'contactable.SMS': 'PHONE',
  'contactable.PHONE': 'PHONE',
  'contactable.POST': 'POSTAL_ADDRESS',
};

/**
 * The golden attributes a rule (and an export's channel) reads: a scan builds only those of each
 * customer's golden profile (parsing every phone number of a customer whose email alone is asked
 * was a third of the profile's cost). The values read are the same as from the whole profile, so
 * membership is the same as `Customer.segments` says. A field this table does not know reads all.
 */
export function goldenAttributesOf(rule: Condition, reach: Reach | null): Set<GoldenAttribute> {
  const out = new Set<GoldenAttribute>();
  for (const field of [...fieldsOf(rule), ...(reach ? [`contactable.${reach.channel}`] : [])]) {
    if (!field.startsWith('profile.') && !field.startsWith('contactable.')) continue;
    const attribute = GOLDEN_OF_FIELD[field];
    if (!attribute) return new Set(GOLDEN_ATTRIBUTES);
    out.add(attribute);
  }
  return out;
}

/** Where the engine reads customers: the identity graph for the set, the sources for their data. */
export interface AudienceData {
  /** Customer ids strictly after `after` (a customer id; null: from the start), in id order, at most `first`. */
  customerIds(after: string | null, first: number): Promise<CustomerIdPage>;
  /**
   * What profile needs of these customers, read in bulk from the sources `needs` names (@default all);
   * one model per id, in order. A field of a source not asked is absent. Purchases may come as
   * totals per currency (`onlinePurchaseTotals`…) for the KPI window of `now` (@default the current time).
   */
  customers(ids: readonly string[], needs?: ReadonlySet<AudienceNeed>, now?: Date): Promise<CustomerModel[]>;
}

export const CONSENT_PURPOSES = ['MARKETING', 'PROFILING', 'ANALYTICS', 'THIRD_PARTY_SHARING'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Who must be reachable, and how: members are kept only when contactable on the channel for the purpose. */
export interface Reach {
  channel: MarketingChannel;
  purpose: ConsentPurpose;
}

export interface Member {
  customerId: string;
  /** The golden contact point on the channel asked; null without a channel. */
  contact: string | null;
}

export interface ScanPage {
  /** Customers evaluated in this page. */
  scanned: number;
  /** The last customer id of the page: scanning again after it continues where this page ended. */
  lastId: string | null;
  /** Whether customers follow this page. */
  more: boolean;
  members: Member[];
}

/** What evaluation needs besides the rule: the definitions and settings in force, and the request's clock. */
export interface EvaluationSettings {
  rules: SurvivorshipRules;
  golden: GoldenOptions;
  kpi: KpiOptions;
  now: Date;
}

/** The values a segment rule reads of one customer (what `Customer.segments` evaluates). */
export function segmentValuesOf(
  model: CustomerModel,
  settings: EvaluationSettings,
  profile: GoldenProfile = goldenProfile(model, settings.rules, settings.golden),
): FieldValues {
  let kpis: Kpis | null = null;
  try {
    kpis = kpisOf(model, settings.kpi);
  } catch (err) {
    // A purchase in a currency without a rate: KPI conditions are unknown (false), the others still count.
    if (!(err instanceof UnknownCurrencyError)) throw err;
  }
  return segmentValues(profile, kpis, contactability(model.consents, profile), settings.now);
}

/** The golden contact point on a channel, on one line. */
export function contactOn(profile: GoldenProfile, channel: MarketingChannel): string | null {
  if (channel === 'EMAIL') return profile.email?.value ?? null;
  if (channel === 'POST') {
    const a = profile.postalAddress?.value;
    return a ? [a.street, a.postcode, a.city, a.country].filter(Boolean).join(', ') : null;
  }
  return profile.phone?.value ?? null;
}

export function parseReach(channel: string | null | undefined, purpose: string | null | undefined): Reach | null {
  if (channel === null || channel === undefined) return null;
  if (!(MARKETING_CHANNELS as readonly string[]).includes(channel)) {
    throw new RangeError(`channel: expected one of ${MARKETING_CHANNELS.join(', ')}, received "${channel}"`);
  }
  const p = purpose ?? 'MARKETING';
  if (!(CONSENT_PURPOSES as readonly string[]).includes(p)) {
    throw new RangeError(`purpose: expected one of ${CONSENT_PURPOSES.join(', ')}, received "${p}"`);
  }
  return { channel: channel as MarketingChannel, purpose: p as ConsentPurpose };
}

export interface AudienceEngineOptions {
  /** Customers read and evaluated per page. @default 2000 */
  pageSize?: number;
  /** How long a full scan's size is reused for the same rule and definitions, in ms (0: never). @default 30000 */
  sizeTtlMs?: number;
  /** How long one members page reads before it answers with the members found so far. @default 2000 */
  pageBudgetMs?: number;
}

export class AudienceEngine {
  private readonly pageSize: number;
  private readonly sizeTtlMs: number;
  private readonly pageBudgetMs: number;
  private readonly sizes = new Map<string, { at: number; size: Promise<{ size: number; sample: string[] }> }>();

  constructor(
    readonly data: AudienceData,
    options: AudienceEngineOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 2000;
    this.sizeTtlMs = options.sizeTtlMs ?? 30_000;
    this.pageBudgetMs = options.pageBudgetMs ?? 2000;
  }

  /**
   * Evaluates `rule` over every customer after `after` (a customer id), page by
   * page; with `reach`, keeps only members contactable there, with their contact.
   */
  async *scan(
    rule: Condition,
    settings: EvaluationSettings,
    options: {
      after?: string | null;
      reach?: Reach | null;
      firstPageSize?: number;
      prefetch?: boolean;
      /**
       * Members still wanted after the customers scanned so far: the next page reads about as many
       * customers as the density seen so far says hold them (a page read past the caller's last
       * member is read again by its next request). Unlimited when absent.
       */
      wanted?: (members: number) => number;
    } = {},
  ): AsyncGenerator<ScanPage> {
    const reach = options.reach ?? null;
    const needs = needsOf(rule, reach);
    const attributes = goldenAttributesOf(rule, reach);
    // Pages grow from firstPageSize (a caller who wants 50 members of a large segment stops early) to pageSize.
    let size = Math.min(this.pageSize, options.firstPageSize ?? this.pageSize);
    const read = async (
      after: string | null,
      first: number,
    ): Promise<{ page: CustomerIdPage; models: CustomerModel[] }> => {
      const page = await this.data.customerIds(after, first);
      const models = page.ids.length ? await this.data.customers(page.ids, needs, settings.kpi.now) : [];
      return { page, models };
    };
    let next: Promise<{ page: CustomerIdPage; models: CustomerModel[] }> | null = read(options.after ?? null, size);
    let scanned = 0;
    let found = 0;
    while (next) {
      const { page, models }: { page: CustomerIdPage; models: CustomerModel[] } = await next;
      const lastId: string | null = page.ids.at(-1) ?? null;
      size = Math.min(this.pageSize, size * 4);
      // Read the next page while this one is evaluated.
      const more: boolean = page.hasNextPage && lastId !== null;
      next = more && (options.prefetch ?? true) ? read(lastId!, size) : null;
      // The caller may stop here: the prefetch's failure must not become an unhandled rejection.
      next?.catch(() => {});
      const members: Member[] = [];
      for (const model of models) {
        const profile = goldenProfile(model, settings.rules, settings.golden, attributes);
        if (!evaluate(rule, segmentValuesOf(model, settings, profile))) continue;
        if (reach) {
          const channel = contactability(model.consents, profile, reach.purpose).find(
            (c) => c.channel === reach.channel,
          );
          if (!channel?.contactable) continue;
          members.push({ customerId: model.id, contact: contactOn(profile, reach.channel) });
        } else {
          members.push({ customerId: model.id, contact: null });
        }
      }
      scanned += models.length;
      found += members.length;
      const wanted = next ? undefined : options.wanted?.(found);
      if (wanted !== undefined && found > 0) {
        // Without prefetch, the next page is sized by the density seen so far (a quarter more, at least 100).
        size = Math.max(100, Math.min(size, Math.ceil(((wanted * scanned) / found) * 1.25)));
      }
      yield { scanned: models.length, lastId, members, more: page.hasNextPage };
      // Without prefetch, the next page is read when the caller asks for it.
      if (more && !next) next = read(lastId!, size);
    }
  }

  /**
   * Members after `after` (a customer id), at most `first`, and whether more may follow. A page
   * stops early, with fewer members, once it has read for pageBudgetMs: `endAfter` is then the last
   * customer read (not a member), so that the next page continues there and every request of a
   * sparse segment over millions of customers stays within the gateway's timeout.
   */
  async members(
    rule: Condition,
    settings: EvaluationSettings,
    first: number,
    after: string | null,
    reach: Reach | null = null,
  ): Promise<{ members: Member[]; hasNextPage: boolean; endAfter: string | null }> {
    const started = Date.now();
    const members: Member[] = [];
    // No prefetch: a page read ahead when the request ends is thrown away, and it slows the request down.
    const pages = this.scan(rule, settings, {
      after,
      reach,
      firstPageSize: Math.min(500, Math.max(100, first)),
      prefetch: false,
      wanted: (found) => Math.max(1, first + 1 - found),
    });
    for await (const page of pages) {
      members.push(...page.members);
      if (members.length > first) {
        return { members: members.slice(0, first), hasNextPage: true, endAfter: members[first - 1]!.customerId };
      }
      if (Date.now() - started >= this.pageBudgetMs && page.lastId !== null && page.more) {
        return { members, hasNextPage: true, endAfter: page.lastId };
      }
    }
    return { members, hasNextPage: false, endAfter: members.at(-1)?.customerId ?? after };
  }

  /** How many customers the rule selects, and the first `sample` of them; a recent scan of the same rule is reused. */
  async size(
    rule: Condition,
    settings: EvaluationSettings,
    key: string,
    sample = 0,
  ): Promise<{ size: number; sample: string[] }> {
    const now = Date.now();
    for (const [k, v] of this.sizes) if (now - v.at > this.sizeTtlMs) this.sizes.delete(k);
    const cacheKey = `${key}\n${sample}`;
    const cached = this.sizes.get(cacheKey);
    if (cached) return cached.size;
    const size = (async () => {
      let count = 0;
      const first: string[] = [];
      for await (const page of this.scan(rule, settings)) {
        count += page.members.length;
        for (const m of page.members) if (first.length < sample) first.push(m.customerId);
      }
      return { size: count, sample: first };
    })();
    if (this.sizeTtlMs > 0) {
      this.sizes.set(cacheKey, { at: now, size });
      size.catch(() => this.sizes.delete(cacheKey));
    }
    return size;
  }
}
