import type {
  SupportChannel,
  SupportSatisfactionScore,
  SupportTicketConnectionResolvers,
  SupportTicketPriority,
  SupportTicketResolvers,
  SupportTicketStatus,
  SupportTicketType,
} from '../__generated__/resolvers-types';
import { encodeTicketCursor } from '../context';

const iso = (time: string) => new Date(time).toISOString();

const STATUSES: Record<string, SupportTicketStatus> = {
  new: 'NEW',
  open: 'OPEN',
  pending: 'PENDING',
  hold: 'HOLD',
  solved: 'SOLVED',
  closed: 'CLOSED',
};

const TYPES: Record<string, SupportTicketType> = {
  question: 'QUESTION',
  incident: 'INCIDENT',
  problem: 'PROBLEM',
  task: 'TASK',
};

const PRIORITIES: Record<string, SupportTicketPriority> = {
  low: 'LOW',
  normal: 'NORMAL',
  high: 'HIGH',
  urgent: 'URGENT',
};

/** The help desk's `via.channel` values, grouped the way a customer page shows them. */
const CHANNELS: Record<string, SupportChannel> = {
  email: 'EMAIL',
  voice: 'PHONE',
  chat: 'CHAT',
  native_messaging: 'CHAT',
  web: 'WEB',
  web_widget: 'WEB',
  help_center: 'WEB',
};

/** The search API also reports `goodwithcomment` / `badwithcomment`; the rating itself is good or bad. */
function satisfactionScore(score: string | undefined): SupportSatisfactionScore {
  if (score?.startsWith('good')) return 'GOOD';
  if (score?.startsWith('bad')) return 'BAD';
  return score === 'offered' ? 'OFFERED' : 'UNOFFERED';
}

export const SupportTicket: SupportTicketResolvers = {
  __resolveReference: (ref, { loaders }) => {
    // The representation holds the key field (`id`) as a string, not a help-desk ticket.
    const id = String((ref as unknown as { id: string }).id);
    return /^\d+$/.test(id) ? loaders.tickets.load(Number(id)) : null;
  },
  id: (t) => String(t.id),
  subject: (t) => t.subject?.trim() || null,
  status: (t) => {
    const status = STATUSES[t.status];
    // The help desk's six statuses are fixed (custom statuses map onto them): another one is a contract change.
    if (!status) throw new Error(`Unknown help-desk ticket status "${t.status}" on ticket ${t.id}`);
    return status;
  },
  type: (t) => (t.type ? (TYPES[t.type] ?? null) : null),
  complaint: (t) => t.tags.includes('complaint'),
  channel: (t) => CHANNELS[t.via?.channel ?? ''] ?? 'OTHER',
  priority: (t) => (t.priority ? (PRIORITIES[t.priority] ?? null) : null),
  createdAt: (t) => iso(t.created_at),
  updatedAt: (t) => iso(t.updated_at),
  solvedAt: (t) => (t.metric_set?.solved_at ? iso(t.metric_set.solved_at) : null),
  satisfaction: (t) => ({
    score: satisfactionScore(t.satisfaction_rating?.score),
    comment: t.satisfaction_rating?.comment?.trim() || null,
  }),
  tags: (t) => t.tags,
  commentCount: (t) => t.comment_count ?? null,
  requester: (t, _args, { loaders }) => loaders.users.load(t.requester_id),
};

export const SupportTicketConnection: SupportTicketConnectionResolvers = {
  edges: (page) => page.tickets.map((ticket) => ({ cursor: encodeTicketCursor(ticket), node: ticket })),
  pageInfo: (page) => {
    const last = page.tickets[page.tickets.length - 1];
    return { hasNextPage: page.hasNextPage, endCursor: last ? encodeTicketCursor(last) : null };
  },
  totalCount: (page) => page.totalCount,
};
