/**
 * The demo help desk's records, in the JSON shapes of Zendesk's Support API v2
 * (only the fields a customer view reads; snake_case and ISO-8601 UTC times as
 * the API sends them). The data file the seed writes holds these records; the
 * simulator serves them.
 */

/** A help-desk user: an end user (a customer) or a staff member (agent, admin). */
export interface HelpdeskUser {
  /** Large integer id, as Zendesk hands them out. */
  id: number;
  /** API address of the record; added by the simulator when it serves the record. */
  url?: string;
  /** As the user gave it, or as the help desk made it up ("Caller +33 6 …", "Visitor 8812"). */
  name: string;
  /** Primary email; null for users known only by phone (callers) or by nothing (chat visitors). */
  email: string | null;
  /** Primary phone, as typed by the agent or as the telephony reported it. */
  phone: string | null;
  role: 'end-user' | 'agent' | 'admin';
  /** Zendesk time-zone name, e.g. "Paris", "London", "Eastern Time (US & Canada)". */
  time_zone: string;
  /** Zendesk locale, e.g. "fr", "en-GB", "de". */
  locale: string;
  verified: boolean;
  active: boolean;
  tags: string[];
  created_at: string;
  updated_at: string;
}

/** How a ticket reached the help desk (`via.channel`), as Zendesk names the channels. */
export type HelpdeskChannel = 'email' | 'web' | 'chat' | 'voice' | 'api' | 'mobile' | 'native_messaging';

export type HelpdeskTicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type HelpdeskTicketType = 'question' | 'incident' | 'problem' | 'task';
export type HelpdeskPriority = 'low' | 'normal' | 'high' | 'urgent';
export type HelpdeskSatisfactionScore = 'good' | 'bad' | 'offered' | 'unoffered';

export interface HelpdeskTicket {
  id: number;
  /** API address of the record; added by the simulator when it serves the record. */
  url?: string;
  subject: string;
  description: string;
  status: HelpdeskTicketStatus;
  /** Null when the agent left it unset. */
  type: HelpdeskTicketType | null;
  /** Null when the agent left it unset. */
  priority: HelpdeskPriority | null;
  via: { channel: HelpdeskChannel; source: { from: Record<string, unknown>; to: Record<string, unknown>; rel: null } };
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  tags: string[];
  satisfaction_rating: { score: HelpdeskSatisfactionScore; comment?: string | null; id?: number | null };
  created_at: string;
  updated_at: string;
  /** Sideloaded with `include=metric_sets`. */
  metric_set?: HelpdeskTicketMetric;
  /** Sideloaded with `include=comment_count`. */
  comment_count?: number;
}

/** A ticket's metrics (`/api/v2/ticket_metrics`); sideloaded on tickets as `metric_set`. */
export interface HelpdeskTicketMetric {
  id: number;
  ticket_id: number;
  /** When the ticket was last solved; null while it never was. */
  solved_at: string | null;
  /** Public replies by agents. */
  replies: number;
  reopens: number;
  created_at: string;
  updated_at: string;
}

/** The data file: what the simulator serves, written by the seed (demo/seed/sources/support.ts). */
export interface HelpdeskData {
  users: HelpdeskUser[];
  /** Tickets without sideloads (`metric_set`, `comment_count` are served from the fields below). */
  tickets: HelpdeskTicket[];
  ticket_metrics: HelpdeskTicketMetric[];
  /** Comments per ticket id (the description is the first comment), served as the `comment_count` sideload. */
  comment_counts: Record<string, number>;
}
