import { audienceRequest, callResolver, plainObject, type AudienceFactsArgs } from '@c360/kit/audience';
import type { CrmContext } from '../context';
import type { CrmContactModel } from '../models';
import { SYSTEM } from '../sources/crm-database';
import { CrmContact } from './CrmContact';
import { Customer } from './Customer';

const FACTS = ['crmContacts'] as const;
const CONTACT_FIELDS = [
  'contactId',
  'firstName',
  'lastName',
  'personalEmail',
  'workEmail',
  'mobilePhone',
  'workPhone',
  'company',
  'address',
  'updatedAt',
];

/** `Query.crmAudienceFacts`: contacts through the same resolvers as Customer.crmContacts (one batched query). */
export async function crmAudienceFacts(args: AudienceFactsArgs, ctx: CrmContext) {
  const request = audienceRequest(ctx, SYSTEM, args, FACTS);
  return Promise.all(
    request.customers.map(async (sourceRecords) => {
      const rows = await callResolver<CrmContactModel[]>(Customer.crmContacts, { id: '', sourceRecords }, ctx);
      return { crmContacts: await Promise.all(rows.map((row) => plainObject(CrmContact, row, CONTACT_FIELDS, ctx))) };
    }),
  );
}
