import type DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { packCursor, unpackCursor } from '@c360/kit/cursor';
import { badUserInput, fromSource } from '@c360/kit/errors';
import { groupedLoader, keyedLoader } from '@c360/kit/loaders';
import {
  HelpdeskResponseError,
  SYSTEM,
  type HelpdeskClient,
  type HelpdeskTicket,
  type HelpdeskUser,
} from './sources/helpdesk-api';

export interface SupportContext {
  loaders: {
    /** Help-desk users by id: one `show_many` request per 100 users. */
    users: DataLoader<number, HelpdeskUser | null>;
    /** Tickets by number: one `show_many` request per 100 tickets. */
    tickets: DataLoader<number, HelpdeskTicket | null>;
    /** Every ticket of each requester: one search-export request for all the users of a request. */
    ticketsByRequester: DataLoader<number, HelpdeskTicket[]>;
  };
}

/**
 * Runs a help-desk call and turns any failure into SOURCE_UNAVAILABLE naming
 * the source; when the help desk asked to slow down (429), the error also
 * says after how many seconds to retry (`extensions.retryAfterSeconds`).
 */
export async function fromHelpdesk<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await fromSource(SYSTEM, call);
  } catch (err) {
    const cause = err instanceof GraphQLError ? err.originalError : undefined;
    if (err instanceof GraphQLError && cause instanceof HelpdeskResponseError && cause.retryAfterSeconds !== null) {
      throw new GraphQLError(err.message, {
        extensions: { ...err.extensions, retryAfterSeconds: cause.retryAfterSeconds },
        originalError: cause,
      });
    }
    throw err;
  }
}

/** Where a page of tickets starts: strictly before (older than) this ticket. */
export interface TicketPosition {
  createdAt: string;
  id: number;
}

export const encodeTicketCursor = (t: HelpdeskTicket) => packCursor([new Date(t.created_at).toISOString(), t.id]);

export function decodeTicketCursor(cursor: string): TicketPosition {
  const [createdAt, id] = unpackCursor(cursor) ?? [];
  if (typeof createdAt !== 'string' || !Number.isInteger(id) || Number.isNaN(Date.parse(createdAt))) {
    throw badUserInput(`Invalid after: expected a tickets cursor (pageInfo.endCursor), received "${cursor}"`, 'after');
  }
  return { createdAt, id: id as number };
}

/** Newest first: by creation time, then by ticket number. */
export function compareNewestFirst(a: HelpdeskTicket, b: HelpdeskTicket): number {
  return Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id;
}

export function createContext(client: HelpdeskClient): SupportContext {
  // One data source per GraphQL request: its deduplication lasts the request, its HTTP cache is the client's.
  const api = client.api();
  return {
    loaders: {
      users: keyedLoader(
        (ids) => fromHelpdesk(() => api.usersByIds(ids)),
        (user) => user.id,
      ),
      tickets: keyedLoader(
        (ids) => fromHelpdesk(() => api.ticketsByIds(ids)),
        (ticket) => ticket.id,
      ),
      ticketsByRequester: groupedLoader(
        (ids) => fromHelpdesk(() => api.ticketsByRequesters(ids)),
        (ticket) => ticket.requester_id,
      ),
    },
  };
}
