import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CustomerModel, HelpDeskUserModel, SupportTicketModel, SupportTicketConnectionModel } from '../models';
import type { SupportContext } from '../context';
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
 * A customer, extended with what the help desk knows of them. The help desk is
 * read through the source-record keys (help-desk user ids) that the identity
 * subgraph provides.
 */
export type Customer = {
  __typename?: 'Customer';
  /**
   * The help-desk users that belong to this customer (people write in from a
   * personal and a work address, or call in), oldest first. Null when the help
   * desk is unavailable.
   */
  helpDeskUsers?: Maybe<Array<HelpDeskUser>>;
  id: Scalars['ID']['output'];
  /**
   * How many of the customer's tickets are not solved or closed yet (NEW, OPEN,
   * PENDING or HOLD), under any of their help-desk users: what omnichannel KPIs
   * read. Null when the help desk is unavailable.
   */
  openSupportTicketCount?: Maybe<Scalars['Int']['output']>;
  /** Provided by the identity subgraph; the help desk only reads its own records from it. */
  sourceRecords: Array<SourceRecord>;
  /**
   * The support tickets this customer opened, under any of their help-desk users,
   * newest first, paginated. Null when the help desk is unavailable.
   */
  supportTickets?: Maybe<SupportTicketConnection>;
};


/**
 * A customer, extended with what the help desk knows of them. The help desk is
 * read through the source-record keys (help-desk user ids) that the identity
 * subgraph provides.
 */
export type CustomerSupportTicketsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A person known to the help desk: someone who wrote, chatted or called. */
export type HelpDeskUser = {
  __typename?: 'HelpDeskUser';
  /** When the help desk first met this person (ISO-8601). */
  createdAt: Scalars['String']['output'];
  /** Email the person wrote from, as the help desk stores it; null for callers known only by phone. */
  email?: Maybe<Scalars['String']['output']>;
  /** The user's id in the help desk. */
  id: Scalars['ID']['output'];
  /** The person's language and region as the help desk holds it (BCP 47, e.g. fr or en-GB); null when unset. */
  locale?: Maybe<Scalars['String']['output']>;
  /**
   * Name as the help desk holds it: as the person gave it, or made up by the help
   * desk for unknown callers and visitors (e.g. "Caller +33 6 12 34 56 78").
   */
  name?: Maybe<Scalars['String']['output']>;
  /** Phone number, as the agent typed it or as the telephony reported it. */
  phone?: Maybe<Scalars['String']['output']>;
  /** When the help desk last changed this user (ISO-8601). */
  updatedAt: Scalars['String']['output'];
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
  /** A help-desk user by their id. Null when the help desk has no such user. */
  helpDeskUser?: Maybe<HelpDeskUser>;
  /**
   * For the profile subgraph's audience engine only (@inaccessible: not in the
   * gateway's API; needs customer:read and pii:read). What segment membership
   * needs of many customers at once, without executing each of their records as
   * GraphQL objects: one JSON object per customer, in the order of `customers`
   * (each customer's local ids in this source, as in sourceRecords), holding the
   * facts asked among helpDeskUsers (as Customer.helpDeskUsers: id name email phone locale updatedAt) and openSupportTicketCount.
   */
  supportAudienceFacts: Scalars['JSON']['output'];
  /** A support ticket by its number. Null when the help desk has no such ticket. */
  supportTicket?: Maybe<SupportTicket>;
};


export type QueryHelpDeskUserArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySupportAudienceFactsArgs = {
  customers: Array<Array<Scalars['ID']['input']>>;
  facts: Array<Scalars['String']['input']>;
  since?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySupportTicketArgs = {
  id: Scalars['ID']['input'];
};

/** A record in a source system, named by the system and the record's id there. */
export type SourceRecord = {
  __typename?: 'SourceRecord';
  /** The record's id in that system. */
  localId: Scalars['ID']['output'];
  /** The source system's name, e.g. commerce. */
  system: Scalars['String']['output'];
};

/** How the customer reached the help desk. */
export type SupportChannel =
  /** By live chat or messaging. */
  | 'CHAT'
  /** By email. */
  | 'EMAIL'
  /** Any other way (API, mobile SDK, social media). */
  | 'OTHER'
  /** By phone call. */
  | 'PHONE'
  /** Through the web form or help centre. */
  | 'WEB';

/** A customer's satisfaction rating of a ticket. */
export type SupportSatisfaction = {
  __typename?: 'SupportSatisfaction';
  /** What the customer wrote with the rating, if anything. */
  comment?: Maybe<Scalars['String']['output']>;
  /** The rating, or whether a survey was offered at all. */
  score: SupportSatisfactionScore;
};

/** A satisfaction rating as the help desk records it. */
export type SupportSatisfactionScore =
  /** The customer rated the support bad. */
  | 'BAD'
  /** The customer rated the support good. */
  | 'GOOD'
  /** A survey was sent and not answered. */
  | 'OFFERED'
  /** No survey was sent. */
  | 'UNOFFERED';

/** A request for help handled in the help desk. */
export type SupportTicket = {
  __typename?: 'SupportTicket';
  /** How the customer reached the help desk. */
  channel: SupportChannel;
  /** Messages on the ticket, the customer's first message included; null when the help desk does not say. */
  commentCount?: Maybe<Scalars['Int']['output']>;
  /** True when the ticket is a complaint (agents tag complaints `complaint`). */
  complaint: Scalars['Boolean']['output'];
  /** When the ticket was opened (ISO-8601). */
  createdAt: Scalars['String']['output'];
  /** Ticket number in the help desk, e.g. 10234. */
  id: Scalars['ID']['output'];
  /** Urgency the agent gave it; null when unset. */
  priority?: Maybe<SupportTicketPriority>;
  /** The help-desk user who asked for help. Null when the help desk no longer has them. */
  requester?: Maybe<HelpDeskUser>;
  /** The customer's satisfaction rating of the support they got. */
  satisfaction: SupportSatisfaction;
  /** When the ticket was last solved (ISO-8601); null while it never was. */
  solvedAt?: Maybe<Scalars['String']['output']>;
  /** Where the ticket stands in the help desk's workflow. */
  status: SupportTicketStatus;
  /** Subject line, as written by the customer or the agent; null when the ticket has none. */
  subject?: Maybe<Scalars['String']['output']>;
  /** Labels the agents put on the ticket, e.g. delivery, refund, complaint. */
  tags: Array<Scalars['String']['output']>;
  /** What kind of request the agent filed it as; null when the agent left it unset. */
  type?: Maybe<SupportTicketType>;
  /** When the ticket last changed (ISO-8601). */
  updatedAt: Scalars['String']['output'];
};

/** A page of support tickets. */
export type SupportTicketConnection = {
  __typename?: 'SupportTicketConnection';
  /** The tickets of this page with their cursors. */
  edges: Array<SupportTicketEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many tickets the customer opened in all. */
  totalCount: Scalars['Int']['output'];
};

/** A support ticket and its cursor. */
export type SupportTicketEdge = {
  __typename?: 'SupportTicketEdge';
  /** Pass as `after` to read the tickets opened before this one. */
  cursor: Scalars['String']['output'];
  /** The ticket. */
  node: SupportTicket;
};

/** Urgency of a ticket. */
export type SupportTicketPriority =
  /** To handle soon. */
  | 'HIGH'
  /** Can wait. */
  | 'LOW'
  /** Usual urgency. */
  | 'NORMAL'
  /** To handle at once. */
  | 'URGENT';

/** Where a ticket stands in the help desk's workflow. */
export type SupportTicketStatus =
  /** Closed for good. */
  | 'CLOSED'
  /** Waiting on a third party (carrier, supplier). */
  | 'HOLD'
  /** Not yet looked at by an agent. */
  | 'NEW'
  /** An agent is working on it. */
  | 'OPEN'
  /** Waiting for an answer from the customer. */
  | 'PENDING'
  /** The agent considers it solved; the customer can still reopen it. */
  | 'SOLVED';

/** The kind of request a ticket was filed as. */
export type SupportTicketType =
  /** Something went wrong for this customer (possibly one of many hit by a problem). */
  | 'INCIDENT'
  /** An underlying issue affecting several customers. */
  | 'PROBLEM'
  /** A question asked by the customer. */
  | 'QUESTION'
  /** A follow-up action for the support team. */
  | 'TASK';

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
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  HelpDeskUser: ResolverTypeWrapper<HelpDeskUserModel>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<{}>;
  SourceRecord: ResolverTypeWrapper<SourceRecord>;
  SupportChannel: SupportChannel;
  SupportSatisfaction: ResolverTypeWrapper<SupportSatisfaction>;
  SupportSatisfactionScore: SupportSatisfactionScore;
  SupportTicket: ResolverTypeWrapper<SupportTicketModel>;
  SupportTicketConnection: ResolverTypeWrapper<SupportTicketConnectionModel>;
  SupportTicketEdge: ResolverTypeWrapper<Omit<SupportTicketEdge, 'node'> & { node: ResolversTypes['SupportTicket'] }>;
  SupportTicketPriority: SupportTicketPriority;
  SupportTicketStatus: SupportTicketStatus;
  SupportTicketType: SupportTicketType;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Customer: CustomerModel;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  HelpDeskUser: HelpDeskUserModel;
  JSON: Scalars['JSON']['output'];
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: {};
  SourceRecord: SourceRecord;
  SupportSatisfaction: SupportSatisfaction;
  SupportTicket: SupportTicketModel;
  SupportTicketConnection: SupportTicketConnectionModel;
  SupportTicketEdge: Omit<SupportTicketEdge, 'node'> & { node: ResolversParentTypes['SupportTicket'] };
}>;

export type PiiDirectiveArgs = { };

export type PiiDirectiveResolver<Result, Parent, ContextType = SupportContext, Args = PiiDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CustomerResolvers<ContextType = SupportContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  helpDeskUsers?: Resolver<Maybe<Array<ResolversTypes['HelpDeskUser']>>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType>;
  id?: Resolver<ResolversTypes['ID'], { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  openSupportTicketCount?: Resolver<Maybe<ResolversTypes['Int']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType>;

  supportTickets?: Resolver<Maybe<ResolversTypes['SupportTicketConnection']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType, RequireFields<CustomerSupportTicketsArgs, 'first'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type HelpDeskUserResolvers<ContextType = SupportContext, ParentType extends ResolversParentTypes['HelpDeskUser'] = ResolversParentTypes['HelpDeskUser']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['HelpDeskUser']>, { __typename: 'HelpDeskUser' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  locale?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type PageInfoResolvers<ContextType = SupportContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = SupportContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  helpDeskUser?: Resolver<Maybe<ResolversTypes['HelpDeskUser']>, ParentType, ContextType, RequireFields<QueryHelpDeskUserArgs, 'id'>>;
  supportAudienceFacts?: Resolver<ResolversTypes['JSON'], ParentType, ContextType, RequireFields<QuerySupportAudienceFactsArgs, 'customers' | 'facts'>>;
  supportTicket?: Resolver<Maybe<ResolversTypes['SupportTicket']>, ParentType, ContextType, RequireFields<QuerySupportTicketArgs, 'id'>>;
}>;

export type SourceRecordResolvers<ContextType = SupportContext, ParentType extends ResolversParentTypes['SourceRecord'] = ResolversParentTypes['SourceRecord']> = ResolversObject<{
  localId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  system?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SupportSatisfactionResolvers<ContextType = SupportContext, ParentType extends ResolversParentTypes['SupportSatisfaction'] = ResolversParentTypes['SupportSatisfaction']> = ResolversObject<{
  comment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  score?: Resolver<ResolversTypes['SupportSatisfactionScore'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SupportTicketResolvers<ContextType = SupportContext, ParentType extends ResolversParentTypes['SupportTicket'] = ResolversParentTypes['SupportTicket']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['SupportTicket']>, { __typename: 'SupportTicket' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  channel?: Resolver<ResolversTypes['SupportChannel'], ParentType, ContextType>;
  commentCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  complaint?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  priority?: Resolver<Maybe<ResolversTypes['SupportTicketPriority']>, ParentType, ContextType>;
  requester?: Resolver<Maybe<ResolversTypes['HelpDeskUser']>, ParentType, ContextType>;
  satisfaction?: Resolver<ResolversTypes['SupportSatisfaction'], ParentType, ContextType>;
  solvedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SupportTicketStatus'], ParentType, ContextType>;
  subject?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['SupportTicketType']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SupportTicketConnectionResolvers<ContextType = SupportContext, ParentType extends ResolversParentTypes['SupportTicketConnection'] = ResolversParentTypes['SupportTicketConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['SupportTicketEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SupportTicketEdgeResolvers<ContextType = SupportContext, ParentType extends ResolversParentTypes['SupportTicketEdge'] = ResolversParentTypes['SupportTicketEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SupportTicket'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SupportContext> = ResolversObject<{
  Customer?: CustomerResolvers<ContextType>;
  HelpDeskUser?: HelpDeskUserResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SourceRecord?: SourceRecordResolvers<ContextType>;
  SupportSatisfaction?: SupportSatisfactionResolvers<ContextType>;
  SupportTicket?: SupportTicketResolvers<ContextType>;
  SupportTicketConnection?: SupportTicketConnectionResolvers<ContextType>;
  SupportTicketEdge?: SupportTicketEdgeResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = SupportContext> = ResolversObject<{
  pii?: PiiDirectiveResolver<any, any, ContextType>;
}>;
