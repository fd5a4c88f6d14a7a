import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CustomerModel, WebSessionModel, WebSessionConnectionModel, AbandonedWebCartModel, AbandonedWebCartConnectionModel } from '../models';
import type { WebContext } from '../context';
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

/** A cart left on the website: products added in a session and never checked out. */
export type AbandonedWebCart = {
  __typename?: 'AbandonedWebCart';
  /** When the cart was last changed (ISO-8601). */
  abandonedAt: Scalars['String']['output'];
  /** The first-party cookie id of the browser the cart was left in. */
  cookieId: Scalars['ID']['output'];
  /** The products left in the cart, by SKU. */
  items: Array<WebCartItem>;
  /** The session in which the cart was last changed (see Query.webSession). */
  sessionId: Scalars['ID']['output'];
  /** Value of the cart at the website's prices; null when its products were shown in several currencies. */
  value?: Maybe<Money>;
};

/** A page of abandoned carts. */
export type AbandonedWebCartConnection = {
  __typename?: 'AbandonedWebCartConnection';
  /** The carts of this page with their cursors. */
  edges: Array<AbandonedWebCartEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many abandoned carts the customer has in all. */
  totalCount: Scalars['Int']['output'];
};

/** An abandoned cart and its cursor. */
export type AbandonedWebCartEdge = {
  __typename?: 'AbandonedWebCartEdge';
  /** Pass as `after` to read the carts abandoned before this one. */
  cursor: Scalars['String']['output'];
  /** The cart. */
  node: AbandonedWebCart;
};

/**
 * A customer, extended with their behaviour on the website as web analytics
 * recorded it: sessions, pages seen, ad clicks and carts, across every browser
 * (first-party cookie) the identity graph tied to them. Web analytics reads its
 * own records through the source-record keys that the identity subgraph provides.
 */
export type Customer = {
  __typename?: 'Customer';
  /**
   * Carts the customer filled on the website and left: a session ended with
   * products in the cart and no checkout was started after the cart last changed,
   * then or in a later session. Most recently abandoned first, paginated. Null
   * when web analytics is unavailable.
   */
  abandonedWebCarts?: Maybe<AbandonedWebCartConnection>;
  id: Scalars['ID']['output'];
  /**
   * The customer's most recent website session, on any of their browsers: what
   * a sales rep looks at first. Null when the customer has no web activity or
   * web analytics is unavailable.
   */
  lastWebSession?: Maybe<WebSession>;
  /** Provided by the identity subgraph; web analytics only reads its own records (cookies) from it. */
  sourceRecords: Array<SourceRecord>;
  /**
   * The customer's website sessions across all their browsers, most recent
   * first, paginated. Null when web analytics is unavailable.
   */
  webSessions?: Maybe<WebSessionConnection>;
};


/**
 * A customer, extended with their behaviour on the website as web analytics
 * recorded it: sessions, pages seen, ad clicks and carts, across every browser
 * (first-party cookie) the identity graph tied to them. Web analytics reads its
 * own records through the source-record keys that the identity subgraph provides.
 */
export type CustomerAbandonedWebCartsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A customer, extended with their behaviour on the website as web analytics
 * recorded it: sessions, pages seen, ad clicks and carts, across every browser
 * (first-party cookie) the identity graph tied to them. Web analytics reads its
 * own records through the source-record keys that the identity subgraph provides.
 */
export type CustomerWebSessionsArgs = {
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
   * For the profile subgraph's audience engine only (@inaccessible: not in the
   * gateway's API; needs customer:read and pii:read). What segment membership
   * needs of many customers at once, without executing each of their records as
   * GraphQL objects: one JSON object per customer, in the order of `customers`
   * (each customer's local ids in this source, as in sourceRecords), holding the
   * facts asked among lastWebSession (as Customer.lastWebSession: { startedAt }, or null).
   */
  webAudienceFacts: Scalars['JSON']['output'];
  /** A web session by its id. Null when web analytics has no such session. */
  webSession?: Maybe<WebSession>;
};


export type QueryWebAudienceFactsArgs = {
  customers: Array<Array<Scalars['ID']['input']>>;
  facts: Array<Scalars['String']['input']>;
  since?: InputMaybe<Scalars['String']['input']>;
};


export type QueryWebSessionArgs = {
  sessionId: Scalars['ID']['input'];
};

/** A record in a source system, named by the system and the record's id there. */
export type SourceRecord = {
  __typename?: 'SourceRecord';
  /** The record's id in that system. */
  localId: Scalars['ID']['output'];
  /** The source system's name, e.g. commerce. */
  system: Scalars['String']['output'];
};

/** A click on an ad that brought the visitor to the website. */
export type WebAdClick = {
  __typename?: 'WebAdClick';
  /** The ad campaign (utm_campaign of the ad's link). */
  campaign?: Maybe<Scalars['String']['output']>;
  /** The network's click id (gclid, msclkid, fbclid …), to reconcile with the network's reports. */
  clickId?: Maybe<Scalars['String']['output']>;
  /** When the ad was clicked (ISO-8601). */
  clickedAt: Scalars['String']['output'];
  /** The page the ad led to. */
  landingPageUrl?: Maybe<Scalars['String']['output']>;
  /** The ad network the click id belongs to, e.g. Google, Microsoft or Facebook. */
  network?: Maybe<Scalars['String']['output']>;
};

/** What a visitor did with their cart. */
export type WebCartAction =
  /** A product was added to the cart. */
  | 'ADD_TO_CART'
  /** The visitor started checking out the cart. */
  | 'CHECKOUT_STARTED'
  /** A product was taken out of the cart. */
  | 'REMOVE_FROM_CART';

/** A change to the cart, or the start of a checkout. */
export type WebCartEvent = {
  __typename?: 'WebCartEvent';
  /** What happened. */
  action: WebCartAction;
  /** When it happened (ISO-8601). */
  at: Scalars['String']['output'];
  /** Name of that product; null for CHECKOUT_STARTED. */
  productName?: Maybe<Scalars['String']['output']>;
  /** Units added or removed; null for CHECKOUT_STARTED. */
  quantity?: Maybe<Scalars['Int']['output']>;
  /** Stock keeping unit of the product added or removed; null for CHECKOUT_STARTED. */
  sku?: Maybe<Scalars['String']['output']>;
  /** Price of one unit shown on the website; null for CHECKOUT_STARTED. */
  unitPrice?: Maybe<Money>;
};

/** A product left in an abandoned cart. */
export type WebCartItem = {
  __typename?: 'WebCartItem';
  /** Name of the product. */
  productName?: Maybe<Scalars['String']['output']>;
  /** Units left in the cart. */
  quantity: Scalars['Int']['output'];
  /** Stock keeping unit of the product. */
  sku: Scalars['String']['output'];
  /** Price of one unit shown on the website when it was last added. */
  unitPrice?: Maybe<Money>;
};

/** The device of a session, as the browser's user agent describes it. */
export type WebDevice = {
  __typename?: 'WebDevice';
  /** Browser family, e.g. Chrome or Safari. */
  browser?: Maybe<Scalars['String']['output']>;
  /** Operating system family, e.g. Windows, iOS or Android. */
  operatingSystem?: Maybe<Scalars['String']['output']>;
  /** Device class: Desktop, Phone or Tablet (null when unknown). */
  type?: Maybe<Scalars['String']['output']>;
};

/** One page viewed in a session. */
export type WebPageView = {
  __typename?: 'WebPageView';
  /** The page the visitor came from. */
  referrer?: Maybe<Scalars['String']['output']>;
  /**
   * Seconds the visitor stayed active on the page: from the page view to the
   * page's last activity ping. 0 when they left before the first ping.
   */
  timeOnPageSeconds: Scalars['Int']['output'];
  /** The page's title. */
  title?: Maybe<Scalars['String']['output']>;
  /** The page's URL, with its query string. */
  url?: Maybe<Scalars['String']['output']>;
  /** When the page was viewed (ISO-8601). */
  viewedAt: Scalars['String']['output'];
};

/**
 * A visit to the website: the events of one browser until 30 minutes of
 * inactivity, as the web analytics data model groups them.
 */
export type WebSession = {
  __typename?: 'WebSession';
  /** Clicks on ads that brought the visitor in during the session, oldest first. */
  adClicks: Array<WebAdClick>;
  /** Products added to or removed from the cart and checkouts started during the session, oldest first. */
  cartEvents: Array<WebCartEvent>;
  /** The first-party cookie id of the browser the session happened in (one per browser and device). */
  cookieId: Scalars['ID']['output'];
  /** ISO 3166-1 alpha-2 country the visitor browsed from (from the IP address), e.g. FR. */
  country?: Maybe<Scalars['String']['output']>;
  /** The device the session happened on. */
  device: WebDevice;
  /** Seconds from the first to the last event of the session. */
  durationSeconds: Scalars['Int']['output'];
  /** When the session's last event happened, activity pings included (ISO-8601). */
  endedAt: Scalars['String']['output'];
  /** Title of the first page seen in the session. */
  landingPageTitle?: Maybe<Scalars['String']['output']>;
  /** URL of the first page seen in the session. */
  landingPageUrl?: Maybe<Scalars['String']['output']>;
  /** Whether the visitor logged in during the session. */
  loggedIn: Scalars['Boolean']['output'];
  /** How many pages were viewed in the session. */
  pageViewCount: Scalars['Int']['output'];
  /** The pages viewed in the session, in the order they were viewed. */
  pageViews: Array<WebPageView>;
  /** The page that linked to the landing page (a search engine, a social network …); null for direct visits. */
  referrer?: Maybe<Scalars['String']['output']>;
  /** The session's id in web analytics. */
  sessionId: Scalars['ID']['output'];
  /** Which session of that browser this is: 1 for its first visit. */
  sessionIndex: Scalars['Int']['output'];
  /** When the session's first event happened (ISO-8601). */
  startedAt: Scalars['String']['output'];
  /** utm_campaign of the landing page: the marketing campaign that brought the visitor. */
  utmCampaign?: Maybe<Scalars['String']['output']>;
  /** utm_medium of the landing page, e.g. cpc, email or social. */
  utmMedium?: Maybe<Scalars['String']['output']>;
  /** utm_source of the landing page, e.g. google or newsletter. */
  utmSource?: Maybe<Scalars['String']['output']>;
};

/** A page of web sessions. */
export type WebSessionConnection = {
  __typename?: 'WebSessionConnection';
  /** The sessions of this page with their cursors. */
  edges: Array<WebSessionEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many sessions the customer has in all. */
  totalCount: Scalars['Int']['output'];
};

/** A web session and its cursor. */
export type WebSessionEdge = {
  __typename?: 'WebSessionEdge';
  /** Pass as `after` to read the sessions that started before this one. */
  cursor: Scalars['String']['output'];
  /** The session. */
  node: WebSession;
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
  AbandonedWebCart: ResolverTypeWrapper<AbandonedWebCartModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AbandonedWebCartConnection: ResolverTypeWrapper<AbandonedWebCartConnectionModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AbandonedWebCartEdge: ResolverTypeWrapper<Omit<AbandonedWebCartEdge, 'node'> & { node: ResolversTypes['AbandonedWebCart'] }>;
  Customer: ResolverTypeWrapper<CustomerModel>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Money: ResolverTypeWrapper<Money>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<{}>;
  SourceRecord: ResolverTypeWrapper<SourceRecord>;
  WebAdClick: ResolverTypeWrapper<WebAdClick>;
  WebCartAction: WebCartAction;
  WebCartEvent: ResolverTypeWrapper<WebCartEvent>;
  WebCartItem: ResolverTypeWrapper<WebCartItem>;
  WebDevice: ResolverTypeWrapper<WebDevice>;
  WebPageView: ResolverTypeWrapper<WebPageView>;
  WebSession: ResolverTypeWrapper<WebSessionModel>;
  WebSessionConnection: ResolverTypeWrapper<WebSessionConnectionModel>;
  WebSessionEdge: ResolverTypeWrapper<Omit<WebSessionEdge, 'node'> & { node: ResolversTypes['WebSession'] }>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AbandonedWebCart: AbandonedWebCartModel;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  AbandonedWebCartConnection: AbandonedWebCartConnectionModel;
  Int: Scalars['Int']['output'];
  AbandonedWebCartEdge: Omit<AbandonedWebCartEdge, 'node'> & { node: ResolversParentTypes['AbandonedWebCart'] };
  Customer: CustomerModel;
  JSON: Scalars['JSON']['output'];
  Money: Money;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: {};
  SourceRecord: SourceRecord;
  WebAdClick: WebAdClick;
  WebCartEvent: WebCartEvent;
  WebCartItem: WebCartItem;
  WebDevice: WebDevice;
  WebPageView: WebPageView;
  WebSession: WebSessionModel;
  WebSessionConnection: WebSessionConnectionModel;
  WebSessionEdge: Omit<WebSessionEdge, 'node'> & { node: ResolversParentTypes['WebSession'] };
}>;

export type AbandonedWebCartResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['AbandonedWebCart'] = ResolversParentTypes['AbandonedWebCart']> = ResolversObject<{
  abandonedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  cookieId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['WebCartItem']>, ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AbandonedWebCartConnectionResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['AbandonedWebCartConnection'] = ResolversParentTypes['AbandonedWebCartConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['AbandonedWebCartEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AbandonedWebCartEdgeResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['AbandonedWebCartEdge'] = ResolversParentTypes['AbandonedWebCartEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AbandonedWebCart'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CustomerResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  abandonedWebCarts?: Resolver<Maybe<ResolversTypes['AbandonedWebCartConnection']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType, RequireFields<CustomerAbandonedWebCartsArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  lastWebSession?: Resolver<Maybe<ResolversTypes['WebSession']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType>;

  webSessions?: Resolver<Maybe<ResolversTypes['WebSessionConnection']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType, RequireFields<CustomerWebSessionsArgs, 'first'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MoneyResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  webAudienceFacts?: Resolver<ResolversTypes['JSON'], ParentType, ContextType, RequireFields<QueryWebAudienceFactsArgs, 'customers' | 'facts'>>;
  webSession?: Resolver<Maybe<ResolversTypes['WebSession']>, ParentType, ContextType, RequireFields<QueryWebSessionArgs, 'sessionId'>>;
}>;

export type SourceRecordResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['SourceRecord'] = ResolversParentTypes['SourceRecord']> = ResolversObject<{
  localId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  system?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type WebAdClickResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebAdClick'] = ResolversParentTypes['WebAdClick']> = ResolversObject<{
  campaign?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  clickId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  clickedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  landingPageUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  network?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type WebCartEventResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebCartEvent'] = ResolversParentTypes['WebCartEvent']> = ResolversObject<{
  action?: Resolver<ResolversTypes['WebCartAction'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  productName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  quantity?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  sku?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  unitPrice?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type WebCartItemResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebCartItem'] = ResolversParentTypes['WebCartItem']> = ResolversObject<{
  productName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unitPrice?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type WebDeviceResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebDevice'] = ResolversParentTypes['WebDevice']> = ResolversObject<{
  browser?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  operatingSystem?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type WebPageViewResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebPageView'] = ResolversParentTypes['WebPageView']> = ResolversObject<{
  referrer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  timeOnPageSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  viewedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type WebSessionResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebSession'] = ResolversParentTypes['WebSession']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['WebSession']>, { __typename: 'WebSession' } & GraphQLRecursivePick<ParentType, {"sessionId":true}>, ContextType>;
  adClicks?: Resolver<Array<ResolversTypes['WebAdClick']>, ParentType, ContextType>;
  cartEvents?: Resolver<Array<ResolversTypes['WebCartEvent']>, ParentType, ContextType>;
  cookieId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  device?: Resolver<ResolversTypes['WebDevice'], ParentType, ContextType>;
  durationSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  endedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  landingPageTitle?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  landingPageUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  loggedIn?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  pageViewCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pageViews?: Resolver<Array<ResolversTypes['WebPageView']>, ParentType, ContextType>;
  referrer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sessionIndex?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  utmCampaign?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  utmMedium?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  utmSource?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type WebSessionConnectionResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebSessionConnection'] = ResolversParentTypes['WebSessionConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['WebSessionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type WebSessionEdgeResolvers<ContextType = WebContext, ParentType extends ResolversParentTypes['WebSessionEdge'] = ResolversParentTypes['WebSessionEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['WebSession'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = WebContext> = ResolversObject<{
  AbandonedWebCart?: AbandonedWebCartResolvers<ContextType>;
  AbandonedWebCartConnection?: AbandonedWebCartConnectionResolvers<ContextType>;
  AbandonedWebCartEdge?: AbandonedWebCartEdgeResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Money?: MoneyResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SourceRecord?: SourceRecordResolvers<ContextType>;
  WebAdClick?: WebAdClickResolvers<ContextType>;
  WebCartEvent?: WebCartEventResolvers<ContextType>;
  WebCartItem?: WebCartItemResolvers<ContextType>;
  WebDevice?: WebDeviceResolvers<ContextType>;
  WebPageView?: WebPageViewResolvers<ContextType>;
  WebSession?: WebSessionResolvers<ContextType>;
  WebSessionConnection?: WebSessionConnectionResolvers<ContextType>;
  WebSessionEdge?: WebSessionEdgeResolvers<ContextType>;
}>;

