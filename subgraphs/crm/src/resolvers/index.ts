import type { Resolvers } from '../__generated__/resolvers-types';
import { CrmContact } from './CrmContact';
import { Customer } from './Customer';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, Customer, CrmContact };
