import type { Resolvers } from '../__generated__/resolvers-types';
import { Customer } from './Customer';
import { HelpDeskUser } from './HelpDeskUser';
import { Query } from './Query';
import { SupportTicket, SupportTicketConnection } from './SupportTicket';

export const resolvers: Resolvers = { Query, Customer, HelpDeskUser, SupportTicket, SupportTicketConnection };
