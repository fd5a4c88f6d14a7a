import type { ConsentSubjectResolvers } from '../__generated__/resolvers-types';
import { UUID } from '../commands';
import type { ConsentContext } from '../context';
import { historyPageKey } from '../context';
import { loadStates } from './ConsentState';

/** A subject by id; null for an id that is not one (rather than a database error). */
export const subjectById = (id: string, { loaders }: ConsentContext) =>
  UUID.test(id) ? loaders.subjects.load(id.toLowerCase()) : null;

export const ConsentSubject: ConsentSubjectResolvers = {
  // The representation holds the key field (`id`), not a mapped row.
  __resolveReference: (ref, ctx) => subjectById((ref as unknown as { id: string }).id, ctx),
  id: (s) => s.subject_id,
  identifiers: (s) =>
    s.identifiers.map((i) => ({
      kind: i.kind,
      value: i.value,
      region: i.region,
      addedAt: new Date(i.added_at).toISOString(),
    })),
  createdAt: (s) => s.created_at.toISOString(),
  lastChangedAt: (s) => s.last_changed_at.toISOString(),
  consents: (s, _args, { loaders }) => loadStates(loaders.states, [s.subject_id]),
  history: (s, { first, after }, { loaders }) => loaders.history.load(historyPageKey([s.subject_id], first, after)),
};
