/**
 * What profile derives from a customer's source data beside the golden
 * record: contactability per channel, KPI inputs, and the field values that
 * segment rules read.
 */
import type { GoldenProfile } from './golden';
import { computeKpisFromTotals, kpiTotalsOf, type KpiOptions, type KpiTotals, type Kpis, type Purchase } from './kpis';
import type { CustomerModel, PurchaseSummaryInput } from './customer';
import type { FieldValues, SegmentField } from './segments';

/** The channels contactability is given for: the ones with a contact point profile can know. */
export const MARKETING_CHANNELS = ['EMAIL', 'SMS', 'PHONE', 'POST'] as const;
export type MarketingChannel = (typeof MARKETING_CHANNELS)[number];

export type ContactabilityReason =
  'CONSENT_GRANTED' | 'CONSENT_WITHDRAWN' | 'NEVER_ASKED' | 'NO_CONTACT_POINT' | 'CONSENT_UNAVAILABLE';

export interface ChannelContactability {
  channel: MarketingChannel;
  contactable: boolean;
  reason: ContactabilityReason;
  consentSince: string | null;
}

/** Whether a postal address is enough to send mail to. */
const mailable = (profile: GoldenProfile) => {
  const a = profile.postalAddress?.value;
  return !!a && a.street !== null && (a.city !== null || a.postcode !== null);
};

/**
 * Contactability per channel for a purpose (MARKETING unless told): the
 * consent for the purpose and channel (none means never asked, which means
 * no), then a contact point.
 * A consent register that could not be read fails closed.
 */
export function contactability(
  consents: CustomerModel['consents'],
  profile: GoldenProfile,
  purpose: string = 'MARKETING',
): ChannelContactability[] {
  const hasContactPoint: Record<MarketingChannel, boolean> = {
    EMAIL: profile.emails.length > 0,
    SMS: profile.phones.length > 0,
    PHONE: profile.phones.length > 0,
    POST: mailable(profile),
  };
  return MARKETING_CHANNELS.map((channel) => {
    if (consents === null || consents === undefined) {
      return { channel, contactable: false, reason: 'CONSENT_UNAVAILABLE', consentSince: null };
    }
    const consent = consents.find((c) => c.purpose === purpose && c.channel === channel);
    if (!consent) return { channel, contactable: false, reason: 'NEVER_ASKED', consentSince: null };
    if (!consent.granted) {
      return { channel, contactable: false, reason: 'CONSENT_WITHDRAWN', consentSince: consent.since };
    }
    if (!hasContactPoint[channel]) {
      return { channel, contactable: false, reason: 'NO_CONTACT_POINT', consentSince: consent.since };
    }
    return { channel, contactable: true, reason: 'CONSENT_GRANTED', consentSince: consent.since };
  });
}

/**
 * KPI inputs from the source fields: the purchase lists the query planner
 * sends (Customer.kpis), reduced to totals, or the totals the audience engine
 * read in bulk (`onlinePurchaseTotals`, `inStorePurchaseTotals`, for the window
 * of `options.now`). Null when a purchase source could not be read (KPIs would
 * be wrong, not partial).
 */
export function kpiTotalsOfCustomer(customer: CustomerModel, options: Pick<KpiOptions, 'now'>): KpiTotals | null {
  const others = {
    openSupportTickets: customer.openSupportTicketCount ?? null,
    lastNps: customer.latestNps?.score ?? null,
    lastWebVisitAt: customer.lastWebSession?.startedAt ?? null,
  };
  if (customer.onlinePurchaseTotals !== undefined || customer.inStorePurchaseTotals !== undefined) {
    if (!customer.onlinePurchaseTotals || !customer.inStorePurchaseTotals) return null;
    return { online: customer.onlinePurchaseTotals, store: customer.inStorePurchaseTotals, ...others };
  }
  if (!customer.onlinePurchases || !customer.inStorePurchases) return null;
  const purchase =
    (channel: Purchase['channel']) =>
    (p: PurchaseSummaryInput): Purchase => ({ channel, at: p.purchasedAt, total: p.total });
  return kpiTotalsOf(
    {
      purchases: [
        ...customer.onlinePurchases.map(purchase('ONLINE')),
        ...customer.inStorePurchases.map(purchase('STORE')),
      ],
      ...others,
    },
    options,
  );
}

export function kpisOf(customer: CustomerModel, options: KpiOptions): Kpis | null {
  const totals = kpiTotalsOfCustomer(customer, options);
  return totals ? computeKpisFromTotals(totals, options) : null;
}

const DAY_MS = 86_400_000;

/** The values segment rules read; a field that cannot be known (a source down, no purchase) is null. */
export function segmentValues(
  profile: GoldenProfile,
  kpis: Kpis | null,
  contact: ChannelContactability[],
  now: Date,
): FieldValues {
  const money = (m: { amount: string } | null | undefined) => (m ? Number(m.amount) : null);
  const email = profile.email?.value ?? null;
  const values: FieldValues = {
    'profile.country': profile.postalAddress?.value.country ?? null,
    'profile.language': profile.language?.value ?? null,
    'profile.emailDomain': email ? email.slice(email.indexOf('@') + 1) : null,
    'profile.hasCompany': profile.company !== null,
  };
  for (const c of contact) values[`contactable.${c.channel}` as SegmentField] = c.contactable;
  if (kpis) {
    Object.assign(values, {
      'kpi.orderCount': kpis.orderCount,
      'kpi.onlineOrderCount': kpis.onlineOrderCount,
      'kpi.storePurchaseCount': kpis.storePurchaseCount,
      'kpi.totalSpent': money(kpis.totalSpent),
      'kpi.spentLast12Months': money(kpis.spentLast12Months),
      'kpi.averageBasket': money(kpis.averageBasket),
      'kpi.daysSinceLastPurchase': kpis.daysSinceLastPurchase,
      'kpi.daysSinceFirstPurchase': kpis.firstPurchaseAt
        ? Math.max(0, Math.floor((now.getTime() - Date.parse(kpis.firstPurchaseAt)) / DAY_MS))
        : null,
      'kpi.purchasesPerMonth': kpis.purchasesPerMonth,
      'kpi.recencyScore': kpis.recencyScore,
      'kpi.frequencyScore': kpis.frequencyScore,
      'kpi.monetaryScore': kpis.monetaryScore,
      'kpi.openSupportTickets': kpis.openSupportTickets,
      'kpi.lastNps': kpis.lastNps,
      'kpi.daysSinceLastWebVisit': kpis.daysSinceLastWebVisit,
    } satisfies FieldValues);
  }
  return values;
}
