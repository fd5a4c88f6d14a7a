import type { HelpDeskUserResolvers } from '../__generated__/resolvers-types';

export const HelpDeskUser: HelpDeskUserResolvers = {
  __resolveReference: (ref, { loaders }) => {
    // The representation holds the key field (`id`) as a string, not a help-desk user.
    const id = String((ref as unknown as { id: string }).id);
    return /^\d+$/.test(id) ? loaders.users.load(Number(id)) : null;
  },
  id: (u) => String(u.id),
  email: (u) => u.email || null,
  phone: (u) => u.phone || null,
  createdAt: (u) => new Date(u.created_at).toISOString(),
  updatedAt: (u) => new Date(u.updated_at).toISOString(),
};
