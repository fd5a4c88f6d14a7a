import type { Resolvers } from '../__generated__/resolvers-types';
import { AbandonedWebCart, AbandonedWebCartConnection } from './AbandonedWebCart';
import { Customer } from './Customer';
import { Query } from './Query';
import { WebSession, WebSessionConnection } from './WebSession';

export const resolvers: Resolvers = {
  Query,
  Customer,
  WebSession,
  WebSessionConnection,
  AbandonedWebCart,
  AbandonedWebCartConnection,
};
