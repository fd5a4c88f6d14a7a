import type { Resolvers } from '../__generated__/resolvers-types';
import { Customer } from './Customer';
import { LoyaltyCard } from './LoyaltyCard';
import { Query } from './Query';
import { StorePurchase, StorePurchaseConnection, StorePurchaseLine } from './StorePurchase';

export const resolvers: Resolvers = {
  Query,
  Customer,
  LoyaltyCard,
  StorePurchase,
  StorePurchaseConnection,
  StorePurchaseLine,
};
