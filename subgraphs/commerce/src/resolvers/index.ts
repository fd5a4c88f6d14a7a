import type { Resolvers } from '../__generated__/resolvers-types';
import { Customer } from './Customer';
import { Order, OrderConnection } from './Order';
import { Query } from './Query';
import { ShopAccount } from './ShopAccount';

export const resolvers: Resolvers = { Query, Customer, ShopAccount, OrderConnection, Order };
