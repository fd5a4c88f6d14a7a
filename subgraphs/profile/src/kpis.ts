/**
 * Omnichannel KPIs computed on demand from the purchases the sources return
 * (web-shop orders and in-store receipts together), support, surveys and web
 * activity. Money is summed in integer minor units per currency and converted
 * to one reporting currency with configured rates, never with floats.
 */

import { mergePurchaseTotals, purchaseTotalsOf, type PurchaseTotals } from '@c360/kit/audience';

export interface Money {
  /** Decimal string, e.g. 129.90. */
  amount: string;
  /** ISO 4217 code. */
  currency: string;
}

export interface Purchase {
  channel: 'ONLINE' | 'STORE';
  /** ISO-8601. */
  at: string;
  total: Money;
}

export interface KpiInputs {
  /** Purchases that count (cancelled and refunded orders already left out by the caller). */
  purchases: Purchase[];
  /** Null when the help desk could not be read. */
  openSupportTickets: number | null;
  lastNps: number | null;
  lastWebVisitAt: string | null;
}

export interface RfmThresholds {
  /** Days since last purchase at or under which recency scores 5, 4, 3, 2 (else 1). */
  recencyDays: [number, number, number, number];
  /** Purchases in the last 12 months at or over which frequency scores 2, 3, 4, 5 (1 below the first). */
  frequency: [number, number, number, number];
  /** Spend over 12 months (reporting currency) at or over which monetary scores 2, 3, 4, 5. */
  monetary: [number, number, number, number];
}

export interface KpiOptions {
  now: Date;
  reportingCurrency: string;
  /** Value of one unit of each currency in the reporting currency, e.g. { GBP: 1.17, USD: 0.92 }. */
  rates: Record<string, number>;
  rfm: RfmThresholds;
}

export const DEFAULT_RFM: RfmThresholds = {
  recencyDays: [30, 90, 180, 365],
  frequency: [2, 4, 8, 12],
  monetary: [50, 200, 500, 1000],
};

export interface Kpis {
  orderCount: number;
  onlineOrderCount: number;
  storePurchaseCount: number;
  totalSpent: Money;
  /** All-time spend per currency, as paid. */
  spentByCurrency: Money[];
  spentLast12Months: Money;
  averageBasket: Money | null;
  firstPurchaseAt: string | null;
  lastPurchaseAt: string | null;
  daysSinceLastPurchase: number | null;
  /** Purchases per month between the first purchase and now; null without purchases. */
  purchasesPerMonth: number | null;
  recencyScore: number | null;
  frequencyScore: number | null;
  monetaryScore: number | null;
  openSupportTickets: number | null;
  lastNps: number | null;
  daysSinceLastWebVisit: number | null;
}

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

export class UnknownCurrencyError extends Error {
  constructor(currency: string, reporting: string) {
    super(`No exchange rate from ${currency} to ${reporting}: add it to the KPI rates`);
    this.name = 'UnknownCurrencyError';
  }
}

/** Minor units (cents) of a decimal string; exact for up to 2 decimals. */
export function toCents(amount: string): number {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new RangeError(`Expected a decimal amount like 12.50, received "${amount}"`);
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

export function fromCents(cents: number, currency: string): Money {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return { amount: `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`, currency };
}

function convert(cents: number, currency: string, options: KpiOptions): number {
  if (currency === options.reportingCurrency) return cents;
  const rate = options.rates[currency];
  if (rate === undefined) throw new UnknownCurrencyError(currency, options.reportingCurrency);
  return Math.round(cents * rate);
}

const daysBetween = (from: number, to: number) => Math.max(0, Math.floor((to - from) / DAY_MS));

function score(value: number, thresholds: readonly number[], higherIsBetter: boolean): number {
  if (higherIsBetter) return 1 + thresholds.filter((t) => value >= t).length;
  // Recency: the fewer days, the better; thresholds ascending.
  return 5 - thresholds.filter((t) => value > t).length;
}

/** Start of the 12-month window of `spentLast12Months` and the RFM scores: purchases at or after it count. */
export const kpiWindowStart = (now: Date) => new Date(now.getTime() - YEAR_MS);

/**
 * What KPIs need of purchases, aggregated per source channel and currency
 * (`PurchaseTotals`, whose `countSince`/`centsSince` start at
 * `kpiWindowStart(options.now)`): the shape the audience engine reads from
 * the sources in bulk, and the one `computeKpis` reduces a list to, so that
 * both paths compute KPIs with the same code.
 */
export interface KpiTotals {
  online: readonly PurchaseTotals[];
  store: readonly PurchaseTotals[];
  openSupportTickets: number | null;
  lastNps: number | null;
  lastWebVisitAt: string | null;
}

/** The totals of a list of purchases, for the window of `options.now`. */
export function kpiTotalsOf(inputs: KpiInputs, options: Pick<KpiOptions, 'now'>): KpiTotals {
  const sinceMs = kpiWindowStart(options.now).getTime();
  const totals = (channel: Purchase['channel']) =>
    purchaseTotalsOf(
      inputs.purchases
        .filter((p) => p.channel === channel)
        .map((p) => ({ currency: p.total.currency, cents: toCents(p.total.amount), atMs: Date.parse(p.at) })),
      sinceMs,
    );
  return {
    online: totals('ONLINE'),
    store: totals('STORE'),
    openSupportTickets: inputs.openSupportTickets,
    lastNps: inputs.lastNps,
    lastWebVisitAt: inputs.lastWebVisitAt,
  };
}

export function computeKpis(inputs: KpiInputs, options: KpiOptions): Kpis {
  return computeKpisFromTotals(kpiTotalsOf(inputs, options), options);
}

/**
 * KPIs from purchase totals. Money is summed in minor units per currency (both
 * channels together), and each currency's sum is converted once.
 */
export function computeKpisFromTotals(inputs: KpiTotals, options: KpiOptions): Kpis {
  const now = options.now.getTime();
  const byCurrency = mergePurchaseTotals([inputs.online, inputs.store]);
  let total = 0;
  let last12 = 0;
  let count12 = 0;
  let n = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const t of byCurrency) {
    total += convert(t.cents, t.currency, options);
    last12 += convert(t.centsSince, t.currency, options);
    count12 += t.countSince;
    n += t.count;
    first = Math.min(first, Date.parse(t.firstAt));
    last = Math.max(last, Date.parse(t.lastAt));
  }
  const online = inputs.online.reduce((sum, t) => sum + t.count, 0);
  const reporting = options.reportingCurrency;
  const daysSinceLast = n ? daysBetween(last, now) : null;
  const months = n ? Math.max(1, (now - first) / (YEAR_MS / 12)) : 0;
  return {
    orderCount: n,
    onlineOrderCount: online,
    storePurchaseCount: n - online,
    totalSpent: fromCents(total, reporting),
    spentByCurrency: byCurrency.map((t) => fromCents(t.cents, t.currency)),
    spentLast12Months: fromCents(last12, reporting),
    averageBasket: n ? fromCents(total / n, reporting) : null,
    firstPurchaseAt: n ? new Date(first).toISOString() : null,
    lastPurchaseAt: n ? new Date(last).toISOString() : null,
    daysSinceLastPurchase: daysSinceLast,
    purchasesPerMonth: n ? Math.round((n / months) * 100) / 100 : null,
    recencyScore: daysSinceLast === null ? null : score(daysSinceLast, options.rfm.recencyDays, false),
    frequencyScore: n ? score(count12, options.rfm.frequency, true) : null,
    monetaryScore: n ? score(last12 / 100, options.rfm.monetary, true) : null,
    openSupportTickets: inputs.openSupportTickets,
    lastNps: inputs.lastNps,
    daysSinceLastWebVisit: inputs.lastWebVisitAt ? daysBetween(Date.parse(inputs.lastWebVisitAt), now) : null,
  };
}
