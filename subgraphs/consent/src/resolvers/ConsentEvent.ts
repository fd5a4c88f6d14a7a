import type { ConsentEventConnectionResolvers, ConsentEventResolvers } from '../__generated__/resolvers-types';
import { encodeEventCursor } from '../context';

export const ConsentEventConnection: ConsentEventConnectionResolvers = {
  edges: (page) => page.events.map((event) => ({ cursor: encodeEventCursor(event), node: event })),
  pageInfo: (page) => {
    const last = page.events[page.events.length - 1];
    return { hasNextPage: page.hasNextPage, endCursor: last ? encodeEventCursor(last) : null };
  },
  totalCount: (page) => page.totalCount,
};

export const ConsentEvent: ConsentEventResolvers = {
  id: (e) => e.event_id,
  subject: async (e, _args, { loaders }) => {
    const subject = await loaders.subjects.load(e.subject_id);
    // Events reference their subject by foreign key: a miss means the register is inconsistent.
    if (!subject) throw new Error(`Consent subject ${e.subject_id} of event ${e.event_id} was not found`);
    return subject;
  },
  recordedBy: (e) => e.recorded_by,
  occurredAt: (e) => e.occurred_at.toISOString(),
  recordedAt: (e) => e.recorded_at.toISOString(),
  proof: (e) => ({
    wordingVersion: e.wording_version,
    form: e.form,
    ipAddress: e.ip_address,
    userAgent: e.user_agent,
    collectedBy: e.collected_by,
    reference: e.proof_reference,
  }),
};
