import type { Resolvers } from '../__generated__/resolvers-types';
import { AbandonedShopCart, AbandonedShopCartConnection, ShopCartItem } from './AbandonedShopCart';
import { Customer } from './Customer';
import { Order, OrderConnection, OrderLine } from './Order';
import { Query } from './Query';
import { Quote, QuoteConnection, QuoteLine } from './Quote';
import { ShopAccount } from './ShopAccount';
import { ShopProduct } from './ShopProduct';

export const resolvers: Resolvers = {
  Query,
  Customer,
  ShopAccount,
  OrderConnection,
  Order,
  OrderLine,
  QuoteConnection,
  Quote,
  QuoteLine,
  AbandonedShopCartConnection,
  AbandonedShopCart,
  ShopCartItem,
  ShopProduct,
};
