import type { HelpdeskTicket, HelpdeskUser } from './sources/helpdesk-api';

/** A Customer reference as the query planner sends it, with the @requires fields. */
export interface CustomerModel {
  id: string;
  sourceRecords?: { system: string; localId: string }[];
}

/** A help-desk user as the help desk's API returns it. */
export type HelpDeskUserModel = HelpdeskUser;
/** A ticket as the help desk's API returns it, with its `metric_set` and `comment_count` sideloads. */
export type SupportTicketModel = HelpdeskTicket;

/** One page of a customer's tickets, newest first. */
export interface SupportTicketConnectionModel {
  tickets: HelpdeskTicket[];
  hasNextPage: boolean;
  totalCount: number;
}
