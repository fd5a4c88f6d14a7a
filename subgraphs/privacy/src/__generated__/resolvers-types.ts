import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ErasureJobModel, PiiReadModel } from '../models';
import type { PrivacyContext } from '../context';
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
  JSON: { input: unknown; output: unknown; }
  _FieldSet: { input: any; output: any; }
};

/** A right-of-access export. */
export type CustomerDataExport = {
  __typename?: 'CustomerDataExport';
  /** The customer id exported (the surviving id when the asked one was merged away). */
  customerId: Scalars['ID']['output'];
  /**
   * Every field of the Customer type as the gateway answers it, by field name
   * (connections paged through to the end). A field the caller may not read,
   * or whose source failed, is null and named in errors.
   */
  data?: Maybe<Scalars['JSON']['output']>;
  /** Fields that could not be exported, and why. */
  errors: Array<ExportError>;
  /** When it was made (ISO-8601). */
  exportedAt: Scalars['String']['output'];
  /** Every read of the customer's personal data recorded by the gateway, newest first. */
  piiReads: Array<PiiRead>;
};

/** An entry of an erasure job's audit trail. */
export type ErasureEvent = {
  __typename?: 'ErasureEvent';
  /** When (ISO-8601). */
  at: Scalars['String']['output'];
  /** What happened, in words (counts, the error). */
  detail?: Maybe<Scalars['String']['output']>;
  /** The task concerned; null for the job itself. */
  target?: Maybe<Scalars['String']['output']>;
  /** requested, records-added, attempt-failed, task-done or job-done. */
  type: Scalars['String']['output'];
};

/** An erasure job: what was asked, and how far each part of it has got. */
export type ErasureJob = {
  __typename?: 'ErasureJob';
  /** When the last task was done (ISO-8601); null while the job is open. */
  completedAt?: Maybe<Scalars['String']['output']>;
  /** The customer id erased. */
  customerId: Scalars['ID']['output'];
  /** What happened, oldest first: the audit of the erasure. */
  events: Array<ErasureEvent>;
  /** The job id (a UUID). */
  id: Scalars['ID']['output'];
  /** Why, as given by whoever asked. */
  reason?: Maybe<Scalars['String']['output']>;
  /** When it was asked (ISO-8601). */
  requestedAt: Scalars['String']['output'];
  /** The client that asked. */
  requestedBy: Scalars['String']['output'];
  /** OPEN while any task is not DONE; DONE once every task is. */
  status: ErasureJobStatus;
  /** One task per system: identity, each source system, then caches. */
  tasks: Array<ErasureTask>;
};

/** Where an erasure job stands. */
export type ErasureJobStatus =
  /** Every task is done. */
  | 'DONE'
  /** Some task is not done yet. */
  | 'OPEN';

/** One system's part of an erasure. */
export type ErasureTask = {
  __typename?: 'ErasureTask';
  /** Attempts so far. */
  attempts: Scalars['Int']['output'];
  /** When it was done (ISO-8601). */
  doneAt?: Maybe<Scalars['String']['output']>;
  /** How many the system reported erased (records it no longer held count as nothing to do). */
  erased?: Maybe<Scalars['Int']['output']>;
  /** The last failure, while the task is not done. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** When the next attempt is due (ISO-8601), while the task is not done. */
  nextAttemptAt?: Maybe<Scalars['String']['output']>;
  /** How many records of the customer the system held when the job started. */
  records: Scalars['Int']['output'];
  /** PENDING (not tried yet, or waiting for the tasks it follows), FAILED (tried, will be retried) or DONE. */
  status: ErasureTaskStatus;
  /** identity, a source system's name (crm, commerce, …) or caches. */
  target: Scalars['String']['output'];
};

/** Where one task of an erasure job stands. */
export type ErasureTaskStatus =
  /** Done. */
  | 'DONE'
  /** Tried and failed; retried at nextAttemptAt. */
  | 'FAILED'
  /** Not tried yet, or waiting for the tasks it follows. */
  | 'PENDING';

/** A field the export could not read. */
export type ExportError = {
  __typename?: 'ExportError';
  /** The error's code, e.g. SOURCE_UNAVAILABLE or FORBIDDEN. */
  code?: Maybe<Scalars['String']['output']>;
  /** The Customer field. */
  field: Scalars['String']['output'];
  /** What went wrong. */
  message: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Right to erasure: starts an erasure job for a customer. At once the
   * customer is suppressed (the identity graph forgets them and leaves
   * tombstones, so that no lookup finds them and no replayed feed brings them
   * back) and the caches are purged; then every source system is asked to
   * erase its records, each as a task retried with backoff until it is done.
   * Asking again for a customer whose job is open returns that job. Needs the
   * admin scope; BAD_USER_INPUT for a malformed id, NOT_FOUND for an unknown customer.
   */
  requestErasure: ErasureJob;
};


export type MutationRequestErasureArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};

/** One operation that read personal data, as the gateway recorded it. */
export type PiiRead = {
  __typename?: 'PiiRead';
  /** When (ISO-8601). */
  at: Scalars['String']['output'];
  /** The client the gateway authenticated. */
  client: Scalars['String']['output'];
  /** The @pii fields the operation read, as Type.field. */
  fields: Array<Scalars['String']['output']>;
  /** The operation's name, when it had one. */
  operationName?: Maybe<Scalars['String']['output']>;
  /** The gateway's request id. */
  requestId?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * An erasure job by id: its status and the status of each task (one per
   * source system, the identity graph and the caches). Null when unknown.
   * Needs the admin scope.
   */
  erasureJob?: Maybe<ErasureJob>;
  /** The erasure jobs of a customer id, newest first. Needs the admin scope. */
  erasureJobs: Array<ErasureJob>;
  /**
   * Right of access: everything c360 can read about a customer, as JSON — every
   * field of every source (built from the supergraph's Customer type, so that a
   * new field is exported without anyone listing it), the identity links and
   * history, the consent history — and who read their personal data. Null when
   * the customer is unknown (or was erased). Needs the admin scope; the
   * personal data in it needs pii:read as well.
   */
  exportCustomerData?: Maybe<CustomerDataExport>;
  /** Who read a customer's personal data through the gateway, newest first. Needs the admin scope. */
  piiReads: Array<PiiRead>;
};


export type QueryErasureJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryErasureJobsArgs = {
  customerId: Scalars['ID']['input'];
};


export type QueryExportCustomerDataArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPiiReadsArgs = {
  customerId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;


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
  CustomerDataExport: ResolverTypeWrapper<Omit<CustomerDataExport, 'piiReads'> & { piiReads: Array<ResolversTypes['PiiRead']> }>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ErasureEvent: ResolverTypeWrapper<ErasureEvent>;
  ErasureJob: ResolverTypeWrapper<ErasureJobModel>;
  ErasureJobStatus: ErasureJobStatus;
  ErasureTask: ResolverTypeWrapper<ErasureTask>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ErasureTaskStatus: ErasureTaskStatus;
  ExportError: ResolverTypeWrapper<ExportError>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Mutation: ResolverTypeWrapper<{}>;
  PiiRead: ResolverTypeWrapper<PiiReadModel>;
  Query: ResolverTypeWrapper<{}>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  CustomerDataExport: Omit<CustomerDataExport, 'piiReads'> & { piiReads: Array<ResolversParentTypes['PiiRead']> };
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  ErasureEvent: ErasureEvent;
  ErasureJob: ErasureJobModel;
  ErasureTask: ErasureTask;
  Int: Scalars['Int']['output'];
  ExportError: ExportError;
  JSON: Scalars['JSON']['output'];
  Mutation: {};
  PiiRead: PiiReadModel;
  Query: {};
  Boolean: Scalars['Boolean']['output'];
}>;

export type PiiDirectiveArgs = { };

export type PiiDirectiveResolver<Result, Parent, ContextType = PrivacyContext, Args = PiiDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CustomerDataExportResolvers<ContextType = PrivacyContext, ParentType extends ResolversParentTypes['CustomerDataExport'] = ResolversParentTypes['CustomerDataExport']> = ResolversObject<{
  customerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  data?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['ExportError']>, ParentType, ContextType>;
  exportedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  piiReads?: Resolver<Array<ResolversTypes['PiiRead']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ErasureEventResolvers<ContextType = PrivacyContext, ParentType extends ResolversParentTypes['ErasureEvent'] = ResolversParentTypes['ErasureEvent']> = ResolversObject<{
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  target?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ErasureJobResolvers<ContextType = PrivacyContext, ParentType extends ResolversParentTypes['ErasureJob'] = ResolversParentTypes['ErasureJob']> = ResolversObject<{
  completedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  customerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['ErasureEvent']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requestedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ErasureJobStatus'], ParentType, ContextType>;
  tasks?: Resolver<Array<ResolversTypes['ErasureTask']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ErasureTaskResolvers<ContextType = PrivacyContext, ParentType extends ResolversParentTypes['ErasureTask'] = ResolversParentTypes['ErasureTask']> = ResolversObject<{
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  doneAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  erased?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  records?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ErasureTaskStatus'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ExportErrorResolvers<ContextType = PrivacyContext, ParentType extends ResolversParentTypes['ExportError'] = ResolversParentTypes['ExportError']> = ResolversObject<{
  code?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MutationResolvers<ContextType = PrivacyContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  requestErasure?: Resolver<ResolversTypes['ErasureJob'], ParentType, ContextType, RequireFields<MutationRequestErasureArgs, 'id'>>;
}>;

export type PiiReadResolvers<ContextType = PrivacyContext, ParentType extends ResolversParentTypes['PiiRead'] = ResolversParentTypes['PiiRead']> = ResolversObject<{
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  client?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  operationName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = PrivacyContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  erasureJob?: Resolver<Maybe<ResolversTypes['ErasureJob']>, ParentType, ContextType, RequireFields<QueryErasureJobArgs, 'id'>>;
  erasureJobs?: Resolver<Array<ResolversTypes['ErasureJob']>, ParentType, ContextType, RequireFields<QueryErasureJobsArgs, 'customerId'>>;
  exportCustomerData?: Resolver<Maybe<ResolversTypes['CustomerDataExport']>, ParentType, ContextType, RequireFields<QueryExportCustomerDataArgs, 'id'>>;
  piiReads?: Resolver<Array<ResolversTypes['PiiRead']>, ParentType, ContextType, RequireFields<QueryPiiReadsArgs, 'customerId' | 'first'>>;
}>;

export type Resolvers<ContextType = PrivacyContext> = ResolversObject<{
  CustomerDataExport?: CustomerDataExportResolvers<ContextType>;
  ErasureEvent?: ErasureEventResolvers<ContextType>;
  ErasureJob?: ErasureJobResolvers<ContextType>;
  ErasureTask?: ErasureTaskResolvers<ContextType>;
  ExportError?: ExportErrorResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PiiRead?: PiiReadResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = PrivacyContext> = ResolversObject<{
  pii?: PiiDirectiveResolver<any, any, ContextType>;
}>;
