/**
 * What the profile subgraph receives of a customer: the @requires fields the
 * query planner sends. Kept apart from models.ts (the codegen mappers) so
 * that the logic modules and the mappers import it without a cycle.
 */

import type { PurchaseTotals } from '@c360/kit/audience';

/** A postal address as the golden record and the CRM hold it. */
export interface Address {
  street: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
}

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
  /** The audience engine's bulk read instead of onlinePurchases: the same purchases, aggregated per currency. */
  onlinePurchaseTotals?: PurchaseTotals[] | null;
  /** The audience engine's bulk read instead of inStorePurchases. */
  inStorePurchaseTotals?: PurchaseTotals[] | null;
  inStorePurchases?: PurchaseSummaryInput[] | null;
  openSupportTicketCount?: number | null;
  latestNps?: { score: number } | null;
  lastWebSession?: { startedAt: string } | null;
  consents?: { purpose: string; channel: string; granted: boolean; since: string }[] | null;
}
