import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CustomerModel, ShopAccountModel, OrderModel, OrderConnectionModel, QuoteModel, QuoteLineModel, QuoteConnectionModel, AbandonedShopCartModel, AbandonedShopCartConnectionModel, ShopCartItemModel, ShopProductModel } from '../models';
import type { CommerceContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** Any JSON value. */
  JSON: { input: any; output: any; }
  _FieldSet: { input: any; output: any; }
};

/**
 * A cart in the web shop that was left without checkout: still active, holding
 * products, and untouched for longer than the shop's abandonment delay.
 */
export type AbandonedShopCart = {
  __typename?: 'AbandonedShopCart';
  /** When the cart became abandoned: its last change plus the shop's abandonment delay (ISO-8601). */
  abandonedSince: Scalars['String']['output'];
  /** The shop account the cart belongs to (see Query.shopAccount). */
  accountId: Scalars['ID']['output'];
  /** The cart's id in the shop. */
  cartId: Scalars['ID']['output'];
  /** When the cart was created (ISO-8601). */
  createdAt: Scalars['String']['output'];
  /** Units in the cart, all products together. */
  itemCount: Scalars['Int']['output'];
  /** The products in the cart, in the order they were added. */
  items: Array<ShopCartItem>;
  /** Value of the cart at the prices of when its products were added, in the cart's currency. */
  subtotal: Money;
  /** When the cart was last changed: the customer's last activity on it (ISO-8601). */
  updatedAt: Scalars['String']['output'];
};

/** A page of abandoned shop carts. */
export type AbandonedShopCartConnection = {
  __typename?: 'AbandonedShopCartConnection';
  /** The carts of this page with their cursors. */
  edges: Array<AbandonedShopCartEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many abandoned carts there are in all. */
  totalCount: Scalars['Int']['output'];
};

/** An abandoned shop cart and its cursor. */
export type AbandonedShopCartEdge = {
  __typename?: 'AbandonedShopCartEdge';
  /** Pass as `after` to read the carts left before this one. */
  cursor: Scalars['String']['output'];
  /** The cart. */
  node: AbandonedShopCart;
};

/**
 * A customer, extended with what the web shop knows of them. The shop reads its
 * own records through the source-record keys that the identity subgraph provides.
 */
export type Customer = {
  __typename?: 'Customer';
  /**
   * The carts the customer left in the web shop, across all their shop accounts:
   * carts not checked out, holding products, untouched for longer than the
   * shop's abandonment delay (24 hours unless configured otherwise). Most
   * recently active first, paginated. Null when the shop is unavailable. Carts
   * seen by web analytics are in abandonedWebCarts.
   */
  abandonedShopCarts?: Maybe<AbandonedShopCartConnection>;
  id: Scalars['ID']['output'];
  /**
   * Every order of the customer that counts as a purchase (cancelled and
   * refunded orders left out), across all their shop accounts, reduced to its
   * number, time and total: what omnichannel KPIs are computed from. Oldest
   * first. Null when the shop is unavailable.
   */
  onlinePurchases?: Maybe<Array<OnlinePurchase>>;
  /**
   * The web-shop accounts that belong to this customer (people open several),
   * newest first. Null when the shop is unavailable.
   */
  shopAccounts?: Maybe<Array<ShopAccount>>;
  /** Provided by the identity subgraph; the shop only reads its own records from it. */
  sourceRecords: Array<SourceRecord>;
};


/**
 * A customer, extended with what the web shop knows of them. The shop reads its
 * own records through the source-record keys that the identity subgraph provides.
 */
export type CustomerAbandonedShopCartsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** An amount of money: a decimal string, never a float, and its currency. */
export type Money = {
  __typename?: 'Money';
  /** Decimal amount, e.g. 129.90. */
  amount: Scalars['String']['output'];
  /** ISO 4217 currency code, e.g. EUR. */
  currency: Scalars['String']['output'];
};

/** A web-shop order reduced to what KPIs need (one that counts: not cancelled, not refunded). */
export type OnlinePurchase = {
  __typename?: 'OnlinePurchase';
  /** When the purchase was made (ISO-8601). */
  purchasedAt: Scalars['String']['output'];
  /** The order or receipt number. */
  reference: Scalars['ID']['output'];
  /** Amount paid, in the purchase's currency. */
  total: Money;
};

/** An order placed in the web shop. */
export type Order = {
  __typename?: 'Order';
  /** The order's lines. */
  lines: Array<OrderLine>;
  /** Order number shown to the customer, e.g. WEB-100001. */
  orderNumber: Scalars['ID']['output'];
  /** When the order was placed (ISO-8601). */
  placedAt: Scalars['String']['output'];
  /** placed, shipped, delivered, cancelled or refunded. */
  status: Scalars['String']['output'];
  /** Order total, in the order's currency. */
  total: Money;
};

/** A page of orders. */
export type OrderConnection = {
  __typename?: 'OrderConnection';
  /** The orders of this page with their cursors. */
  edges: Array<OrderEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many orders the account has in all. */
  totalCount: Scalars['Int']['output'];
};

/** An order and its cursor. */
export type OrderEdge = {
  __typename?: 'OrderEdge';
  /** Pass as `after` to read the orders placed before this one. */
  cursor: Scalars['String']['output'];
  /** The order. */
  node: Order;
};

/**
 * One line of an order. The line keeps what was sold as it was at the time of the
 * order (SKU, name, price); `product` is the catalogue entry as it is today.
 */
export type OrderLine = {
  __typename?: 'OrderLine';
  /** The product in today's catalogue; null when the SKU is no longer in it. */
  product?: Maybe<ShopProduct>;
  /** Product name at the time of the order. */
  productName: Scalars['String']['output'];
  /** Units ordered. */
  quantity: Scalars['Int']['output'];
  /** Stock keeping unit of the product. */
  sku: Scalars['String']['output'];
  /** Price of one unit, in the order's currency. */
  unitPrice: Money;
};

/** Pagination state of a connection. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of this page, null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * For the profile subgraph's audience engine only (@inaccessible: not in the
   * gateway's API; needs customer:read and pii:read). What segment membership
   * needs of many customers at once, without executing each of their records as
   * GraphQL objects: one JSON object per customer, in the order of `customers`
   * (each customer's local ids in this source, as in sourceRecords), holding the
   * facts asked among shopAccounts (as Customer.shopAccounts: accountId email firstName lastName phone country updatedAt) and onlinePurchaseTotals (Customer.onlinePurchases aggregated per currency in one GROUP BY: currency count cents countSince centsSince firstAt lastAt, where countSince and centsSince cover purchases at or after `since`).
   */
  commerceAudienceFacts: Scalars['JSON']['output'];
  /** A web-shop account by its id. Null when the shop has no such account. */
  shopAccount?: Maybe<ShopAccount>;
  /** A product of the shop's catalogue by its SKU. Null when the catalogue has no such product. */
  shopProduct?: Maybe<ShopProduct>;
};


export type QueryCommerceAudienceFactsArgs = {
  customers: Array<Array<Scalars['ID']['input']>>;
  facts: Array<Scalars['String']['input']>;
  since?: InputMaybe<Scalars['String']['input']>;
};


export type QueryShopAccountArgs = {
  accountId: Scalars['ID']['input'];
};


export type QueryShopProductArgs = {
  sku: Scalars['ID']['input'];
};

/** A quote (devis) for an account: the products and prices the shop offers, valid until a date. */
export type Quote = {
  __typename?: 'Quote';
  /** When the quote was created (ISO-8601). */
  createdAt: Scalars['String']['output'];
  /** The quote's lines. */
  lines: Array<QuoteLine>;
  /** Quote number shown to the customer, e.g. QT-100001. */
  quoteNumber: Scalars['ID']['output'];
  /** Name of the sales rep who prepared the quote; null when the customer requested it online and the shop issued it. */
  salesRep?: Maybe<Scalars['String']['output']>;
  /**
   * draft (being prepared, not sent yet), sent (awaiting the customer's answer),
   * accepted, declined or expired (not answered before validUntil).
   */
  status: Scalars['String']['output'];
  /** Quote total after line discounts, in the quote's currency. */
  total: Money;
  /** When the quote was last changed, e.g. sent or answered (ISO-8601). */
  updatedAt: Scalars['String']['output'];
  /** Last day on which the customer can accept the quote (ISO-8601 date, e.g. 2026-11-30). */
  validUntil: Scalars['String']['output'];
};

/** A page of quotes. */
export type QuoteConnection = {
  __typename?: 'QuoteConnection';
  /** The quotes of this page with their cursors. */
  edges: Array<QuoteEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many quotes the account has in all. */
  totalCount: Scalars['Int']['output'];
};

/** A quote and its cursor. */
export type QuoteEdge = {
  __typename?: 'QuoteEdge';
  /** Pass as `after` to read the quotes created before this one. */
  cursor: Scalars['String']['output'];
  /** The quote. */
  node: Quote;
};

/** One line of a quote. */
export type QuoteLine = {
  __typename?: 'QuoteLine';
  /** Discount granted on the line, in percent (e.g. 12.5). */
  discountPercent: Scalars['Float']['output'];
  /** Price of the line: quantity × unit price, less the discount. */
  lineTotal: Money;
  /** The product in today's catalogue; null when the SKU is no longer in it. */
  product?: Maybe<ShopProduct>;
  /** Product name as quoted. */
  productName: Scalars['String']['output'];
  /** Units quoted. */
  quantity: Scalars['Int']['output'];
  /** Stock keeping unit of the product. */
  sku: Scalars['String']['output'];
  /** List price of one unit when quoted, before discount. */
  unitPrice: Money;
};

/** A customer account in the web shop. */
export type ShopAccount = {
  __typename?: 'ShopAccount';
  /**
   * The account's carts left without checkout, holding products and untouched
   * for longer than the shop's abandonment delay (24 hours unless configured
   * otherwise). Most recently active first, paginated.
   */
  abandonedCarts: AbandonedShopCartConnection;
  /** The account's id in the shop. */
  accountId: Scalars['ID']['output'];
  /** ISO 3166-1 alpha-2 country of the account, e.g. FR. */
  country?: Maybe<Scalars['String']['output']>;
  /** When the account was created (ISO-8601). */
  createdAt: Scalars['String']['output'];
  /** Email the account signs in with, as the customer typed it. */
  email?: Maybe<Scalars['String']['output']>;
  /** First name given at sign-up. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** Last name given at sign-up. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** The account's orders, most recent first, paginated. */
  orders: OrderConnection;
  /** Phone number given at checkout, as typed. */
  phone?: Maybe<Scalars['String']['output']>;
  /** The quotes the shop or a sales rep sent to the account, most recently created first, paginated. */
  quotes: QuoteConnection;
  /** When the account was last changed (ISO-8601). */
  updatedAt: Scalars['String']['output'];
};


/** A customer account in the web shop. */
export type ShopAccountAbandonedCartsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A customer account in the web shop. */
export type ShopAccountOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A customer account in the web shop. */
export type ShopAccountQuotesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A product in a shop cart. */
export type ShopCartItem = {
  __typename?: 'ShopCartItem';
  /** When the product was added to the cart (ISO-8601). */
  addedAt: Scalars['String']['output'];
  /** The product in today's catalogue; null when the SKU is no longer in it. */
  product?: Maybe<ShopProduct>;
  /** Product name when it was added to the cart. */
  productName: Scalars['String']['output'];
  /** Units in the cart. */
  quantity: Scalars['Int']['output'];
  /** Stock keeping unit of the product. */
  sku: Scalars['String']['output'];
  /** Price of one unit when it was added to the cart. */
  unitPrice: Money;
};

/** A product of the web shop's catalogue, as the shop sells it today. */
export type ShopProduct = {
  __typename?: 'ShopProduct';
  /** Brand the product is sold under. */
  brand?: Maybe<Scalars['String']['output']>;
  /** Catalogue category, e.g. Furniture. */
  category?: Maybe<Scalars['String']['output']>;
  /** List price of one unit in each currency the shop sells in. */
  listPrices: Array<Money>;
  /** Product name in the catalogue. */
  name: Scalars['String']['output'];
  /** Whether the shop still sells the product (false: kept for past orders only). */
  onSale: Scalars['Boolean']['output'];
  /** Stock keeping unit: the product's id across the shop, e.g. SKU-10428. */
  sku: Scalars['ID']['output'];
};

/** A record in a source system, named by the system and the record's id there. */
export type SourceRecord = {
  __typename?: 'SourceRecord';
  /** The record's id in that system. */
  localId: Scalars['ID']['output'];
  /** The source system's name, e.g. commerce. */
  system: Scalars['String']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = {}, TContext = {}, TArgs = {}> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = {}, TContext = {}, TArgs = {}> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = {}, TContext = {}> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = {}, TContext = {}> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = {}, TParent = {}, TContext = {}, TArgs = {}> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AbandonedShopCart: ResolverTypeWrapper<AbandonedShopCartModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AbandonedShopCartConnection: ResolverTypeWrapper<AbandonedShopCartConnectionModel>;
  AbandonedShopCartEdge: ResolverTypeWrapper<Omit<AbandonedShopCartEdge, 'node'> & { node: ResolversTypes['AbandonedShopCart'] }>;
  Customer: ResolverTypeWrapper<CustomerModel>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Money: ResolverTypeWrapper<Money>;
  OnlinePurchase: ResolverTypeWrapper<OnlinePurchase>;
  Order: ResolverTypeWrapper<OrderModel>;
  OrderConnection: ResolverTypeWrapper<OrderConnectionModel>;
  OrderEdge: ResolverTypeWrapper<Omit<OrderEdge, 'node'> & { node: ResolversTypes['Order'] }>;
  OrderLine: ResolverTypeWrapper<Omit<OrderLine, 'product'> & { product?: Maybe<ResolversTypes['ShopProduct']> }>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<{}>;
  Quote: ResolverTypeWrapper<QuoteModel>;
  QuoteConnection: ResolverTypeWrapper<QuoteConnectionModel>;
  QuoteEdge: ResolverTypeWrapper<Omit<QuoteEdge, 'node'> & { node: ResolversTypes['Quote'] }>;
  QuoteLine: ResolverTypeWrapper<QuoteLineModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ShopAccount: ResolverTypeWrapper<ShopAccountModel>;
  ShopCartItem: ResolverTypeWrapper<ShopCartItemModel>;
  ShopProduct: ResolverTypeWrapper<ShopProductModel>;
  SourceRecord: ResolverTypeWrapper<SourceRecord>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AbandonedShopCart: AbandonedShopCartModel;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  AbandonedShopCartConnection: AbandonedShopCartConnectionModel;
  AbandonedShopCartEdge: Omit<AbandonedShopCartEdge, 'node'> & { node: ResolversParentTypes['AbandonedShopCart'] };
  Customer: CustomerModel;
  JSON: Scalars['JSON']['output'];
  Money: Money;
  OnlinePurchase: OnlinePurchase;
  Order: OrderModel;
  OrderConnection: OrderConnectionModel;
  OrderEdge: Omit<OrderEdge, 'node'> & { node: ResolversParentTypes['Order'] };
  OrderLine: Omit<OrderLine, 'product'> & { product?: Maybe<ResolversParentTypes['ShopProduct']> };
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: {};
  Quote: QuoteModel;
  QuoteConnection: QuoteConnectionModel;
  QuoteEdge: Omit<QuoteEdge, 'node'> & { node: ResolversParentTypes['Quote'] };
  QuoteLine: QuoteLineModel;
  Float: Scalars['Float']['output'];
  ShopAccount: ShopAccountModel;
  ShopCartItem: ShopCartItemModel;
  ShopProduct: ShopProductModel;
  SourceRecord: SourceRecord;
}>;

export type PiiDirectiveArgs = { };

export type PiiDirectiveResolver<Result, Parent, ContextType = CommerceContext, Args = PiiDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AbandonedShopCartResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['AbandonedShopCart'] = ResolversParentTypes['AbandonedShopCart']> = ResolversObject<{
  abandonedSince?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  accountId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  cartId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  itemCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['ShopCartItem']>, ParentType, ContextType>;
  subtotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AbandonedShopCartConnectionResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['AbandonedShopCartConnection'] = ResolversParentTypes['AbandonedShopCartConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['AbandonedShopCartEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AbandonedShopCartEdgeResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['AbandonedShopCartEdge'] = ResolversParentTypes['AbandonedShopCartEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AbandonedShopCart'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CustomerResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  abandonedShopCarts?: Resolver<Maybe<ResolversTypes['AbandonedShopCartConnection']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType, RequireFields<CustomerAbandonedShopCartsArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  onlinePurchases?: Resolver<Maybe<Array<ResolversTypes['OnlinePurchase']>>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType>;
  shopAccounts?: Resolver<Maybe<Array<ResolversTypes['ShopAccount']>>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType>;

  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MoneyResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type OnlinePurchaseResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['OnlinePurchase'] = ResolversParentTypes['OnlinePurchase']> = ResolversObject<{
  purchasedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type OrderResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order']> = ResolversObject<{
  lines?: Resolver<Array<ResolversTypes['OrderLine']>, ParentType, ContextType>;
  orderNumber?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  placedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type OrderConnectionResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['OrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type OrderEdgeResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['OrderEdge'] = ResolversParentTypes['OrderEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type OrderLineResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['OrderLine'] = ResolversParentTypes['OrderLine']> = ResolversObject<{
  product?: Resolver<Maybe<ResolversTypes['ShopProduct']>, ParentType, ContextType>;
  productName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  commerceAudienceFacts?: Resolver<ResolversTypes['JSON'], ParentType, ContextType, RequireFields<QueryCommerceAudienceFactsArgs, 'customers' | 'facts'>>;
  shopAccount?: Resolver<Maybe<ResolversTypes['ShopAccount']>, ParentType, ContextType, RequireFields<QueryShopAccountArgs, 'accountId'>>;
  shopProduct?: Resolver<Maybe<ResolversTypes['ShopProduct']>, ParentType, ContextType, RequireFields<QueryShopProductArgs, 'sku'>>;
}>;

export type QuoteResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['Quote'] = ResolversParentTypes['Quote']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['QuoteLine']>, ParentType, ContextType>;
  quoteNumber?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  salesRep?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  validUntil?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QuoteConnectionResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['QuoteConnection'] = ResolversParentTypes['QuoteConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['QuoteEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QuoteEdgeResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['QuoteEdge'] = ResolversParentTypes['QuoteEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Quote'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QuoteLineResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['QuoteLine'] = ResolversParentTypes['QuoteLine']> = ResolversObject<{
  discountPercent?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lineTotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['ShopProduct']>, ParentType, ContextType>;
  productName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ShopAccountResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['ShopAccount'] = ResolversParentTypes['ShopAccount']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ShopAccount']>, { __typename: 'ShopAccount' } & GraphQLRecursivePick<ParentType, {"accountId":true}>, ContextType>;
  abandonedCarts?: Resolver<ResolversTypes['AbandonedShopCartConnection'], ParentType, ContextType, RequireFields<ShopAccountAbandonedCartsArgs, 'first'>>;
  accountId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  orders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<ShopAccountOrdersArgs, 'first'>>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  quotes?: Resolver<ResolversTypes['QuoteConnection'], ParentType, ContextType, RequireFields<ShopAccountQuotesArgs, 'first'>>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ShopCartItemResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['ShopCartItem'] = ResolversParentTypes['ShopCartItem']> = ResolversObject<{
  addedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['ShopProduct']>, ParentType, ContextType>;
  productName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ShopProductResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['ShopProduct'] = ResolversParentTypes['ShopProduct']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ShopProduct']>, { __typename: 'ShopProduct' } & GraphQLRecursivePick<ParentType, {"sku":true}>, ContextType>;
  brand?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  category?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  listPrices?: Resolver<Array<ResolversTypes['Money']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  onSale?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SourceRecordResolvers<ContextType = CommerceContext, ParentType extends ResolversParentTypes['SourceRecord'] = ResolversParentTypes['SourceRecord']> = ResolversObject<{
  localId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  system?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = CommerceContext> = ResolversObject<{
  AbandonedShopCart?: AbandonedShopCartResolvers<ContextType>;
  AbandonedShopCartConnection?: AbandonedShopCartConnectionResolvers<ContextType>;
  AbandonedShopCartEdge?: AbandonedShopCartEdgeResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Money?: MoneyResolvers<ContextType>;
  OnlinePurchase?: OnlinePurchaseResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  OrderLine?: OrderLineResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Quote?: QuoteResolvers<ContextType>;
  QuoteConnection?: QuoteConnectionResolvers<ContextType>;
  QuoteEdge?: QuoteEdgeResolvers<ContextType>;
  QuoteLine?: QuoteLineResolvers<ContextType>;
  ShopAccount?: ShopAccountResolvers<ContextType>;
  ShopCartItem?: ShopCartItemResolvers<ContextType>;
  ShopProduct?: ShopProductResolvers<ContextType>;
  SourceRecord?: SourceRecordResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = CommerceContext> = ResolversObject<{
  pii?: PiiDirectiveResolver<any, any, ContextType>;
}>;
