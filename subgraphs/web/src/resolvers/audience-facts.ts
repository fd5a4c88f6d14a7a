import { audienceRequest, callResolver, plainObject, type AudienceFactsArgs } from '@c360/kit/audience';
import type { WebContext } from '../context';
import type { WebSessionModel } from '../models';
import { SYSTEM } from '../sources/analytics-warehouse';
import { Customer } from './Customer';
import { WebSession } from './WebSession';

const FACTS = ['lastWebSession'] as const;

/** `Query.webAudienceFacts`: the last session through the same resolvers as Customer.lastWebSession (batched). */
export async function webAudienceFacts(args: AudienceFactsArgs, ctx: WebContext) {
  const request = audienceRequest(ctx, SYSTEM, args, FACTS);
  return Promise.all(
    request.customers.map(async (sourceRecords) => {
      const session = await callResolver<WebSessionModel | null>(
        Customer.lastWebSession,
        { id: '', sourceRecords },
        ctx,
      );
      return { lastWebSession: session ? await plainObject(WebSession, session, ['startedAt'], ctx) : null };
    }),
  );
}
