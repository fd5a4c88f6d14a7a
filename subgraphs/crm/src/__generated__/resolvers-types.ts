import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CustomerModel, CrmContactModel } from '../models';
import type { CrmContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
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

/** A contact in the CRM, as the sales team keeps it. */
export type CrmContact = {
  __typename?: 'CrmContact';
  /** Postal address on file. */
  address?: Maybe<PostalAddress>;
  /** Company the contact works for. */
  company?: Maybe<Scalars['String']['output']>;
  /** The contact's id in the CRM, e.g. CRM-000123. */
  contactId: Scalars['ID']['output'];
  /** When the contact was created in the CRM (ISO-8601). */
  createdAt: Scalars['String']['output'];
  /** First name as entered in the CRM. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** Job title at that company. */
  jobTitle?: Maybe<Scalars['String']['output']>;
  /** Last name as entered in the CRM. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** Mobile phone number, as entered in the CRM (not normalised). */
  mobilePhone?: Maybe<Scalars['String']['output']>;
  /** The sales rep who owns the contact in the CRM. */
  ownerName?: Maybe<Scalars['String']['output']>;
  /** Personal email address, as entered in the CRM (not normalised). */
  personalEmail?: Maybe<Scalars['String']['output']>;
  /** When the contact was last changed in the CRM (ISO-8601). */
  updatedAt: Scalars['String']['output'];
  /** Work email address, as entered in the CRM (not normalised). */
  workEmail?: Maybe<Scalars['String']['output']>;
  /** Work phone number, as entered in the CRM (not normalised). */
  workPhone?: Maybe<Scalars['String']['output']>;
};

/**
 * A customer, extended with what the CRM knows of them. The CRM reads its own
 * records through the source-record keys that the identity subgraph provides.
 */
export type Customer = {
  __typename?: 'Customer';
  /**
   * The CRM contacts that belong to this customer (a person may have duplicates in
   * the CRM), most recently updated first. Null when the CRM is unavailable.
   */
  crmContacts?: Maybe<Array<CrmContact>>;
  id: Scalars['ID']['output'];
  /** Provided by the identity subgraph; the CRM only reads its own records from it. */
  sourceRecords: Array<SourceRecord>;
};

/** A postal address as a source system stores it. */
export type PostalAddress = {
  __typename?: 'PostalAddress';
  /** City or town. */
  city?: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-2 country code, e.g. FR. */
  country?: Maybe<Scalars['String']['output']>;
  /** Postal code. */
  postcode?: Maybe<Scalars['String']['output']>;
  /** Street and number. */
  street?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * For the profile subgraph's audience engine only (@inaccessible: not in the
   * gateway's API; needs customer:read and pii:read). What segment membership
   * needs of many customers at once, without executing each of their records as
   * GraphQL objects: one JSON object per customer, in the order of `customers`
   * (each customer's local ids in this source, as in sourceRecords), holding the
   * facts asked among crmContacts (as Customer.crmContacts: contactId firstName lastName personalEmail workEmail mobilePhone workPhone company address { street city postcode country } updatedAt).
   */
  crmAudienceFacts: Scalars['JSON']['output'];
  /** A CRM contact by its CRM id. Null when the CRM has no such contact. */
  crmContact?: Maybe<CrmContact>;
};


export type QueryCrmAudienceFactsArgs = {
  customers: Array<Array<Scalars['ID']['input']>>;
  facts: Array<Scalars['String']['input']>;
  since?: InputMaybe<Scalars['String']['input']>;
};


export type QueryCrmContactArgs = {
  contactId: Scalars['ID']['input'];
};

/** A record in a source system, named by the system and the record's id there. */
export type SourceRecord = {
  __typename?: 'SourceRecord';
  /** The record's id in that system. */
  localId: Scalars['ID']['output'];
  /** The source system's name, e.g. crm. */
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
  CrmContact: ResolverTypeWrapper<CrmContactModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Customer: ResolverTypeWrapper<CustomerModel>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  PostalAddress: ResolverTypeWrapper<PostalAddress>;
  Query: ResolverTypeWrapper<{}>;
  SourceRecord: ResolverTypeWrapper<SourceRecord>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  CrmContact: CrmContactModel;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Customer: CustomerModel;
  JSON: Scalars['JSON']['output'];
  PostalAddress: PostalAddress;
  Query: {};
  SourceRecord: SourceRecord;
  Boolean: Scalars['Boolean']['output'];
}>;

export type PiiDirectiveArgs = { };

export type PiiDirectiveResolver<Result, Parent, ContextType = CrmContext, Args = PiiDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CrmContactResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['CrmContact'] = ResolversParentTypes['CrmContact']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CrmContact']>, { __typename: 'CrmContact' } & GraphQLRecursivePick<ParentType, {"contactId":true}>, ContextType>;
  address?: Resolver<Maybe<ResolversTypes['PostalAddress']>, ParentType, ContextType>;
  company?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  contactId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  jobTitle?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  mobilePhone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ownerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  personalEmail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  workEmail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  workPhone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CustomerResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  crmContacts?: Resolver<Maybe<Array<ResolversTypes['CrmContact']>>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType>;
  id?: Resolver<ResolversTypes['ID'], { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;

  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type PostalAddressResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['PostalAddress'] = ResolversParentTypes['PostalAddress']> = ResolversObject<{
  city?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postcode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  street?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  crmAudienceFacts?: Resolver<ResolversTypes['JSON'], ParentType, ContextType, RequireFields<QueryCrmAudienceFactsArgs, 'customers' | 'facts'>>;
  crmContact?: Resolver<Maybe<ResolversTypes['CrmContact']>, ParentType, ContextType, RequireFields<QueryCrmContactArgs, 'contactId'>>;
}>;

export type SourceRecordResolvers<ContextType = CrmContext, ParentType extends ResolversParentTypes['SourceRecord'] = ResolversParentTypes['SourceRecord']> = ResolversObject<{
  localId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  system?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = CrmContext> = ResolversObject<{
  CrmContact?: CrmContactResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  PostalAddress?: PostalAddressResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SourceRecord?: SourceRecordResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = CrmContext> = ResolversObject<{
  pii?: PiiDirectiveResolver<any, any, ContextType>;
}>;
