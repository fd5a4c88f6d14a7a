import { audienceRequest, callResolver, plainObject, type AudienceFactsArgs } from '@c360/kit/audience';
import type { ConsentContext } from '../context';
import { SYSTEM, type StateRow } from '../sources/consent-register';
import { ConsentState } from './ConsentState';
import { Customer } from './Customer';

const FACTS = ['consents'] as const;
const STATE_FIELDS = ['purpose', 'channel', 'granted', 'since'];

/** `Query.consentAudienceFacts`: consent states through the same resolvers as Customer.consents (one batched query). */
export async function consentAudienceFacts(args: AudienceFactsArgs, ctx: ConsentContext) {
  const request = audienceRequest(ctx, SYSTEM, args, FACTS);
  return Promise.all(
    request.customers.map(async (sourceRecords) => {
      const rows = await callResolver<StateRow[]>(Customer.consents, { id: '', sourceRecords }, ctx);
      return { consents: await Promise.all(rows.map((row) => plainObject(ConsentState, row, STATE_FIELDS, ctx))) };
    }),
  );
}
