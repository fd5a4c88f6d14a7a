import type DataLoader from 'dataloader';
import type { ConsentChannel, ConsentPurpose, ConsentStateResolvers } from '../__generated__/resolvers-types';
import type { StateRow } from '../sources/consent-register';

const PURPOSES: ConsentPurpose[] = ['MARKETING', 'PROFILING', 'ANALYTICS', 'THIRD_PARTY_SHARING'];
const CHANNELS: ConsentChannel[] = ['EMAIL', 'SMS', 'PHONE', 'POST', 'PUSH', 'WEB'];

/** True when `a` decides over `b`: it occurred later, or at the same instant and was recorded later. */
const isLater = (a: StateRow, b: StateRow) =>
  a.occurred_at.getTime() - b.occurred_at.getTime() > 0 ||
  (a.occurred_at.getTime() === b.occurred_at.getTime() && BigInt(a.seq) > BigInt(b.seq));

/**
 * The current state per purpose × channel over several subjects (a customer
 * may hold one per email and one per phone): the latest event wins, by the
 * same rule as the register's view. Ordered by purpose, then channel.
 */
export function currentStates(rows: readonly StateRow[]): StateRow[] {
  const latest = new Map<string, StateRow>();
  for (const row of rows) {
    const key = `${row.purpose}|${row.channel}`;
    const known = latest.get(key);
    if (!known || isLater(row, known)) latest.set(key, row);
  }
  return [...latest.values()].sort(
    (a, b) =>
      PURPOSES.indexOf(a.purpose) - PURPOSES.indexOf(b.purpose) ||
      CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel),
  );
}

/** Loads the states of many subjects and merges them; fails as a whole when the register failed. */
export async function loadStates(loader: DataLoader<string, StateRow[]>, subjectIds: readonly string[]) {
  const lists = await loader.loadMany(subjectIds);
  const failed = lists.find((v): v is Error => v instanceof Error);
  if (failed) throw failed;
  return currentStates((lists as StateRow[][]).flat());
}

export const ConsentState: ConsentStateResolvers = {
  granted: (s) => s.status === 'GRANTED',
  since: (s) => s.occurred_at.toISOString(),
  proofReference: (s) => s.proof_reference,
  wordingVersion: (s) => s.wording_version,
  eventId: (s) => s.event_id,
  subjectId: (s) => s.subject_id,
};
