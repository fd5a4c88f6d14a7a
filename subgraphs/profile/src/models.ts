import type { Address } from './golden';

/** A source's purchase, as commerce (onlinePurchases) and stores (inStorePurchases) send it. */
export interface PurchaseSummaryInput {
  reference: string;
  purchasedAt: string;
  total: { amount: string; currency: string };
}

/**
 * A Customer reference as the query planner sends it, with the @requires
 * fields of the field being resolved. A list that is null means its source
 * could not be read; a field absent means it was not required.
 */
export interface CustomerModel {
  id: string;
  crmContacts?:
    | {
        contactId: string;
        firstName?: string | null;
        lastName?: string | null;
        personalEmail?: string | null;
        workEmail?: string | null;
        mobilePhone?: string | null;
        workPhone?: string | null;
        company?: string | null;
        address?: Partial<Address> | null;
        updatedAt?: string | null;
      }[]
    | null;
  shopAccounts?:
    | {
        accountId: string;
        email?: string | null;
        firstName?: string | null;
        lastName?: string | null;
        phone?: string | null;
        country?: string | null;
        updatedAt?: string | null;
      }[]
    | null;
  loyaltyCards?:
    | {
        cardNumber: string;
        firstName?: string | null;
        lastName?: string | null;
        email?: string | null;
        phone?: string | null;
        country?: string | null;
        updatedAt?: string | null;
      }[]
    | null;
  helpDeskUsers?:
    | {
        id: string;
        name?: string | null;
        email?: string | null;
        phone?: string | null;
        locale?: string | null;
        updatedAt?: string | null;
      }[]
    | null;
  onlinePurchases?: PurchaseSummaryInput[] | null;
  inStorePurchases?: PurchaseSummaryInput[] | null;
  openSupportTicketCount?: number | null;
  latestNps?: { score: number } | null;
  lastWebSession?: { startedAt: string } | null;
  consents?: { purpose: string; channel: string; granted: boolean; since: string }[] | null;
}

export type { GoldenProfile as GoldenProfileModel } from './golden';
export type { ChannelContactability as ChannelContactabilityModel } from './derive';
export type { Kpis as CustomerKpisModel } from './kpis';
export type { RuleInForce as SurvivorshipRuleModel, RuleVersion as SurvivorshipRuleVersionModel } from './store';
export type { SegmentDefinition as SegmentModel } from './store';
