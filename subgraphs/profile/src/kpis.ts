/**
 * Omnichannel KPIs computed on demand from the purchases the sources return
 * (web-shop orders and in-store receipts together), support, surveys and web
 * activity. Money is summed in integer minor units per currency and converted
 * to one reporting currency with configured rates, never with floats.
 */

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

export function computeKpis(inputs: KpiInputs, options: KpiOptions): Kpis {
  const now = options.now.getTime();
  const byCurrency = new Map<string, number>();
  let total = 0;
  let last12 = 0;
  let count12 = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const p of inputs.purchases) {
    const cents = toCents(p.total.amount);
    const at = Date.parse(p.at);
    byCurrency.set(p.total.currency, (byCurrency.get(p.total.currency) ?? 0) + cents);
    const converted = convert(cents, p.total.currency, options);
    total += converted;
    if (now - at <= YEAR_MS) {
      last12 += converted;
      count12++;
    }
    first = Math.min(first, at);
    last = Math.max(last, at);
  }
  const n = inputs.purchases.length;
  const online = inputs.purchases.filter((p) => p.channel === 'ONLINE').length;
  const reporting = options.reportingCurrency;
  const daysSinceLast = n ? daysBetween(last, now) : null;
  const months = n ? Math.max(1, (now - first) / (YEAR_MS / 12)) : 0;
  return {
    orderCount: n,
    onlineOrderCount: online,
    storePurchaseCount: n - online,
    totalSpent: fromCents(total, reporting),
    spentByCurrency: [...byCurrency.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, cents]) => fromCents(cents, currency)),
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
