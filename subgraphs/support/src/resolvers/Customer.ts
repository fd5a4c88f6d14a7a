import { loadAll, localIdsOf } from '@c360/kit/loaders';
import { badUserInput } from '@c360/kit/errors';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import { compareNewestFirst, decodeTicketCursor } from '../context';
import { SYSTEM, type HelpdeskTicket } from '../sources/helpdesk-api';

/** The customer's help-desk user ids (the help desk's ids are integers; anything else cannot be one of its users). */
function userIdsOf(sourceRecords: unknown): number[] {
  return localIdsOf(sourceRecords, SYSTEM)
    .filter((id) => /^\d+$/.test(id))
    .map(Number);
}

/** Ticket statuses (as the help desk's API writes them) that need nothing more from an agent. */
const CLOSED_STATUSES = new Set(['solved', 'closed']);

export const Customer: CustomerResolvers = {
  helpDeskUsers: async (customer, _args, { loaders }) => {
    const users = await loadAll(loaders.users, userIdsOf(customer.sourceRecords));
    return users.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);
  },

  openSupportTicketCount: async (customer, _args, { loaders }) => {
    const lists = await loaders.ticketsByRequester.loadMany(userIdsOf(customer.sourceRecords));
    const failed = lists.find((l): l is Error => l instanceof Error);
    if (failed) throw failed;
    const open = new Set<number>();
    for (const list of lists as HelpdeskTicket[][]) {
      for (const ticket of list) if (!CLOSED_STATUSES.has(ticket.status)) open.add(ticket.id);
    }
    return open.size;
  },

  supportTickets: async (customer, { first, after }, { loaders }) => {
    const size = first ?? 10;
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      throw badUserInput(`Invalid first: expected an integer from 1 to 100, received ${size}`, 'first');
    }
    const position = after ? decodeTicketCursor(after) : null;
    const lists = await loaders.ticketsByRequester.loadMany(userIdsOf(customer.sourceRecords));
    const failed = lists.find((l): l is Error => l instanceof Error);
    if (failed) throw failed;
    // A ticket has one requester, but a user id listed twice must not show its tickets twice.
    const byId = new Map<number, HelpdeskTicket>();
    for (const list of lists as HelpdeskTicket[][]) for (const ticket of list) byId.set(ticket.id, ticket);
    const all = [...byId.values()].sort(compareNewestFirst);
    const startMs = position ? Date.parse(position.createdAt) : 0;
    const rest = position
      ? all.filter((t) => {
          const created = Date.parse(t.created_at);
          return created < startMs || (created === startMs && t.id < position.id);
        })
      : all;
    return { tickets: rest.slice(0, size), hasNextPage: rest.length > size, totalCount: all.length };
  },
};
