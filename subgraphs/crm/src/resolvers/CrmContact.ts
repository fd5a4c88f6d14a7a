import type { CrmContactResolvers } from '../__generated__/resolvers-types';

export const CrmContact: CrmContactResolvers = {
  // The representation holds the key field (`contactId`), not a mapped row.
  __resolveReference: (ref, { loaders }) => loaders.contacts.load((ref as unknown as { contactId: string }).contactId),
  contactId: (c) => c.contact_id,
  firstName: (c) => c.first_name,
  lastName: (c) => c.last_name,
  personalEmail: (c) => c.email_personal,
  workEmail: (c) => c.email_work,
  mobilePhone: (c) => c.phone_mobile,
  workPhone: (c) => c.phone_work,
  company: (c) => c.company,
  jobTitle: (c) => c.job_title,
  ownerName: (c) => c.owner_name,
  address: (c) =>
    c.street || c.city || c.postcode || c.country
      ? { street: c.street, city: c.city, postcode: c.postcode, country: c.country?.trim() ?? null }
      : null,
  createdAt: (c) => c.created_at.toISOString(),
  updatedAt: (c) => c.updated_at.toISOString(),
};
