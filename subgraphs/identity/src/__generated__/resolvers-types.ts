import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CustomerModel, MatchReviewModel } from '../models';
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
  /** Any JSON value. */
  JSON: { input: any; output: any; }
  _FieldSet: { input: any; output: any; }
};

/** An identifier that does not link records, and why. */
export type BlockedIdentifier = {
  __typename?: 'BlockedIdentifier';
  /** When it was blocked (ISO-8601). */
  blockedAt: Scalars['String']['output'];
  /** The identifier. */
  identifier: Identifier;
  /** block-list (matches the configured block list) or too-many-records (seen on more records than its kind allows). */
  reason: Scalars['String']['output'];
  /** How many records hold it. */
  records: Scalars['Int']['output'];
};

/**
 * A person as the identity graph resolves them: the source records that belong
 * together and the identifiers that link them. Other subgraphs add the person's
 * data from each source system.
 */
export type Customer = {
  __typename?: 'Customer';
  /** True when the customer holds no strong identifier (only cookies or devices): an anonymous visitor. */
  anonymous: Scalars['Boolean']['output'];
  /** Identifiers of this customer that are blocked from linking, and why. */
  blockedIdentifiers: Array<BlockedIdentifier>;
  /** Stable customer id. After a merge, the id that was merged away keeps resolving to the surviving customer. */
  id: Scalars['ID']['output'];
  /** Normalised identifiers (emails, E.164 phones, loyalty cards, cookies, devices) seen on this customer's records. */
  identifiers: Array<Identifier>;
  /** The audit trail of identity decisions about this customer, oldest first: who or what changed it, when and why. */
  identityHistory: Array<IdentityEvent>;
  /**
   * Why these records are one person: each pair of records sharing an identifier
   * that links them, and each explicit link (manual merge), with the rule,
   * source, confidence and time that created it.
   */
  identityLinks: Array<IdentityLink>;
  /** The records in source systems that belong to this customer; each source subgraph reads its own. */
  sourceRecords: Array<SourceRecord>;
};

/** A page of customer ids. */
export type CustomerIdPage = {
  __typename?: 'CustomerIdPage';
  /** Cursor to pass as `after` for the next page; null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more ids follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** The ids of this page, in id order. */
  ids: Array<Scalars['ID']['output']>;
};

/** A normalised identifier of a person. */
export type Identifier = {
  __typename?: 'Identifier';
  /** What kind of identifier this is. */
  kind: IdentifierKind;
  /** The normalised value: emails trimmed and lower-cased, phones in E.164. */
  value?: Maybe<Scalars['String']['output']>;
};

/** An identifier as a source system stores it. */
export type IdentifierInput = {
  /** What kind of identifier the value is. */
  kind: IdentifierKind;
  /** ISO 3166-1 alpha-2 country used to read a phone number written in national format, e.g. FR. */
  region?: InputMaybe<Scalars['String']['input']>;
  /** The value as the source holds it: normalised here (emails trimmed and lower-cased, phones to E.164) before use. */
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

/** Which customer an identifier belonged to at a point in time. */
export type IdentifierOwnership = {
  __typename?: 'IdentifierOwnership';
  /** That customer as it is now (following merges). */
  customer?: Maybe<Customer>;
  /** The customer id the identifier belonged to then (it may have been merged since). */
  customerIdThen: Scalars['ID']['output'];
};

/** One identity decision: a record assigned to a customer, customers merged, a manual link or unlink, an identifier removed. */
export type IdentityEvent = {
  __typename?: 'IdentityEvent';
  /** Who or what made the decision: a client name, or observation-feed. */
  actor?: Maybe<Scalars['String']['output']>;
  /** When it happened (ISO-8601). */
  at: Scalars['String']['output'];
  /** The customer the decision is about (for an assignment: the new customer; for a merge: the survivor). */
  customerId?: Maybe<Scalars['ID']['output']>;
  /** The identifier concerned, for identifier-removed. */
  identifier?: Maybe<Identifier>;
  /** For a merge: the customer id merged away, which now resolves to customerId. */
  mergedCustomerId?: Maybe<Scalars['ID']['output']>;
  /** For an assignment: the record's customer before, if any. */
  previousCustomerId?: Maybe<Scalars['ID']['output']>;
  /** Why, as given with a manual decision. */
  reason?: Maybe<Scalars['String']['output']>;
  /** The record concerned, if any. */
  record?: Maybe<SourceRecord>;
  /** The rule behind the decision. */
  rule?: Maybe<Scalars['String']['output']>;
  /** assign, merge, link, unlink or identifier-removed. */
  type: Scalars['String']['output'];
};

/** Evidence that two source records are the same person. */
export type IdentityLink = {
  __typename?: 'IdentityLink';
  /** Who made an explicit link; null for links made by rules. */
  actor?: Maybe<Scalars['String']['output']>;
  /** When the link was made (ISO-8601). */
  at: Scalars['String']['output'];
  /** Confidence of the link, from 0 to 1 (1 for deterministic and manual links). */
  confidence: Scalars['Float']['output'];
  /** One record of the pair. */
  from: SourceRecord;
  /** The shared identifier, for identifier links; null for explicit links. */
  identifier?: Maybe<Identifier>;
  /** For a probabilistic link (rule probabilistic:…): the score and what each comparison weighed; null for other links. */
  match?: Maybe<MatchEvidence>;
  /** Why an explicit link was made, as given by whoever made it. */
  reason?: Maybe<Scalars['String']['output']>;
  /** The rule that made the link, e.g. deterministic:shared-identifier or manual. */
  rule: Scalars['String']['output'];
  /** The source system whose observation made the link, or who made an explicit link. */
  source: Scalars['String']['output'];
  /** The other record of the pair. */
  to: SourceRecord;
};

/** What a source knows of a record's person, for probabilistic matching. */
export type MatchAttributesInput = {
  /** City of the postal address. */
  city?: InputMaybe<Scalars['String']['input']>;
  /** ISO 3166-1 alpha-2 code or country name. */
  country?: InputMaybe<Scalars['String']['input']>;
  /** A date of birth: ISO (1980-03-12), DD/MM/YYYY, YYYYMMDD or written out. */
  dateOfBirth?: InputMaybe<Scalars['String']['input']>;
  /** Family (last) name as the source holds it; reduced here to a normalised match key. */
  familyName?: InputMaybe<Scalars['String']['input']>;
  /** When the source holds one name field only. */
  fullName?: InputMaybe<Scalars['String']['input']>;
  /** Given (first) name as the source holds it; reduced here to a normalised match key. */
  givenName?: InputMaybe<Scalars['String']['input']>;
  /** Postcode of the postal address. */
  postcode?: InputMaybe<Scalars['String']['input']>;
  /** Street line of the postal address; only a hash of its normalised form is kept. */
  street?: InputMaybe<Scalars['String']['input']>;
};

/** One comparison of a pair: its level and the weight it added to the score. */
export type MatchComparison = {
  __typename?: 'MatchComparison';
  /** given_name, family_name, full_name, date_of_birth, email, phone, address or country. */
  comparison: Scalars['String']['output'];
  /** The level found, e.g. exact, close, swapped, nickname, phonetic, different. */
  level: Scalars['String']['output'];
  /** log2(m/u) of that level: positive for agreement, negative for disagreement. */
  weight: Scalars['Float']['output'];
};

/** What deciding a review did. */
export type MatchDecision = {
  __typename?: 'MatchDecision';
  /** The customer of the pair's left record afterwards (both records', once accepted). */
  customer?: Maybe<Customer>;
  /** The review, decided. */
  review: MatchReview;
};

/** How a pair of records scored in probabilistic matching (Fellegi–Sunter). */
export type MatchEvidence = {
  __typename?: 'MatchEvidence';
  /** What each comparison found and weighed; comparisons one side had no value for are left out. */
  comparisons: Array<MatchComparison>;
  /** Guards tripped (comparison=level): the pair needs a person's review however high its score. */
  guards: Array<Scalars['String']['output']>;
  /** Probability that the pair is one person, from the score. */
  probability: Scalars['Float']['output'];
  /** Sum of the comparisons' weights, log2(m/u): the link threshold and the review threshold are set in the identity rules. */
  score: Scalars['Float']['output'];
};

/** A pair of records that may be one person: scored between the thresholds, or above with a guard tripped. */
export type MatchReview = {
  __typename?: 'MatchReview';
  /** When the pair was first proposed (ISO-8601). */
  createdAt: Scalars['String']['output'];
  /** When a person (or the matcher, for LINKED) decided. */
  decidedAt?: Maybe<Scalars['String']['output']>;
  /** Who decided: a client name. */
  decidedBy?: Maybe<Scalars['String']['output']>;
  /** The score and its breakdown. */
  evidence: MatchEvidence;
  /** Id to accept or reject the review with. */
  id: Scalars['ID']['output'];
  /** One record of the pair. */
  left: SourceRecord;
  /** The customer of the left record now. */
  leftCustomer?: Maybe<Customer>;
  /** Why, as given with the decision. */
  reason?: Maybe<Scalars['String']['output']>;
  /** The other record of the pair. */
  right: SourceRecord;
  /** The customer of the right record now. */
  rightCustomer?: Maybe<Customer>;
  /** Whether the pair waits for a person, was accepted or rejected, or was linked by the matcher since. */
  status: MatchReviewStatus;
};

/** A page of match reviews, best score first. */
export type MatchReviewPage = {
  __typename?: 'MatchReviewPage';
  /** Cursor to pass as `after` for the next page; null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more reviews follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** The reviews of this page. */
  reviews: Array<MatchReview>;
  /** Reviews of this status in the whole queue. */
  totalCount: Scalars['Int']['output'];
};

/** Where a match review stands. */
export type MatchReviewStatus =
  /** Accepted: the records are linked (rule probabilistic:reviewed). */
  | 'ACCEPTED'
  /** Linked by the matcher itself since (a new observation raised the score above the link threshold). */
  | 'LINKED'
  /** Waiting for a person's decision. */
  | 'PENDING'
  /** Rejected: never proposed or linked again. */
  | 'REJECTED';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Accepts a pending match review: its two records are linked (SAME_AS, rule
   * probabilistic:reviewed, with the score, the client and the reason) and their
   * customers joined. BAD_USER_INPUT when the review is unknown or decided already.
   */
  acceptMatch: MatchDecision;
  /**
   * Merges customers by hand: an explicit link that no rule undoes. The customer
   * holding most records keeps its id; the other ids keep resolving to it.
   */
  mergeCustomers: Customer;
  /**
   * Records what a source system holds for one of its records: the record's
   * identifiers replace the ones observed before. Idempotent: observing the
   * same record twice changes nothing. Returns the record's customer afterwards.
   */
  observeRecord: RecordObservationPayload;
  /** The batched form of observeRecord, for feeds: all records are ingested together. */
  observeRecords: Array<RecordObservationPayload>;
  /**
   * Rejects a pending match review: the pair is remembered and never proposed or
   * linked again. BAD_USER_INPUT when the review is unknown or decided already.
   */
  rejectMatch: MatchDecision;
  /**
   * Takes a record out of its customer: it stops linking through its
   * identifiers and becomes a customer of its own; the rest of the cluster is
   * re-resolved (the larger part keeps the id). Returns the record's customer afterwards.
   */
  unlinkRecord: Customer;
};


export type MutationAcceptMatchArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationMergeCustomersArgs = {
  ids: Array<Scalars['ID']['input']>;
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationObserveRecordArgs = {
  input: RecordObservationInput;
};


export type MutationObserveRecordsArgs = {
  inputs: Array<RecordObservationInput>;
};


export type MutationRejectMatchArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationUnlinkRecordArgs = {
  localId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  system: Scalars['String']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** Identifiers blocked from linking (block list, or seen on too many records), most used first. */
  blockedIdentifiers: Array<BlockedIdentifier>;
  /** A customer by id; an id that was merged away resolves to the surviving customer. Null when unknown. */
  customer?: Maybe<Customer>;
  /**
   * The customer an identifier belongs to. The value is normalised first (emails
   * lower-cased and trimmed, phones to E.164), so any spelling finds the customer.
   * Null when no record carries the identifier; BAD_USER_INPUT when the value is
   * not a valid identifier of that kind.
   */
  customerByIdentifier?: Maybe<Customer>;
  /**
   * The customer a source record belongs to, by the record's system and its id
   * there (e.g. crm, C-1042): what an agent searching by a CRM or shop id needs.
   * Null when the identity graph has no such record.
   */
  customerBySourceRecord?: Maybe<Customer>;
  /**
   * Every customer id, a page at a time in a stable order (merged-away ids left
   * out): what exports that scan all customers page through, e.g. the audience
   * export. Pass the page's endCursor as `after` for the next page.
   */
  customerIds: CustomerIdPage;
  /**
   * Several customers by id in one call, in the order asked (a page of a
   * customer list, an audience export): null where an id is unknown. 1 to 100 ids.
   */
  customers: Array<Maybe<Customer>>;
  /**
   * Several identifiers looked up at once (a pasted list, a file of emails): one
   * entry per identifier, in the order given, each normalised like
   * customerByIdentifier's. Null where no record carries the identifier; a
   * malformed identifier gets a BAD_USER_INPUT error at its index (the others
   * still answer). 1 to 500 identifiers, one round trip to the identity graph.
   */
  customersByIdentifiers: Array<Maybe<Customer>>;
  /**
   * Customers with a source record of that name at that postcode (an agent's
   * "Marie Dupont, 75011"), most matching records first. Name and postcode are
   * normalised as probabilistic matching normalises them (case, accents,
   * punctuation and titles ignored; the postcode without spaces or dashes); the
   * name's words may come in any order, and one word (a family name alone) is
   * enough. Only records whose source gives match attributes (name and postcode)
   * can be found. One indexed read (the records' postcode+initial matching
   * blocks). BAD_USER_INPUT for an empty or over-long name or postcode; first is
   * 1 to 100. Personal data: needs pii:read, since an answer confirms where a
   * named person lives.
   */
  customersByName: Array<Customer>;
  /**
   * Point in time: the customer an identifier belonged to at a given date, as the
   * identity graph knew it then (e.g. which customer a cookie belonged to on
   * 2026-03-01). Null when no record held the identifier then.
   */
  identifierOwnerAt?: Maybe<IdentifierOwnership>;
  /**
   * For the profile subgraph's audience engine only (@inaccessible: not in the
   * gateway's API; needs customer:read). The source records of many customers at
   * once, without executing each customer as a GraphQL object: one JSON list of
   * { system localId } per id, in the order of `ids`, as Customer.sourceRecords
   * answers it (empty for an unknown id).
   */
  identityAudienceRecords: Scalars['JSON']['output'];
  /**
   * The review queue of probabilistic matching: pairs of records that may be one
   * person, best score first. Pending pairs whose records have been joined since
   * (by another link) leave the queue.
   */
  matchReviews: MatchReviewPage;
  /**
   * An identifier as the identity graph stores it: what a search box shows back
   * (e.g. "06 12 34 56 78" is +33612345678). BAD_USER_INPUT when the value is
   * not a valid identifier of that kind. Reads nothing.
   */
  normalizedIdentifier: Identifier;
};


export type QueryBlockedIdentifiersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomerByIdentifierArgs = {
  kind: IdentifierKind;
  value: Scalars['String']['input'];
};


export type QueryCustomerBySourceRecordArgs = {
  localId: Scalars['ID']['input'];
  system: Scalars['String']['input'];
};


export type QueryCustomerIdsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCustomersArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryCustomersByIdentifiersArgs = {
  identifiers: Array<IdentifierInput>;
};


export type QueryCustomersByNameArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  postcode: Scalars['String']['input'];
};


export type QueryIdentifierOwnerAtArgs = {
  at: Scalars['String']['input'];
  kind: IdentifierKind;
  value: Scalars['String']['input'];
};


export type QueryIdentityAudienceRecordsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryMatchReviewsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<MatchReviewStatus>;
};


export type QueryNormalizedIdentifierArgs = {
  kind: IdentifierKind;
  region?: InputMaybe<Scalars['String']['input']>;
  value: Scalars['String']['input'];
};

/** One observation of a source record and its identifiers. */
export type RecordObservationInput = {
  /** Every identifier the record holds now, as stored in the source (normalised on the way in). */
  identifiers: Array<IdentifierInput>;
  /** The record's id in that system. */
  localId: Scalars['ID']['input'];
  /**
   * Attributes for probabilistic matching. Only their normalised match keys are
   * kept (folded names, an ISO date, a hashed street, postcode, city, country).
   * Left out, the record is not matched and keeps the keys it had.
   */
  match?: InputMaybe<MatchAttributesInput>;
  /**
   * The person's name on the record. Only its match key (case, accents and word
   * order removed) is kept, to block identifiers seen with many different names.
   */
  name?: InputMaybe<Scalars['String']['input']>;
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
  BlockedIdentifier: ResolverTypeWrapper<BlockedIdentifier>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Customer: ResolverTypeWrapper<CustomerModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CustomerIdPage: ResolverTypeWrapper<CustomerIdPage>;
  Identifier: ResolverTypeWrapper<Identifier>;
  IdentifierInput: IdentifierInput;
  IdentifierKind: IdentifierKind;
  IdentifierOwnership: ResolverTypeWrapper<Omit<IdentifierOwnership, 'customer'> & { customer?: Maybe<ResolversTypes['Customer']> }>;
  IdentityEvent: ResolverTypeWrapper<IdentityEvent>;
  IdentityLink: ResolverTypeWrapper<IdentityLink>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  MatchAttributesInput: MatchAttributesInput;
  MatchComparison: ResolverTypeWrapper<MatchComparison>;
  MatchDecision: ResolverTypeWrapper<Omit<MatchDecision, 'customer' | 'review'> & { customer?: Maybe<ResolversTypes['Customer']>, review: ResolversTypes['MatchReview'] }>;
  MatchEvidence: ResolverTypeWrapper<MatchEvidence>;
  MatchReview: ResolverTypeWrapper<MatchReviewModel>;
  MatchReviewPage: ResolverTypeWrapper<Omit<MatchReviewPage, 'reviews'> & { reviews: Array<ResolversTypes['MatchReview']> }>;
  MatchReviewStatus: MatchReviewStatus;
  Mutation: ResolverTypeWrapper<{}>;
  Query: ResolverTypeWrapper<{}>;
  RecordObservationInput: RecordObservationInput;
  RecordObservationPayload: ResolverTypeWrapper<Omit<RecordObservationPayload, 'customer'> & { customer: ResolversTypes['Customer'] }>;
  SourceRecord: ResolverTypeWrapper<SourceRecord>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  BlockedIdentifier: BlockedIdentifier;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  Customer: CustomerModel;
  Boolean: Scalars['Boolean']['output'];
  ID: Scalars['ID']['output'];
  CustomerIdPage: CustomerIdPage;
  Identifier: Identifier;
  IdentifierInput: IdentifierInput;
  IdentifierOwnership: Omit<IdentifierOwnership, 'customer'> & { customer?: Maybe<ResolversParentTypes['Customer']> };
  IdentityEvent: IdentityEvent;
  IdentityLink: IdentityLink;
  Float: Scalars['Float']['output'];
  JSON: Scalars['JSON']['output'];
  MatchAttributesInput: MatchAttributesInput;
  MatchComparison: MatchComparison;
  MatchDecision: Omit<MatchDecision, 'customer' | 'review'> & { customer?: Maybe<ResolversParentTypes['Customer']>, review: ResolversParentTypes['MatchReview'] };
  MatchEvidence: MatchEvidence;
  MatchReview: MatchReviewModel;
  MatchReviewPage: Omit<MatchReviewPage, 'reviews'> & { reviews: Array<ResolversParentTypes['MatchReview']> };
  Mutation: {};
  Query: {};
  RecordObservationInput: RecordObservationInput;
  RecordObservationPayload: Omit<RecordObservationPayload, 'customer'> & { customer: ResolversParentTypes['Customer'] };
  SourceRecord: SourceRecord;
}>;

export type PiiDirectiveArgs = { };

export type PiiDirectiveResolver<Result, Parent, ContextType = IdentityContext, Args = PiiDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type BlockedIdentifierResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['BlockedIdentifier'] = ResolversParentTypes['BlockedIdentifier']> = ResolversObject<{
  blockedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  identifier?: Resolver<ResolversTypes['Identifier'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  records?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CustomerResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  anonymous?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  blockedIdentifiers?: Resolver<Array<ResolversTypes['BlockedIdentifier']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identifiers?: Resolver<Array<ResolversTypes['Identifier']>, ParentType, ContextType>;
  identityHistory?: Resolver<Array<ResolversTypes['IdentityEvent']>, ParentType, ContextType>;
  identityLinks?: Resolver<Array<ResolversTypes['IdentityLink']>, ParentType, ContextType>;
  sourceRecords?: Resolver<Array<ResolversTypes['SourceRecord']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CustomerIdPageResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['CustomerIdPage'] = ResolversParentTypes['CustomerIdPage']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  ids?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type IdentifierResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Identifier'] = ResolversParentTypes['Identifier']> = ResolversObject<{
  kind?: Resolver<ResolversTypes['IdentifierKind'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type IdentifierOwnershipResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['IdentifierOwnership'] = ResolversParentTypes['IdentifierOwnership']> = ResolversObject<{
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType>;
  customerIdThen?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type IdentityEventResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['IdentityEvent'] = ResolversParentTypes['IdentityEvent']> = ResolversObject<{
  actor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  customerId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  identifier?: Resolver<Maybe<ResolversTypes['Identifier']>, ParentType, ContextType>;
  mergedCustomerId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  previousCustomerId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  record?: Resolver<Maybe<ResolversTypes['SourceRecord']>, ParentType, ContextType>;
  rule?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type IdentityLinkResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['IdentityLink'] = ResolversParentTypes['IdentityLink']> = ResolversObject<{
  actor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  confidence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['SourceRecord'], ParentType, ContextType>;
  identifier?: Resolver<Maybe<ResolversTypes['Identifier']>, ParentType, ContextType>;
  match?: Resolver<Maybe<ResolversTypes['MatchEvidence']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['SourceRecord'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MatchComparisonResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['MatchComparison'] = ResolversParentTypes['MatchComparison']> = ResolversObject<{
  comparison?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MatchDecisionResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['MatchDecision'] = ResolversParentTypes['MatchDecision']> = ResolversObject<{
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType>;
  review?: Resolver<ResolversTypes['MatchReview'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MatchEvidenceResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['MatchEvidence'] = ResolversParentTypes['MatchEvidence']> = ResolversObject<{
  comparisons?: Resolver<Array<ResolversTypes['MatchComparison']>, ParentType, ContextType>;
  guards?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  probability?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MatchReviewResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['MatchReview'] = ResolversParentTypes['MatchReview']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  decidedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  evidence?: Resolver<ResolversTypes['MatchEvidence'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  left?: Resolver<ResolversTypes['SourceRecord'], ParentType, ContextType>;
  leftCustomer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  right?: Resolver<ResolversTypes['SourceRecord'], ParentType, ContextType>;
  rightCustomer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MatchReviewStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MatchReviewPageResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['MatchReviewPage'] = ResolversParentTypes['MatchReviewPage']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reviews?: Resolver<Array<ResolversTypes['MatchReview']>, ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  acceptMatch?: Resolver<ResolversTypes['MatchDecision'], ParentType, ContextType, RequireFields<MutationAcceptMatchArgs, 'id'>>;
  mergeCustomers?: Resolver<ResolversTypes['Customer'], ParentType, ContextType, RequireFields<MutationMergeCustomersArgs, 'ids'>>;
  observeRecord?: Resolver<ResolversTypes['RecordObservationPayload'], ParentType, ContextType, RequireFields<MutationObserveRecordArgs, 'input'>>;
  observeRecords?: Resolver<Array<ResolversTypes['RecordObservationPayload']>, ParentType, ContextType, RequireFields<MutationObserveRecordsArgs, 'inputs'>>;
  rejectMatch?: Resolver<ResolversTypes['MatchDecision'], ParentType, ContextType, RequireFields<MutationRejectMatchArgs, 'id'>>;
  unlinkRecord?: Resolver<ResolversTypes['Customer'], ParentType, ContextType, RequireFields<MutationUnlinkRecordArgs, 'localId' | 'system'>>;
}>;

export type QueryResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  blockedIdentifiers?: Resolver<Array<ResolversTypes['BlockedIdentifier']>, ParentType, ContextType, RequireFields<QueryBlockedIdentifiersArgs, 'first'>>;
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryCustomerArgs, 'id'>>;
  customerByIdentifier?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryCustomerByIdentifierArgs, 'kind' | 'value'>>;
  customerBySourceRecord?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryCustomerBySourceRecordArgs, 'localId' | 'system'>>;
  customerIds?: Resolver<ResolversTypes['CustomerIdPage'], ParentType, ContextType, RequireFields<QueryCustomerIdsArgs, 'first'>>;
  customers?: Resolver<Array<Maybe<ResolversTypes['Customer']>>, ParentType, ContextType, RequireFields<QueryCustomersArgs, 'ids'>>;
  customersByIdentifiers?: Resolver<Array<Maybe<ResolversTypes['Customer']>>, ParentType, ContextType, RequireFields<QueryCustomersByIdentifiersArgs, 'identifiers'>>;
  customersByName?: Resolver<Array<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryCustomersByNameArgs, 'first' | 'name' | 'postcode'>>;
  identifierOwnerAt?: Resolver<Maybe<ResolversTypes['IdentifierOwnership']>, ParentType, ContextType, RequireFields<QueryIdentifierOwnerAtArgs, 'at' | 'kind' | 'value'>>;
  identityAudienceRecords?: Resolver<ResolversTypes['JSON'], ParentType, ContextType, RequireFields<QueryIdentityAudienceRecordsArgs, 'ids'>>;
  matchReviews?: Resolver<ResolversTypes['MatchReviewPage'], ParentType, ContextType, RequireFields<QueryMatchReviewsArgs, 'first' | 'status'>>;
  normalizedIdentifier?: Resolver<ResolversTypes['Identifier'], ParentType, ContextType, RequireFields<QueryNormalizedIdentifierArgs, 'kind' | 'value'>>;
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
  BlockedIdentifier?: BlockedIdentifierResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  CustomerIdPage?: CustomerIdPageResolvers<ContextType>;
  Identifier?: IdentifierResolvers<ContextType>;
  IdentifierOwnership?: IdentifierOwnershipResolvers<ContextType>;
  IdentityEvent?: IdentityEventResolvers<ContextType>;
  IdentityLink?: IdentityLinkResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  MatchComparison?: MatchComparisonResolvers<ContextType>;
  MatchDecision?: MatchDecisionResolvers<ContextType>;
  MatchEvidence?: MatchEvidenceResolvers<ContextType>;
  MatchReview?: MatchReviewResolvers<ContextType>;
  MatchReviewPage?: MatchReviewPageResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RecordObservationPayload?: RecordObservationPayloadResolvers<ContextType>;
  SourceRecord?: SourceRecordResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = IdentityContext> = ResolversObject<{
  pii?: PiiDirectiveResolver<any, any, ContextType>;
}>;
