import DataLoader from 'dataloader';
import type { Caller } from '@c360/kit/auth';
import { packCursor, unpackCursor } from '@c360/kit/cursor';
import { badUserInput, fromSource } from '@c360/kit/errors';
import { groupedLoader, keyedLoader } from '@c360/kit/loaders';
import type { CommandOptions } from './commands';
import type { ConsentEventConnectionModel } from './models';
import {
  SYSTEM,
  type ConsentRegister,
  type EventRow,
  type HistoryAfter,
  type StateRow,
  type SubjectRow,
} from './sources/consent-register';

/** One page of history of a group of subjects (a customer's, or one subject's). */
export interface HistoryPageKey {
  subjectIds: readonly string[];
  first: number;
  after: string | null;
}

export interface ConsentContext {
  register: ConsentRegister;
  /** Who calls, as the gateway vouches for it: recorded with every event. */
  caller: Caller;
  /** Settings for validating a recordConsent input, with the request's clock. */
  commandOptions: () => CommandOptions;
  loaders: {
    subjects: DataLoader<string, SubjectRow | null>;
    /** Current states (one per purpose × channel) of each subject. */
    states: DataLoader<string, StateRow[]>;
    events: DataLoader<string, EventRow | null>;
    /** All groups asking for the same page size and cursor go in one query. */
    history: DataLoader<HistoryPageKey, ConsentEventConnectionModel, string>;
  };
}

export interface ContextSettings {
  /** Region for phone numbers given in national format without one. */
  defaultPhoneRegion: string;
}

export const encodeEventCursor = (event: Pick<EventRow, 'occurred_at' | 'seq'>) =>
  packCursor([event.occurred_at.toISOString(), event.seq]);

export function decodeEventCursor(cursor: string): HistoryAfter {
  const [occurredAt, seq] = unpackCursor(cursor) ?? [];
  if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt)) || !/^\d{1,19}$/.test(String(seq))) {
    throw badUserInput(
      `Invalid after: expected a consent events cursor (pageInfo.endCursor), received "${cursor}"`,
      'after',
    );
  }
  return { occurredAt, seq: String(seq) };
}

/** Checks the page arguments of a history field; BAD_USER_INPUT naming the argument. */
export function historyPageKey(
  subjectIds: readonly string[],
  first: number | null | undefined,
  after: string | null | undefined,
): HistoryPageKey {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw badUserInput(`Invalid first: expected an integer from 1 to 100, received ${size}`, 'first');
  }
  if (after) decodeEventCursor(after);
  return { subjectIds: [...new Set(subjectIds)].sort(), first: size, after: after || null };
}

const ownerOf = (key: HistoryPageKey) => key.subjectIds.join(',');
const pageKeyOf = (key: HistoryPageKey) => `${ownerOf(key)}|${key.first}|${key.after ?? ''}`;

export function createContext(register: ConsentRegister, settings: ContextSettings, caller: Caller): ConsentContext {
  return {
    register,
    caller,
    commandOptions: () => ({
      now: new Date(),
      defaultPhoneRegion: settings.defaultPhoneRegion,
      recordedBy: caller.client,
    }),
    loaders: {
      subjects: keyedLoader(
        (ids) => fromSource(SYSTEM, () => register.subjectsByIds(ids)),
        (row) => row.subject_id,
      ),
      states: groupedLoader(
        (ids) => fromSource(SYSTEM, () => register.statesBySubjects(ids)),
        (row) => row.subject_id,
      ),
      events: keyedLoader(
        (ids) => fromSource(SYSTEM, () => register.eventsByIds(ids)),
        (row) => row.event_id,
      ),
      history: new DataLoader<HistoryPageKey, ConsentEventConnectionModel, string>(
        (keys) => loadHistoryPages(register, keys),
        { cacheKeyFn: pageKeyOf },
      ),
    },
  };
}

async function loadHistoryPages(
  register: ConsentRegister,
  keys: readonly HistoryPageKey[],
): Promise<ConsentEventConnectionModel[]> {
  const groups = new Map<string, HistoryPageKey[]>();
  for (const key of keys) {
    const group = `${key.first}|${key.after ?? ''}`;
    groups.set(group, [...(groups.get(group) ?? []), key]);
  }
  const pages = new Map<string, ConsentEventConnectionModel>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const { first, after } = group[0]!;
      const owners = group.map((key) => ({ owner: ownerOf(key), subjectIds: key.subjectIds }));
      const rows = await fromSource(SYSTEM, () =>
        register.historyPages(owners, first, after ? decodeEventCursor(after) : null),
      );
      for (const key of group) {
        const own = rows.filter((r) => r.owner === ownerOf(key));
        const events = own.filter((r): r is typeof r & EventRow => r.event_id !== null);
        pages.set(pageKeyOf(key), {
          events: events.slice(0, first),
          hasNextPage: events.length > first,
          totalCount: Number(own[0]?.total_count ?? 0),
        });
      }
    }),
  );
  return keys.map((key) => pages.get(pageKeyOf(key)) ?? { events: [], hasNextPage: false, totalCount: 0 });
}
