import { audienceRequest, callResolver, plainObject, type AudienceFactsArgs } from '@c360/kit/audience';
import type { SupportContext } from '../context';
import { SYSTEM, type HelpdeskUser } from '../sources/helpdesk-api';
import { Customer } from './Customer';
import { HelpDeskUser } from './HelpDeskUser';

const FACTS = ['helpDeskUsers', 'openSupportTicketCount'] as const;
const USER_FIELDS = ['id', 'name', 'email', 'phone', 'locale', 'updatedAt'];

/** `Query.supportAudienceFacts`: users and open tickets through the same resolvers as Customer's fields (batched reads). */
export async function supportAudienceFacts(args: AudienceFactsArgs, ctx: SupportContext) {
  const request = audienceRequest(ctx, SYSTEM, args, FACTS);
  return Promise.all(
    request.customers.map(async (sourceRecords) => {
      const customer = { id: '', sourceRecords };
      const out: Record<string, unknown> = {};
      if (request.facts.has('helpDeskUsers')) {
        const rows = await callResolver<HelpdeskUser[]>(Customer.helpDeskUsers, customer, ctx);
        out.helpDeskUsers = await Promise.all(rows.map((row) => plainObject(HelpDeskUser, row, USER_FIELDS, ctx)));
      }
      if (request.facts.has('openSupportTicketCount')) {
        out.openSupportTicketCount = await callResolver<number>(Customer.openSupportTicketCount, customer, ctx);
      }
      return out;
    }),
  );
}
