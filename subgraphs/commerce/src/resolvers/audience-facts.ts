import {
  audienceRequest,
  callResolver,
  mergePurchaseTotals,
  plainObject,
  type AudienceFactsArgs,
  type PurchaseTotals,
} from '@c360/kit/audience';
import type { CommerceContext } from '../context';
import type { AccountRow } from '../sources/shop-database';
import { SYSTEM } from '../sources/shop-database';
import { accountIdsOf, Customer } from './Customer';
import { ShopAccount } from './ShopAccount';

const FACTS = ['shopAccounts', 'onlinePurchaseTotals'] as const;
const ACCOUNT_FIELDS = ['accountId', 'email', 'firstName', 'lastName', 'phone', 'country', 'updatedAt'];

/**
 * `Query.commerceAudienceFacts`: shop accounts through the same resolvers as
 * Customer.shopAccounts, and purchases as one GROUP BY over every account of
 * every customer asked (see ShopDatabase.purchaseTotalsByAccounts).
 */
export async function commerceAudienceFacts(args: AudienceFactsArgs, ctx: CommerceContext) {
  const request = audienceRequest(ctx, SYSTEM, args, FACTS, ['onlinePurchaseTotals']);
  const customers = request.customers.map((sourceRecords) => ({ id: '', sourceRecords }));
  const out: Record<string, unknown>[] = customers.map(() => ({}));
  const work: Promise<void>[] = [];
  if (request.facts.has('shopAccounts')) {
    work.push(
      ...customers.map(async (customer, i) => {
        const rows = await callResolver<AccountRow[]>(Customer.shopAccounts, customer, ctx);
        out[i]!.shopAccounts = await Promise.all(rows.map((row) => plainObject(ShopAccount, row, ACCOUNT_FIELDS, ctx)));
      }),
    );
  }
  if (request.facts.has('onlinePurchaseTotals')) {
    const since = request.since!; // audienceRequest refuses onlinePurchaseTotals without it
    work.push(
      (async () => {
        const ids = customers.map((c) => accountIdsOf(c));
        const rows = await ctx.purchaseTotals([...new Set(ids.flat())], since);
        const byAccount = new Map<number, PurchaseTotals[]>();
        for (const r of rows) {
          const list = byAccount.get(r.account_id) ?? [];
          list.push({
            currency: r.currency,
            count: Number(r.n),
            cents: Number(r.cents),
            countSince: Number(r.n_since),
            centsSince: Number(r.cents_since),
            firstAt: r.first_at.toISOString(),
            lastAt: r.last_at.toISOString(),
          });
          byAccount.set(r.account_id, list);
        }
        // An account listed twice counts twice, as Customer.onlinePurchases lists its orders twice.
        ids.forEach((accounts, i) => {
          out[i]!.onlinePurchaseTotals = mergePurchaseTotals(accounts.map((a) => byAccount.get(a) ?? []));
        });
      })(),
    );
  }
  await Promise.all(work);
  return out;
}
