import type { GraphQLResolveInfo } from 'graphql';
import type { CustomerModel } from '../models';
import type { IdentityContext } from '../context';
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
  _FieldSet: { input: any; output: any; }
};

/**
 * A person as the identity graph resolves them: the source records that belong
 * together and the identifiers that link them. Other subgraphs add the person's
 * data from each source system.
 */
export type Customer = {
  __typename?: 'Customer';
  /** Stable customer id. After a merge, the id that was merged away keeps resolving to the surviving customer. */
  id: Scalars['ID']['output'];
  /** Normalised identifiers (emails, E.164 phones, loyalty cards, cookies, devices) seen on this customer's records. */
  identifiers: Array<Identifier>;
  /** The records in source systems that belong to this customer; each source subgraph reads its own. */
  sourceRecords: Array<SourceRecord>;
};

/** A normalised identifier of a person. */
export type Identifier = {
  __typename?: 'Identifier';
  /** What kind of identifier this is. */
  kind: IdentifierKind;
  /** The normalised value: emails trimmed and lower-cased, phones in E.164. */
  value: Scalars['String']['output'];
};

/** An identifier as a source system stores it. */
export type IdentifierInput = {
  kind: IdentifierKind;
  /** ISO 3166-1 alpha-2 country used to read a phone number written in national format, e.g. FR. */
  region?: InputMaybe<Scalars['String']['input']>;
  value: Scalars['String']['input'];
};

/** Kinds of identifier the identity graph links records by. */
export type IdentifierKind =
  /** An anonymous web cookie id. */
  | 'COOKIE'
  /** A device id (mobile advertising id, app install id). */
  | 'DEVICE'
  /** An email address, trimmed and lower-cased. */
  | 'EMAIL'
  /** A loyalty card number. */
  | 'LOYALTY_CARD'
  /** A phone number in E.164 form, e.g. +33612345678. */
  | 'PHONE';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Records what a source system holds for one of its records: the record's
   * identifiers replace the ones observed before. Idempotent: observing the
   * same record twice changes nothing. Returns the record's customer afterwards.
   */
  observeRecord: RecordObservationPayload;
  /** The batched form of observeRecord, for feeds: all records are ingested together. */
  observeRecords: Array<RecordObservationPayload>;
};


export type MutationObserveRecordArgs = {
  input: RecordObservationInput;
};


export type MutationObserveRecordsArgs = {
  inputs: Array<RecordObservationInput>;
};

export type Query = {
  __typename?: 'Query';
  /** A customer by id; an id that was merged away resolves to the surviving customer. Null when unknown. */
  customer?: Maybe<Customer>;
  /**
   * The customer an identifier belongs to. The value is normalised first (emails
   * lower-cased and trimmed, phones to E.164), so any spelling finds the customer.
   * Null when no record carries the identifier; BAD_USER_INPUT when the value is
   * not a valid identifier of that kind.
   */
  customerByIdentifier?: Maybe<Customer>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomerByIdentifierArgs = {
  kind: IdentifierKind;
  value: Scalars['String']['input'];
};

/** One observation of a source record and its identifiers. */
export type RecordObservationInput = {
  /** Every identifier the record holds now, as stored in the source (normalised on the way in). */
  identifiers: Array<IdentifierInput>;
  /** The record's id in that system. */
  localId: Scalars['ID']['input'];
  /** When the source last changed the record. Defaults to now. */
  observedAt?: InputMaybe<Scalars['String']['input']>;
  /** The source system's name, e.g. crm. */
  system: Scalars['String']['input'];
};

/** What an observation did. */
export type RecordObservationPayload = {
  __typename?: 'RecordObservationPayload';
  /** The customer the record belongs to after the observation. */
  customer: Customer;
  /** The observed record. */
  record: SourceRecord;
};

/** A record in a source system, named by the system and the record's id there. */
export type SourceRecord = {
  __typename?: 'SourceRecord';
  /** The record's id in that system. */
  localId: Scalars['ID']['output'];
  /** The source system's name, e.g. crm, commerce, stores, web, support, surveys. */
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
  Customer: ResolverTypeWrapper<CustomerModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Identifier: ResolverTypeWrapper<Identifier>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  IdentifierInput: IdentifierInput;
  IdentifierKind: IdentifierKind;
  Mutation: ResolverTypeWrapper<{}>;
  Query: ResolverTypeWrapper<{}>;
  RecordObservationInput: RecordObservationInput;
  RecordObservationPayload: ResolverTypeWrapper<Omit<RecordObservationPayload, 'customer'> & { customer: ResolversTypes['Customer'] }>;
  SourceRecord: ResolverTypeWrapper<SourceRecord>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Customer: CustomerModel;
  ID: Scalars['ID']['output'];
  Identifier: Identifier;
  String: Scalars['String']['output'];
  IdentifierInput: IdentifierInput;
  Mutation: {};
  Query: {};
  RecordObservationInput: RecordObservationInput;
  RecordObservationPayload: Omit<RecordObservationPayload, 'customer'> & { customer: ResolversParentTypes['Customer'] };
  SourceRecord: SourceRecord;
  Boolean: Scalars['Boolean']['output'];
}>;

export type CustomerResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifiers?: Resolver<Array<ResolversTypes['Identifier']>, ParentType, ContextType>;
  sourceRecords?: Resolver<Array<ResolversTypes['SourceRecord']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type IdentifierResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Identifier'] = ResolversParentTypes['Identifier']> = ResolversObject<{
  kind?: Resolver<ResolversTypes['IdentifierKind'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  observeRecord?: Resolver<ResolversTypes['RecordObservationPayload'], ParentType, ContextType, RequireFields<MutationObserveRecordArgs, 'input'>>;
  observeRecords?: Resolver<Array<ResolversTypes['RecordObservationPayload']>, ParentType, ContextType, RequireFields<MutationObserveRecordsArgs, 'inputs'>>;
}>;

export type QueryResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryCustomerArgs, 'id'>>;
  customerByIdentifier?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryCustomerByIdentifierArgs, 'kind' | 'value'>>;
}>;

export type RecordObservationPayloadResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['RecordObservationPayload'] = ResolversParentTypes['RecordObservationPayload']> = ResolversObject<{
  customer?: Resolver<ResolversTypes['Customer'], ParentType, ContextType>;
  record?: Resolver<ResolversTypes['SourceRecord'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SourceRecordResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SourceRecord'] = ResolversParentTypes['SourceRecord']> = ResolversObject<{
  localId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  system?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = IdentityContext> = ResolversObject<{
  Customer?: CustomerResolvers<ContextType>;
  Identifier?: IdentifierResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RecordObservationPayload?: RecordObservationPayloadResolvers<ContextType>;
  SourceRecord?: SourceRecordResolvers<ContextType>;
}>;

