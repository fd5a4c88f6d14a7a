import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CustomerModel, ConsentSubjectModel, ConsentEventModel, ConsentStateModel, ConsentEventConnectionModel, RecordConsentPayloadModel } from '../models';
import type { ConsentContext } from '../context';
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

/** The channel a consent applies to. */
export type ConsentChannel =
  /** Email. */
  | 'EMAIL'
  /** Phone calls. */
  | 'PHONE'
  /** Postal mail. */
  | 'POST'
  /** Mobile app push notifications. */
  | 'PUSH'
  /** Text messages. */
  | 'SMS'
  /** The web site (cookies, trackers, on-site personalisation). */
  | 'WEB';

/** One consent given or withdrawn: an immutable entry of the register's history. */
export type ConsentEvent = {
  __typename?: 'ConsentEvent';
  /** The channel it applies to. */
  channel: ConsentChannel;
  /** The event's id in the register. */
  id: Scalars['ID']['output'];
  /** When the person gave or withdrew the consent (ISO-8601). */
  occurredAt: Scalars['String']['output'];
  /** What proves it: the wording shown, where, from which address or by whom. */
  proof: ConsentProof;
  /** What the consent is for. */
  purpose: ConsentPurpose;
  /** When the register recorded it (ISO-8601). */
  recordedAt: Scalars['String']['output'];
  /** The client that sent it, as the gateway authenticated it (e.g. sales-app); null for imported history. */
  recordedBy?: Maybe<Scalars['String']['output']>;
  /** The system or app that recorded it, e.g. web-signup-form, store-tablet, call-centre, preference-centre. */
  source: Scalars['String']['output'];
  /** Whether the consent was granted or withdrawn. */
  status: ConsentStatus;
  /** The consent subject it was recorded for. */
  subject: ConsentSubject;
};

/** A page of consent events. */
export type ConsentEventConnection = {
  __typename?: 'ConsentEventConnection';
  /** The events of this page with their cursors. */
  edges: Array<ConsentEventEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many events there are in all. */
  totalCount: Scalars['Int']['output'];
};

/** A consent event and its cursor. */
export type ConsentEventEdge = {
  __typename?: 'ConsentEventEdge';
  /** Pass as `after` to read the events that occurred before this one. */
  cursor: Scalars['String']['output'];
  /** The event. */
  node: ConsentEvent;
};

/** A contact identifier as the person gave it. */
export type ConsentIdentifierInput = {
  /** EMAIL or PHONE. */
  kind: ConsentIdentifierKind;
  /** ISO 3166-1 alpha-2 country to read a national phone number with, e.g. FR. Defaults to the register's region. */
  region?: InputMaybe<Scalars['String']['input']>;
  /** The value as typed: emails are trimmed and lower-cased, phones converted to E.164. */
  value: Scalars['String']['input'];
};

/** Kinds of contact identifier a consent subject holds. */
export type ConsentIdentifierKind =
  /** An email address. */
  | 'EMAIL'
  /** A phone number. */
  | 'PHONE';

/** The evidence kept with a consent event (GDPR Art. 7(1): the controller must be able to demonstrate consent). */
export type ConsentProof = {
  __typename?: 'ConsentProof';
  /** The employee or agent who collected it (store, call centre), e.g. agent-1042. */
  collectedBy?: Maybe<Scalars['String']['output']>;
  /** The form or page the consent was collected on: a URL for web forms, a name otherwise (e.g. store-tablet/loyalty-signup). */
  form?: Maybe<Scalars['String']['output']>;
  /** IP address the consent was given from (web). */
  ipAddress?: Maybe<Scalars['String']['output']>;
  /** A free reference to further proof: form submission id, call recording id, signature capture id. */
  reference?: Maybe<Scalars['String']['output']>;
  /** User agent of the browser or app the consent was given from. */
  userAgent?: Maybe<Scalars['String']['output']>;
  /** Version of the wording the person was shown, e.g. signup-optin-v3. */
  wordingVersion?: Maybe<Scalars['String']['output']>;
};

/** The evidence recorded with a consent. */
export type ConsentProofInput = {
  /** The employee or agent who collected it, up to 100 characters. */
  collectedBy?: InputMaybe<Scalars['String']['input']>;
  /** The form or page the consent was collected on (a URL or a name), up to 500 characters. */
  form?: InputMaybe<Scalars['String']['input']>;
  /** IP address the consent was given from (IPv4 or IPv6). */
  ipAddress?: InputMaybe<Scalars['String']['input']>;
  /** A free reference to further proof (form submission, call recording, signature), up to 200 characters. */
  reference?: InputMaybe<Scalars['String']['input']>;
  /** User agent of the browser or app, up to 1000 characters. */
  userAgent?: InputMaybe<Scalars['String']['input']>;
  /** Version of the wording the person was shown (required for a grant), up to 100 characters. */
  wordingVersion?: InputMaybe<Scalars['String']['input']>;
};

/** What a consent is for. */
export type ConsentPurpose =
  /** Measuring how the person uses the web site and apps (analytics cookies and trackers). */
  | 'ANALYTICS'
  /** Direct marketing: newsletters, offers, campaigns. */
  | 'MARKETING'
  /** Building a profile of the person's interests and behaviour to personalise offers. */
  | 'PROFILING'
  /** Sharing the person's data with partners for their own purposes. */
  | 'THIRD_PARTY_SHARING';

/** The current consent for one purpose on one channel, as decided by the latest event. */
export type ConsentState = {
  __typename?: 'ConsentState';
  /** The channel it applies to. */
  channel: ConsentChannel;
  /** The id of the deciding event, to look it up in the history. */
  eventId: Scalars['ID']['output'];
  /** True when the latest event granted the consent, false when it withdrew it. */
  granted: Scalars['Boolean']['output'];
  /** The free proof reference of the deciding event (form submission, call recording, signature id), if any. */
  proofReference?: Maybe<Scalars['String']['output']>;
  /** What the consent is for. */
  purpose: ConsentPurpose;
  /** When the deciding event occurred: granted or withdrawn since then (ISO-8601). */
  since: Scalars['String']['output'];
  /** The system or app that recorded the deciding event, e.g. web-signup-form. */
  source: Scalars['String']['output'];
  /** The consent subject the deciding event was recorded for. */
  subjectId: Scalars['ID']['output'];
  /** The wording version the person was shown with the deciding event, if recorded. */
  wordingVersion?: Maybe<Scalars['String']['output']>;
};

/** Whether a consent event gives or takes back the consent. */
export type ConsentStatus =
  /** The person gave their consent. */
  | 'GRANTED'
  /** The person withdrew their consent. */
  | 'WITHDRAWN';

/**
 * A person as the consent register knows them: the contact identifiers their
 * consents were given with. The identity graph links subjects to customers.
 */
export type ConsentSubject = {
  __typename?: 'ConsentSubject';
  /** The subject's current consent per purpose × channel, ordered by purpose then channel. */
  consents: Array<ConsentState>;
  /** When the register first recorded this subject (ISO-8601). */
  createdAt: Scalars['String']['output'];
  /** The subject's consent events, newest first (by when they occurred). */
  history: ConsentEventConnection;
  /** The subject's id in the consent register (a UUID); the localId of its consent source records. */
  id: Scalars['ID']['output'];
  /** The contact identifiers the subject's consents were given with, in the order they were added. */
  identifiers: Array<ConsentSubjectIdentifier>;
  /** When anything about the subject last changed: an identifier added or a consent recorded (ISO-8601). */
  lastChangedAt: Scalars['String']['output'];
};


/**
 * A person as the consent register knows them: the contact identifiers their
 * consents were given with. The identity graph links subjects to customers.
 */
export type ConsentSubjectHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A contact identifier of a consent subject, normalised. */
export type ConsentSubjectIdentifier = {
  __typename?: 'ConsentSubjectIdentifier';
  /** When the identifier was attached to the subject (ISO-8601). */
  addedAt: Scalars['String']['output'];
  /** EMAIL or PHONE. */
  kind: ConsentIdentifierKind;
  /** ISO 3166-1 alpha-2 country the phone number belongs to, e.g. FR; null for emails. */
  region?: Maybe<Scalars['String']['output']>;
  /** The normalised value: an email trimmed and lower-cased, a phone in E.164 form (e.g. +33612345678). */
  value?: Maybe<Scalars['String']['output']>;
};

/** The subject of a consent: give an id, identifiers, or both (to attach new identifiers to a known subject). */
export type ConsentSubjectInput = {
  /** The id of an existing consent subject. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Contact identifiers the consent was given with (up to 5), normalised before use. */
  identifiers?: InputMaybe<Array<ConsentIdentifierInput>>;
};

/**
 * A customer, extended with their consents and preferences from the consent
 * register that c360 owns. The register reads its own subjects through the
 * source-record keys that the identity subgraph provides.
 */
export type Customer = {
  __typename?: 'Customer';
  /**
   * Every consent given or withdrawn by this customer, newest first (by when it
   * occurred), across all of their consent subjects. Null when the consent
   * register is unavailable.
   */
  consentHistory?: Maybe<ConsentEventConnection>;
  /**
   * The current consent per purpose × channel, decided by the most recent event
   * (by when it occurred) across all of this customer's consent subjects, ordered
   * by purpose then channel. A purpose × channel with no entry was never asked:
   * treat it as not granted. Null when the consent register is unavailable.
   */
  consents?: Maybe<Array<ConsentState>>;
  id: Scalars['ID']['output'];
  /** Provided by the identity subgraph; the consent register only reads its own subjects from it. */
  sourceRecords: Array<SourceRecord>;
};


/**
 * A customer, extended with their consents and preferences from the consent
 * register that c360 owns. The register reads its own subjects through the
 * source-record keys that the identity subgraph provides.
 */
export type CustomerConsentHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Records one consent given or withdrawn. History is append-only: the event is
   * added, never changed. The subject is found by id, or by any of the given
   * identifiers (created when none is known); identifiers it does not hold yet
   * are attached to it. With an idempotencyKey, sending the same request again
   * returns the first event (replayed: true) instead of recording it twice.
   * Invalid input fails with BAD_USER_INPUT naming the field.
   */
  recordConsent: RecordConsentPayload;
};


export type MutationRecordConsentArgs = {
  input: RecordConsentInput;
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
   * facts asked among consents (as Customer.consents: purpose channel granted since).
   */
  consentAudienceFacts: Scalars['JSON']['output'];
  /**
   * A consent subject by its id, for privacy officers: its identifiers, current
   * consents and full history. Null when the register has no such subject.
   */
  consentSubject?: Maybe<ConsentSubject>;
};


export type QueryConsentAudienceFactsArgs = {
  customers: Array<Array<Scalars['ID']['input']>>;
  facts: Array<Scalars['String']['input']>;
  since?: InputMaybe<Scalars['String']['input']>;
};


export type QueryConsentSubjectArgs = {
  id: Scalars['ID']['input'];
};

/** One consent to record. */
export type RecordConsentInput = {
  /** The channel it applies to. */
  channel: ConsentChannel;
  /**
   * A key of the client's choosing (1 to 200 characters, e.g. a UUID) that makes
   * retries safe: the same key with the same request records once; the same key
   * with a different request is refused.
   */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** When the person gave or withdrew it: ISO-8601 with a time zone, not in the future. */
  occurredAt: Scalars['String']['input'];
  /** The evidence. A grant must at least name the wording version the person was shown. */
  proof?: InputMaybe<ConsentProofInput>;
  /** What the consent is for. */
  purpose: ConsentPurpose;
  /** The system or app recording it, e.g. web-signup-form (1 to 100 characters). */
  source: Scalars['String']['input'];
  /** GRANTED or WITHDRAWN. */
  status: ConsentStatus;
  /** Who gave or withdrew the consent: an existing subject id, contact identifiers, or both. */
  subject: ConsentSubjectInput;
};

/** The outcome of recordConsent. */
export type RecordConsentPayload = {
  __typename?: 'RecordConsentPayload';
  /**
   * The subject's current consent for this purpose × channel after recording: an
   * event back-dated before a newer one does not change it.
   */
  currentState: ConsentState;
  /** The recorded event (for a replayed request: the event recorded the first time). */
  event: ConsentEvent;
  /** True when the idempotencyKey had been used for this same request before and nothing new was recorded. */
  replayed: Scalars['Boolean']['output'];
  /** The subject the event was recorded for. */
  subject: ConsentSubject;
};

/** A record in a source system, named by the system and the record's id there. */
export type SourceRecord = {
  __typename?: 'SourceRecord';
  /** The record's id in that system. */
  localId: Scalars['ID']['output'];
  /** The source system's name, e.g. consent. */
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
  ConsentChannel: ConsentChannel;
  ConsentEvent: ResolverTypeWrapper<ConsentEventModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ConsentEventConnection: ResolverTypeWrapper<ConsentEventConnectionModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ConsentEventEdge: ResolverTypeWrapper<Omit<ConsentEventEdge, 'node'> & { node: ResolversTypes['ConsentEvent'] }>;
  ConsentIdentifierInput: ConsentIdentifierInput;
  ConsentIdentifierKind: ConsentIdentifierKind;
  ConsentProof: ResolverTypeWrapper<ConsentProof>;
  ConsentProofInput: ConsentProofInput;
  ConsentPurpose: ConsentPurpose;
  ConsentState: ResolverTypeWrapper<ConsentStateModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ConsentStatus: ConsentStatus;
  ConsentSubject: ResolverTypeWrapper<ConsentSubjectModel>;
  ConsentSubjectIdentifier: ResolverTypeWrapper<ConsentSubjectIdentifier>;
  ConsentSubjectInput: ConsentSubjectInput;
  Customer: ResolverTypeWrapper<CustomerModel>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Mutation: ResolverTypeWrapper<{}>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<{}>;
  RecordConsentInput: RecordConsentInput;
  RecordConsentPayload: ResolverTypeWrapper<RecordConsentPayloadModel>;
  SourceRecord: ResolverTypeWrapper<SourceRecord>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ConsentEvent: ConsentEventModel;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  ConsentEventConnection: ConsentEventConnectionModel;
  Int: Scalars['Int']['output'];
  ConsentEventEdge: Omit<ConsentEventEdge, 'node'> & { node: ResolversParentTypes['ConsentEvent'] };
  ConsentIdentifierInput: ConsentIdentifierInput;
  ConsentProof: ConsentProof;
  ConsentProofInput: ConsentProofInput;
  ConsentState: ConsentStateModel;
  Boolean: Scalars['Boolean']['output'];
  ConsentSubject: ConsentSubjectModel;
  ConsentSubjectIdentifier: ConsentSubjectIdentifier;
  ConsentSubjectInput: ConsentSubjectInput;
  Customer: CustomerModel;
  JSON: Scalars['JSON']['output'];
  Mutation: {};
  PageInfo: PageInfo;
  Query: {};
  RecordConsentInput: RecordConsentInput;
  RecordConsentPayload: RecordConsentPayloadModel;
  SourceRecord: SourceRecord;
}>;

export type PiiDirectiveArgs = { };

export type PiiDirectiveResolver<Result, Parent, ContextType = ConsentContext, Args = PiiDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ConsentEventResolvers<ContextType = ConsentContext, ParentType extends ResolversParentTypes['ConsentEvent'] = ResolversParentTypes['ConsentEvent']> = ResolversObject<{
  channel?: Resolver<ResolversTypes['ConsentChannel'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  proof?: Resolver<ResolversTypes['ConsentProof'], ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['ConsentPurpose'], ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recordedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ConsentStatus'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['ConsentSubject'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConsentEventConnectionResolvers<ContextType = ConsentContext, ParentType extends ResolversParentTypes['ConsentEventConnection'] = ResolversParentTypes['ConsentEventConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ConsentEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConsentEventEdgeResolvers<ContextType = ConsentContext, ParentType extends ResolversParentTypes['ConsentEventEdge'] = ResolversParentTypes['ConsentEventEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ConsentEvent'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConsentProofResolvers<ContextType = ConsentContext, ParentType extends ResolversParentTypes['ConsentProof'] = ResolversParentTypes['ConsentProof']> = ResolversObject<{
  collectedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  form?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ipAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  userAgent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  wordingVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConsentStateResolvers<ContextType = ConsentContext, ParentType extends ResolversParentTypes['ConsentState'] = ResolversParentTypes['ConsentState']> = ResolversObject<{
  channel?: Resolver<ResolversTypes['ConsentChannel'], ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  granted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  proofReference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['ConsentPurpose'], ParentType, ContextType>;
  since?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subjectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  wordingVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConsentSubjectResolvers<ContextType = ConsentContext, ParentType extends ResolversParentTypes['ConsentSubject'] = ResolversParentTypes['ConsentSubject']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ConsentSubject']>, { __typename: 'ConsentSubject' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  consents?: Resolver<Array<ResolversTypes['ConsentState']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  history?: Resolver<ResolversTypes['ConsentEventConnection'], ParentType, ContextType, RequireFields<ConsentSubjectHistoryArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifiers?: Resolver<Array<ResolversTypes['ConsentSubjectIdentifier']>, ParentType, ContextType>;
  lastChangedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConsentSubjectIdentifierResolvers<ContextType = ConsentContext, ParentType extends ResolversParentTypes['ConsentSubjectIdentifier'] = ResolversParentTypes['ConsentSubjectIdentifier']> = ResolversObject<{
  addedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ConsentIdentifierKind'], ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CustomerResolvers<ContextType = ConsentContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  consentHistory?: Resolver<Maybe<ResolversTypes['ConsentEventConnection']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType, RequireFields<CustomerConsentHistoryArgs, 'first'>>;
  consents?: Resolver<Maybe<Array<ResolversTypes['ConsentState']>>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType>;
  id?: Resolver<ResolversTypes['ID'], { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;

  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MutationResolvers<ContextType = ConsentContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  recordConsent?: Resolver<ResolversTypes['RecordConsentPayload'], ParentType, ContextType, RequireFields<MutationRecordConsentArgs, 'input'>>;
}>;

export type PageInfoResolvers<ContextType = ConsentContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = ConsentContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  consentAudienceFacts?: Resolver<ResolversTypes['JSON'], ParentType, ContextType, RequireFields<QueryConsentAudienceFactsArgs, 'customers' | 'facts'>>;
  consentSubject?: Resolver<Maybe<ResolversTypes['ConsentSubject']>, ParentType, ContextType, RequireFields<QueryConsentSubjectArgs, 'id'>>;
}>;

export type RecordConsentPayloadResolvers<ContextType = ConsentContext, ParentType extends ResolversParentTypes['RecordConsentPayload'] = ResolversParentTypes['RecordConsentPayload']> = ResolversObject<{
  currentState?: Resolver<ResolversTypes['ConsentState'], ParentType, ContextType>;
  event?: Resolver<ResolversTypes['ConsentEvent'], ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['ConsentSubject'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SourceRecordResolvers<ContextType = ConsentContext, ParentType extends ResolversParentTypes['SourceRecord'] = ResolversParentTypes['SourceRecord']> = ResolversObject<{
  localId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  system?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = ConsentContext> = ResolversObject<{
  ConsentEvent?: ConsentEventResolvers<ContextType>;
  ConsentEventConnection?: ConsentEventConnectionResolvers<ContextType>;
  ConsentEventEdge?: ConsentEventEdgeResolvers<ContextType>;
  ConsentProof?: ConsentProofResolvers<ContextType>;
  ConsentState?: ConsentStateResolvers<ContextType>;
  ConsentSubject?: ConsentSubjectResolvers<ContextType>;
  ConsentSubjectIdentifier?: ConsentSubjectIdentifierResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RecordConsentPayload?: RecordConsentPayloadResolvers<ContextType>;
  SourceRecord?: SourceRecordResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = ConsentContext> = ResolversObject<{
  pii?: PiiDirectiveResolver<any, any, ContextType>;
}>;
