import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CustomerModel, LoyaltyCardModel, StoreModel, StorePurchaseModel, StorePurchaseLineModel, StorePurchaseConnectionModel } from '../models';
import type { StoresContext } from '../context';
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
 * A customer, extended with what the stores know of them: the loyalty cards of
 * the loyalty programme's member export and the receipts of the tills' end-of-day
 * exports. The stores read their own records through the source-record keys that
 * the identity subgraph provides (one record per loyalty card).
 */
export type Customer = {
  __typename?: 'Customer';
  id: Scalars['ID']['output'];
  /**
   * Every receipt paid with any of the customer's loyalty cards that counts as a
   * purchase (a positive total: a receipt of returns only does not), reduced to
   * its number, time and total: what omnichannel KPIs are computed from. Oldest
   * first. Null when the till export folder is unavailable.
   */
  inStorePurchases?: Maybe<Array<InStorePurchase>>;
  /**
   * The customer's loyalty cards, as the loyalty programme holds them: more than
   * one when a lost card was re-issued. Most recently updated first. Null when
   * the till export folder is unavailable.
   */
  loyaltyCards?: Maybe<Array<LoyaltyCard>>;
  /** Provided by the identity subgraph; the stores only read their own records (system `stores`) from it. */
  sourceRecords: Array<SourceRecord>;
  /**
   * Store receipts paid with any of the customer's loyalty cards, newest first,
   * paginated. Anonymous sales (no card scanned) cannot be attributed to anyone
   * and are not listed. Null when the till export folder is unavailable.
   */
  storePurchases?: Maybe<StorePurchaseConnection>;
};


/**
 * A customer, extended with what the stores know of them: the loyalty cards of
 * the loyalty programme's member export and the receipts of the tills' end-of-day
 * exports. The stores read their own records through the source-record keys that
 * the identity subgraph provides (one record per loyalty card).
 */
export type CustomerStorePurchasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A store receipt reduced to what KPIs need (one that counts: a positive total). */
export type InStorePurchase = {
  __typename?: 'InStorePurchase';
  /** When the purchase was made (ISO-8601). */
  purchasedAt: Scalars['String']['output'];
  /** The order or receipt number. */
  reference: Scalars['ID']['output'];
  /** Amount paid, in the purchase's currency. */
  total: Money;
};

/** A loyalty card and the member it was issued to, as the loyalty programme's member export holds them. */
export type LoyaltyCard = {
  __typename?: 'LoyaltyCard';
  /**
   * Card number in upper case without spaces or dashes, e.g. 2901234567897: the
   * form to search with and the card's record id in the identity graph.
   */
  cardNumber: Scalars['ID']['output'];
  /** ISO 3166-1 alpha-2 country of the member's address, e.g. FR. */
  country?: Maybe<Scalars['String']['output']>;
  /** Member's email as enrolled; many members give none. */
  email?: Maybe<Scalars['String']['output']>;
  /** When the member enrolled (ISO-8601, UTC). */
  enrolledAt?: Maybe<Scalars['String']['output']>;
  /** The store where the member enrolled. Null when the member export names no store. */
  enrolmentStore?: Maybe<Store>;
  /** Member's first name as enrolled. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** Member's last name as enrolled (often in capitals on paper forms). */
  lastName?: Maybe<Scalars['String']['output']>;
  /** Member's phone as typed at enrolment, usually in the country's national format. */
  phone?: Maybe<Scalars['String']['output']>;
  /** Points on the card at the time of the export. */
  pointsBalance?: Maybe<Scalars['Int']['output']>;
  /** Card number as the member export writes it, often grouped with spaces or dashes, e.g. 2 901234 567897. */
  printedNumber: Scalars['String']['output'];
  /** Receipts paid with this card, newest first, paginated. */
  purchases: StorePurchaseConnection;
  /** ACTIVE, REPLACED (lost or damaged, re-issued under a new number) or CLOSED, as the loyalty programme says. */
  status: Scalars['String']['output'];
  /** Programme tier, e.g. BRONZE, SILVER or GOLD. */
  tier?: Maybe<Scalars['String']['output']>;
  /** When the loyalty programme last changed the member's row (ISO-8601, UTC). */
  updatedAt: Scalars['String']['output'];
};


/** A loyalty card and the member it was issued to, as the loyalty programme's member export holds them. */
export type LoyaltyCardPurchasesArgs = {
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
   * A loyalty card by its number, typed in any form (spaces, dashes, lower case):
   * what a cashier scans or reads off the card. Null when the programme has no
   * member for it.
   */
  loyaltyCard?: Maybe<LoyaltyCard>;
  /** A store receipt by the number printed on it. Null when no till export holds it. */
  storeReceipt?: Maybe<StorePurchase>;
  /**
   * For the profile subgraph's audience engine only (@inaccessible: not in the
   * gateway's API; needs customer:read and pii:read). What segment membership
   * needs of many customers at once, without executing each of their records as
   * GraphQL objects: one JSON object per customer, in the order of `customers`
   * (each customer's local ids in this source, as in sourceRecords), holding the
   * facts asked among loyaltyCards (as Customer.loyaltyCards: cardNumber firstName lastName email phone country updatedAt) and inStorePurchaseTotals (Customer.inStorePurchases aggregated per currency: currency count cents countSince centsSince firstAt lastAt, where countSince and centsSince cover purchases at or after `since`).
   */
  storesAudienceFacts: Scalars['JSON']['output'];
};


export type QueryLoyaltyCardArgs = {
  cardNumber: Scalars['String']['input'];
};


export type QueryStoreReceiptArgs = {
  receiptNumber: Scalars['ID']['input'];
};


export type QueryStoresAudienceFactsArgs = {
  customers: Array<Array<Scalars['ID']['input']>>;
  facts: Array<Scalars['String']['input']>;
  since?: InputMaybe<Scalars['String']['input']>;
};

/** A record in a source system, named by the system and the record's id there. */
export type SourceRecord = {
  __typename?: 'SourceRecord';
  /** The record's id in that system. */
  localId: Scalars['ID']['output'];
  /** The source system's name, e.g. commerce. */
  system: Scalars['String']['output'];
};

/** A store of the chain, as the head office's store list describes it. */
export type Store = {
  __typename?: 'Store';
  /** City of the store. */
  city?: Maybe<Scalars['String']['output']>;
  /** Store code printed on receipts and used in till export names, e.g. PAR01. */
  code: Scalars['ID']['output'];
  /** ISO 3166-1 alpha-2 country of the store, e.g. FR. */
  country?: Maybe<Scalars['String']['output']>;
  /** Store name, e.g. Paris Rivoli. Null when the store list does not know the store. */
  name?: Maybe<Scalars['String']['output']>;
  /** IANA time zone of the store's tills, e.g. Europe/Paris. */
  timezone?: Maybe<Scalars['String']['output']>;
};

/** A receipt issued by a store till. */
export type StorePurchase = {
  __typename?: 'StorePurchase';
  /** Operator id of the cashier, as the till records it. */
  cashier?: Maybe<Scalars['String']['output']>;
  /** The receipt's lines, in till order. */
  lines: Array<StorePurchaseLine>;
  /** The loyalty card scanned for this sale; null for an anonymous sale or a card the programme has no member for. */
  loyaltyCard?: Maybe<LoyaltyCard>;
  /** Number of the loyalty card scanned for this sale (upper case, no spaces), null for an anonymous sale. */
  loyaltyCardNumber?: Maybe<Scalars['String']['output']>;
  /** How the receipt was paid, as the till codes it: CASH, CARD, CONTACTLESS, MOBILE or GIFT_CARD. */
  paymentMethod: Scalars['String']['output'];
  /** When the sale was made: the store's local time with its UTC offset (ISO-8601), e.g. 2026-10-31T17:42:05+01:00. */
  purchasedAt: Scalars['String']['output'];
  /** Receipt number as printed, e.g. PAR01-02-20261031-0007 (store, till, business day, sequence). */
  receiptNumber: Scalars['ID']['output'];
  /** The store that issued the receipt. */
  store: Store;
  /** Number of the till within the store, e.g. 02. */
  tillNumber: Scalars['String']['output'];
  /** Amount paid: the sum of the line totals. */
  total: Money;
};

/** A page of store receipts. */
export type StorePurchaseConnection = {
  __typename?: 'StorePurchaseConnection';
  /** The receipts of this page with their cursors. */
  edges: Array<StorePurchaseEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many receipts there are in all. */
  totalCount: Scalars['Int']['output'];
};

/** A store receipt and its cursor. */
export type StorePurchaseEdge = {
  __typename?: 'StorePurchaseEdge';
  /** Pass as `after` to read the receipts issued before this one. */
  cursor: Scalars['String']['output'];
  /** The receipt. */
  node: StorePurchase;
};

/** One line of a store receipt. */
export type StorePurchaseLine = {
  __typename?: 'StorePurchaseLine';
  /** Product description as the till printed it, in the store's language. */
  description?: Maybe<Scalars['String']['output']>;
  /** Discount granted on the line (promotion, loyalty offer); zero when none. */
  discount: Money;
  /** Position of the line on the receipt, from 1. */
  lineNumber: Scalars['Int']['output'];
  /** Amount of the line: quantity × unit price − discount. */
  lineTotal: Money;
  /** Units sold; negative for a returned item. */
  quantity: Scalars['Int']['output'];
  /** Stock keeping unit of the product. */
  sku: Scalars['String']['output'];
  /** Price of one unit before discount. */
  unitPrice: Money;
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
  Customer: ResolverTypeWrapper<CustomerModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  InStorePurchase: ResolverTypeWrapper<InStorePurchase>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LoyaltyCard: ResolverTypeWrapper<LoyaltyCardModel>;
  Money: ResolverTypeWrapper<Money>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<{}>;
  SourceRecord: ResolverTypeWrapper<SourceRecord>;
  Store: ResolverTypeWrapper<StoreModel>;
  StorePurchase: ResolverTypeWrapper<StorePurchaseModel>;
  StorePurchaseConnection: ResolverTypeWrapper<StorePurchaseConnectionModel>;
  StorePurchaseEdge: ResolverTypeWrapper<Omit<StorePurchaseEdge, 'node'> & { node: ResolversTypes['StorePurchase'] }>;
  StorePurchaseLine: ResolverTypeWrapper<StorePurchaseLineModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Customer: CustomerModel;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  InStorePurchase: InStorePurchase;
  JSON: Scalars['JSON']['output'];
  LoyaltyCard: LoyaltyCardModel;
  Money: Money;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: {};
  SourceRecord: SourceRecord;
  Store: StoreModel;
  StorePurchase: StorePurchaseModel;
  StorePurchaseConnection: StorePurchaseConnectionModel;
  StorePurchaseEdge: Omit<StorePurchaseEdge, 'node'> & { node: ResolversParentTypes['StorePurchase'] };
  StorePurchaseLine: StorePurchaseLineModel;
}>;

export type PiiDirectiveArgs = { };

export type PiiDirectiveResolver<Result, Parent, ContextType = StoresContext, Args = PiiDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CustomerResolvers<ContextType = StoresContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  id?: Resolver<ResolversTypes['ID'], { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  inStorePurchases?: Resolver<Maybe<Array<ResolversTypes['InStorePurchase']>>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType>;
  loyaltyCards?: Resolver<Maybe<Array<ResolversTypes['LoyaltyCard']>>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType>;

  storePurchases?: Resolver<Maybe<ResolversTypes['StorePurchaseConnection']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType, RequireFields<CustomerStorePurchasesArgs, 'first'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type InStorePurchaseResolvers<ContextType = StoresContext, ParentType extends ResolversParentTypes['InStorePurchase'] = ResolversParentTypes['InStorePurchase']> = ResolversObject<{
  purchasedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LoyaltyCardResolvers<ContextType = StoresContext, ParentType extends ResolversParentTypes['LoyaltyCard'] = ResolversParentTypes['LoyaltyCard']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LoyaltyCard']>, { __typename: 'LoyaltyCard' } & GraphQLRecursivePick<ParentType, {"cardNumber":true}>, ContextType>;
  cardNumber?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  enrolledAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  enrolmentStore?: Resolver<Maybe<ResolversTypes['Store']>, ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  pointsBalance?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  printedNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  purchases?: Resolver<ResolversTypes['StorePurchaseConnection'], ParentType, ContextType, RequireFields<LoyaltyCardPurchasesArgs, 'first'>>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tier?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = StoresContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = StoresContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = StoresContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  loyaltyCard?: Resolver<Maybe<ResolversTypes['LoyaltyCard']>, ParentType, ContextType, RequireFields<QueryLoyaltyCardArgs, 'cardNumber'>>;
  storeReceipt?: Resolver<Maybe<ResolversTypes['StorePurchase']>, ParentType, ContextType, RequireFields<QueryStoreReceiptArgs, 'receiptNumber'>>;
  storesAudienceFacts?: Resolver<ResolversTypes['JSON'], ParentType, ContextType, RequireFields<QueryStoresAudienceFactsArgs, 'customers' | 'facts'>>;
}>;

export type SourceRecordResolvers<ContextType = StoresContext, ParentType extends ResolversParentTypes['SourceRecord'] = ResolversParentTypes['SourceRecord']> = ResolversObject<{
  localId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  system?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type StoreResolvers<ContextType = StoresContext, ParentType extends ResolversParentTypes['Store'] = ResolversParentTypes['Store']> = ResolversObject<{
  city?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  timezone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type StorePurchaseResolvers<ContextType = StoresContext, ParentType extends ResolversParentTypes['StorePurchase'] = ResolversParentTypes['StorePurchase']> = ResolversObject<{
  cashier?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['StorePurchaseLine']>, ParentType, ContextType>;
  loyaltyCard?: Resolver<Maybe<ResolversTypes['LoyaltyCard']>, ParentType, ContextType>;
  loyaltyCardNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  paymentMethod?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  purchasedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  receiptNumber?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  store?: Resolver<ResolversTypes['Store'], ParentType, ContextType>;
  tillNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type StorePurchaseConnectionResolvers<ContextType = StoresContext, ParentType extends ResolversParentTypes['StorePurchaseConnection'] = ResolversParentTypes['StorePurchaseConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['StorePurchaseEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type StorePurchaseEdgeResolvers<ContextType = StoresContext, ParentType extends ResolversParentTypes['StorePurchaseEdge'] = ResolversParentTypes['StorePurchaseEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['StorePurchase'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type StorePurchaseLineResolvers<ContextType = StoresContext, ParentType extends ResolversParentTypes['StorePurchaseLine'] = ResolversParentTypes['StorePurchaseLine']> = ResolversObject<{
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  discount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  lineNumber?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lineTotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = StoresContext> = ResolversObject<{
  Customer?: CustomerResolvers<ContextType>;
  InStorePurchase?: InStorePurchaseResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  LoyaltyCard?: LoyaltyCardResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SourceRecord?: SourceRecordResolvers<ContextType>;
  Store?: StoreResolvers<ContextType>;
  StorePurchase?: StorePurchaseResolvers<ContextType>;
  StorePurchaseConnection?: StorePurchaseConnectionResolvers<ContextType>;
  StorePurchaseEdge?: StorePurchaseEdgeResolvers<ContextType>;
  StorePurchaseLine?: StorePurchaseLineResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = StoresContext> = ResolversObject<{
  pii?: PiiDirectiveResolver<any, any, ContextType>;
}>;
