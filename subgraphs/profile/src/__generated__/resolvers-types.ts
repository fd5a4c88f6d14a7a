import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CustomerModel, GoldenProfileModel, CustomerKpisModel, ChannelContactabilityModel, SurvivorshipRuleModel, SurvivorshipRuleVersionModel, SegmentModel } from '../models';
import type { ProfileContext } from '../context';
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
  /** Any JSON value: segment rules are JSON objects (see the rule language in Segment.rule). */
  JSON: { input: unknown; output: unknown; }
  _FieldSet: { input: any; output: any; }
};

/** An address a source record holds. */
export type AddressCandidate = {
  __typename?: 'AddressCandidate';
  /** The record holding it. */
  lineage: Lineage;
  /** The address. */
  value?: Maybe<PostalAddress>;
};

/** Whether a customer may be contacted for marketing on a channel, and why. */
export type ChannelContactability = {
  __typename?: 'ChannelContactability';
  /** The channel. */
  channel: ConsentChannel;
  /** When the deciding consent was given or withdrawn (ISO-8601); null when never asked. */
  consentSince?: Maybe<Scalars['String']['output']>;
  /** True when the MARKETING consent for the channel is granted and a contact point is known. */
  contactable: Scalars['Boolean']['output'];
  /** Why the customer is or is not contactable. */
  reason: ContactabilityReason;
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

/** The current consent for one purpose on one channel (consent subgraph). */
export type ConsentState = {
  __typename?: 'ConsentState';
  /** The channel it applies to. */
  channel: ConsentChannel;
  /** True when the latest event granted the consent, false when it withdrew it. */
  granted: Scalars['Boolean']['output'];
  /** What the consent is for. */
  purpose: ConsentPurpose;
  /** When the deciding event occurred (ISO-8601). */
  since: Scalars['String']['output'];
};

/** An email address or phone number of the customer, with every record that holds it. */
export type ContactPoint = {
  __typename?: 'ContactPoint';
  /** True for the golden one (the best under the survivorship rule). */
  best: Scalars['Boolean']['output'];
  /** The records holding it, most recently updated first. */
  sources: Array<Lineage>;
  /** The normalised value: an email trimmed and lower-cased, a phone in E.164 form where it could be read. */
  value?: Maybe<Scalars['String']['output']>;
};

/** Why a customer is or is not contactable on a channel. */
export type ContactabilityReason =
  /** The MARKETING consent is granted and a contact point is known. */
  | 'CONSENT_GRANTED'
  /** The consent register could not be read: not contactable until it answers. */
  | 'CONSENT_UNAVAILABLE'
  /** The customer withdrew the MARKETING consent for the channel. */
  | 'CONSENT_WITHDRAWN'
  /** The customer was never asked: no consent means no contact. */
  | 'NEVER_ASKED'
  /** The consent is granted but no email, phone or postal address is known for the channel. */
  | 'NO_CONTACT_POINT';

/** A contact in the CRM, as the sales team keeps it. */
export type CrmContact = {
  __typename?: 'CrmContact';
  /** Postal address on file. */
  address?: Maybe<PostalAddress>;
  /** Company the contact works for. */
  company?: Maybe<Scalars['String']['output']>;
  /** The contact's id in the CRM, e.g. CRM-000123. */
  contactId: Scalars['ID']['output'];
  /** First name as entered in the CRM. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** Last name as entered in the CRM. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** Mobile phone number, as entered in the CRM (not normalised). */
  mobilePhone?: Maybe<Scalars['String']['output']>;
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
 * A customer, extended with what c360 derives from all of their source records:
 * the golden record (survivorship), omnichannel KPIs, live segments and
 * contactability. Nothing is copied: every field is computed on demand from the
 * source fields the query planner fetches for it (@requires).
 */
export type Customer = {
  __typename?: 'Customer';
  /** Provided by the consent subgraph. */
  consents?: Maybe<Array<ConsentState>>;
  /**
   * Whether the customer may be contacted for marketing on each channel (EMAIL,
   * SMS, PHONE, POST), and why: the MARKETING consent for the channel from the
   * consent register, and whether a contact point is known. Null channels never
   * appear; a register that cannot be read makes every channel not contactable.
   */
  contactability?: Maybe<Array<ChannelContactability>>;
  /** Provided by the crm subgraph. */
  crmContacts?: Maybe<Array<CrmContact>>;
  /** Provided by the support subgraph. */
  helpDeskUsers?: Maybe<Array<HelpDeskUser>>;
  id: Scalars['ID']['output'];
  /** Provided by the stores subgraph. */
  inStorePurchases?: Maybe<Array<InStorePurchase>>;
  /**
   * Omnichannel KPIs: web-shop orders and store receipts together, support,
   * surveys and web activity, computed from the sources on each query. Money is
   * in the reporting currency (KPI_REPORTING_CURRENCY). Null when a purchase
   * source could not be read or holds a currency without an exchange rate.
   */
  kpis?: Maybe<CustomerKpis>;
  /** Provided by the web subgraph. */
  lastWebSession?: Maybe<WebSession>;
  /** Provided by the surveys subgraph. */
  latestNps?: Maybe<NpsAnswer>;
  /** Provided by the stores subgraph. */
  loyaltyCards?: Maybe<Array<LoyaltyCard>>;
  /** Provided by the commerce subgraph. */
  onlinePurchases?: Maybe<Array<OnlinePurchase>>;
  /** Provided by the support subgraph. */
  openSupportTicketCount?: Maybe<Scalars['Int']['output']>;
  /**
   * The golden record: the best value of each attribute across the customer's
   * source records, chosen by the survivorship rules in force (see
   * survivorshipRules), with where it comes from and every candidate value.
   * Null when the customer's contact data could not be read.
   */
  profile?: Maybe<GoldenProfile>;
  /**
   * The segments the customer is in now, evaluated on each query against the
   * current segment definitions (see Query.segments), by name.
   */
  segments?: Maybe<Array<SegmentMembership>>;
  /** Provided by the commerce subgraph. */
  shopAccounts?: Maybe<Array<ShopAccount>>;
};

/** Omnichannel KPIs of a customer, computed on demand. */
export type CustomerKpis = {
  __typename?: 'CustomerKpis';
  /** Average purchase value in the reporting currency; null without purchases. */
  averageBasket?: Maybe<Money>;
  /** Days since the last purchase. */
  daysSinceLastPurchase?: Maybe<Scalars['Int']['output']>;
  /** Days since the last web session; null without web activity. */
  daysSinceLastWebVisit?: Maybe<Scalars['Int']['output']>;
  /** First purchase, online or in store (ISO-8601). */
  firstPurchaseAt?: Maybe<Scalars['String']['output']>;
  /** RFM frequency score, 1 to 5 (purchases in the last 12 months). */
  frequencyScore?: Maybe<Scalars['Int']['output']>;
  /** Latest NPS answer, 0 to 10; null when none or the survey tool could not be read. */
  lastNps?: Maybe<Scalars['Int']['output']>;
  /** Last purchase, online or in store (ISO-8601). */
  lastPurchaseAt?: Maybe<Scalars['String']['output']>;
  /** RFM monetary score, 1 to 5 (spend in the last 12 months). */
  monetaryScore?: Maybe<Scalars['Int']['output']>;
  /** Web-shop orders, all time. */
  onlineOrderCount: Scalars['Int']['output'];
  /** Help-desk tickets not solved or closed; null when the help desk could not be read. */
  openSupportTickets?: Maybe<Scalars['Int']['output']>;
  /** Purchases online and in store, all time (cancelled and refunded orders left out). */
  orderCount: Scalars['Int']['output'];
  /** Purchases per month between the first purchase and now. */
  purchasesPerMonth?: Maybe<Scalars['Float']['output']>;
  /** RFM recency score, 1 (long ago) to 5 (recent). */
  recencyScore?: Maybe<Scalars['Int']['output']>;
  /** All-time spend per currency, as paid. */
  spentByCurrency: Array<Money>;
  /** Spend over the last 12 months in the reporting currency. */
  spentLast12Months: Money;
  /** In-store receipts with a loyalty card, all time. */
  storePurchaseCount: Scalars['Int']['output'];
  /** All-time spend in the reporting currency. */
  totalSpent: Money;
};

/** A golden postal address, with its lineage, the decision and all candidate values. */
export type GoldenAddress = {
  __typename?: 'GoldenAddress';
  /** Every address the sources hold, one entry per record, golden value first. */
  candidates: Array<AddressCandidate>;
  /** The strategy of the rule that decided. */
  decidedBy: SurvivorshipDecision;
  /** Where the golden value comes from. */
  lineage: Lineage;
  /** The golden address. */
  value?: Maybe<PostalAddress>;
};

/** A golden attribute that survivorship rules decide. */
export type GoldenAttribute =
  /** The date of birth. */
  | 'BIRTH_DATE'
  /** The company the person works for. */
  | 'COMPANY'
  /** The best email address. */
  | 'EMAIL'
  /** The preferred language or locale. */
  | 'LANGUAGE'
  /** The person's full name (given and family name from one record). */
  | 'NAME'
  /** The best phone number. */
  | 'PHONE'
  /** The postal address (street, city, postcode and country from one record). */
  | 'POSTAL_ADDRESS';

/** The golden record of a customer: one best value per attribute, with lineage. */
export type GoldenProfile = {
  __typename?: 'GoldenProfile';
  /** Best birth date (ISO-8601 date). Null while no source holds one. */
  birthDate?: Maybe<GoldenString>;
  /** Best company name (B2B contacts). */
  company?: Maybe<GoldenString>;
  /** Best email address (normalised: trimmed, lower case). */
  email?: Maybe<GoldenString>;
  /** Every email address held for the customer, normalised and deduplicated, the golden one first and marked best. */
  emails: Array<ContactPoint>;
  /** Best language (BCP 47, e.g. fr or en-GB). */
  language?: Maybe<GoldenString>;
  /** Best full name. */
  name?: Maybe<GoldenString>;
  /** Best phone number (E.164 where it could be read, else as typed). */
  phone?: Maybe<GoldenString>;
  /** Every phone number held for the customer, normalised and deduplicated, the golden one first and marked best. */
  phones: Array<ContactPoint>;
  /** Best postal address. */
  postalAddress?: Maybe<GoldenAddress>;
};

/** A golden text value, with its lineage, the decision and all candidate values. */
export type GoldenString = {
  __typename?: 'GoldenString';
  /** Every value the sources hold for the attribute, one entry per record, golden value first: conflicts show here. */
  candidates: Array<StringCandidate>;
  /** The strategy of the rule that decided. */
  decidedBy: SurvivorshipDecision;
  /** Where the golden value comes from. */
  lineage: Lineage;
  /** The golden value. */
  value?: Maybe<Scalars['String']['output']>;
};

/** A person known to the help desk: someone who wrote, chatted or called. */
export type HelpDeskUser = {
  __typename?: 'HelpDeskUser';
  /** Email the person wrote from. */
  email?: Maybe<Scalars['String']['output']>;
  /** The user's id in the help desk. */
  id: Scalars['ID']['output'];
  /** The person's language and region as the help desk holds it (BCP 47, e.g. fr or en-GB). */
  locale?: Maybe<Scalars['String']['output']>;
  /** Name as the help desk holds it. */
  name?: Maybe<Scalars['String']['output']>;
  /** Phone number, as the agent typed it or as the telephony reported it. */
  phone?: Maybe<Scalars['String']['output']>;
  /** When the help desk last changed this user (ISO-8601). */
  updatedAt: Scalars['String']['output'];
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

/** Where a value comes from: the source system, the record, and when the source last changed the record. */
export type Lineage = {
  __typename?: 'Lineage';
  /** The record's id in that system. */
  localId: Scalars['ID']['output'];
  /** Source system, e.g. crm. */
  system: Scalars['String']['output'];
  /** When the source last changed the record (ISO-8601); null when the source does not say. */
  updatedAt?: Maybe<Scalars['String']['output']>;
};

/** A loyalty card and the member it was issued to, as the loyalty programme's member export holds them. */
export type LoyaltyCard = {
  __typename?: 'LoyaltyCard';
  /** Card number in upper case without spaces or dashes. */
  cardNumber: Scalars['ID']['output'];
  /** ISO 3166-1 alpha-2 country of the member's address. */
  country?: Maybe<Scalars['String']['output']>;
  /** Member's email as enrolled. */
  email?: Maybe<Scalars['String']['output']>;
  /** Member's first name as enrolled. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** Member's last name as enrolled. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** Member's phone as typed at enrolment. */
  phone?: Maybe<Scalars['String']['output']>;
  /** When the loyalty programme last changed the member's row (ISO-8601, UTC). */
  updatedAt: Scalars['String']['output'];
};

/** An amount of money: a decimal string, never a float, and its currency. */
export type Money = {
  __typename?: 'Money';
  /** Decimal amount, e.g. 129.90. */
  amount: Scalars['String']['output'];
  /** ISO 4217 currency code, e.g. EUR. */
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Defines a new segment. Needs the admin scope. The rule is validated against
   * segmentFields: BAD_USER_INPUT names the place in the rule (e.g. rule.all.1.value).
   */
  defineSegment: Segment;
  /** Deletes a segment (recorded as a version). Needs the admin scope. Returns true when it existed. */
  deleteSegment: Scalars['Boolean']['output'];
  /**
   * Puts a new survivorship rule in force for one attribute, at once, for every
   * process. Needs the admin scope. The previous version is kept in the history.
   * Invalid rules fail with BAD_USER_INPUT naming the offending part.
   */
  setSurvivorshipRule: SurvivorshipRule;
  /** Changes a segment's description or rule (a new version). Needs the admin scope. */
  updateSegment: Segment;
};


export type MutationDefineSegmentArgs = {
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  rule: Scalars['JSON']['input'];
};


export type MutationDeleteSegmentArgs = {
  name: Scalars['String']['input'];
};


export type MutationSetSurvivorshipRuleArgs = {
  attribute: GoldenAttribute;
  rule: SurvivorshipRuleInput;
};


export type MutationUpdateSegmentArgs = {
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  rule?: InputMaybe<Scalars['JSON']['input']>;
};

/** A Net Promoter Score answer (surveys subgraph). */
export type NpsAnswer = {
  __typename?: 'NpsAnswer';
  /** The score given, 0 to 10. */
  score: Scalars['Int']['output'];
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

/** Pagination state of a connection. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of this page, null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
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
  /** One segment definition by name; null when there is none. */
  segment?: Maybe<Segment>;
  /** The fields segment rules may use, with their types. */
  segmentFields: Array<SegmentField>;
  /**
   * What a rule would select if it were saved as a segment: its size and a
   * sample of its members, for an editor to show before defineSegment. The rule
   * is validated like defineSegment's (BAD_USER_INPUT names the place in the
   * rule, e.g. rule.all.1.value). Needs the customer:read scope.
   */
  segmentPreview: SegmentPreview;
  /** Every segment definition in force, by name. */
  segments: Array<Segment>;
  /** The survivorship rule in force for every golden attribute. */
  survivorshipRules: Array<SurvivorshipRule>;
};


export type QuerySegmentArgs = {
  name: Scalars['String']['input'];
};


export type QuerySegmentPreviewArgs = {
  rule: Scalars['JSON']['input'];
  sample?: InputMaybe<Scalars['Int']['input']>;
};

/** A segment definition: a rule over profile fields, KPIs and contactability. */
export type Segment = {
  __typename?: 'Segment';
  /** When the last change was made (ISO-8601). */
  changedAt: Scalars['String']['output'];
  /** The client that made the last change. */
  changedBy: Scalars['String']['output'];
  /** What the segment is for. */
  description?: Maybe<Scalars['String']['output']>;
  /**
   * The customers in the segment now, in customer id order, a page at a time:
   * pass pageInfo.endCursor as `after` for the next page. Needs the customer:read scope.
   */
  members: SegmentMemberConnection;
  /** The segment's unique name. */
  name: Scalars['String']['output'];
  /**
   * The rule, in the JSON rule language: { "all" | "any": [conditions] },
   * { "not": condition } or { "field", "op", "value" }, over the fields listed in
   * segmentFields.
   */
  rule: Scalars['JSON']['output'];
  /**
   * How many customers are in the segment now. Evaluated in bulk over every
   * customer of the identity graph (erased customers are gone from it) with each
   * source read thousands of customers at a time; see docs/segments.md. Needs the
   * customer:read scope.
   */
  size: Scalars['Int']['output'];
  /** Version of the definition: 1 when defined, then one more per change. */
  version: Scalars['Int']['output'];
};


/** A segment definition: a rule over profile fields, KPIs and contactability. */
export type SegmentMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  channel?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  purpose?: InputMaybe<Scalars['String']['input']>;
};

/** A field segment rules may use. */
export type SegmentField = {
  __typename?: 'SegmentField';
  /** What it means. */
  description: Scalars['String']['output'];
  /** The field's name in rules, e.g. kpi.spentLast12Months. */
  name: Scalars['String']['output'];
  /** number, string or boolean. */
  type: Scalars['String']['output'];
};

/** A page of a segment's members. */
export type SegmentMemberConnection = {
  __typename?: 'SegmentMemberConnection';
  /** The members of this page, in customer id order. */
  edges: Array<SegmentMemberEdge>;
  /** Where this page ends and whether more members follow. */
  pageInfo: PageInfo;
};

/** One member of a segment. */
export type SegmentMemberEdge = {
  __typename?: 'SegmentMemberEdge';
  /**
   * The golden contact point on the channel asked (an email, a phone number or a
   * postal address on one line); null when no channel was asked.
   */
  contact?: Maybe<Scalars['String']['output']>;
  /** Cursor of this member: pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The customer (any Customer field may be selected). */
  node: Customer;
};

/** A segment the customer is in. */
export type SegmentMembership = {
  __typename?: 'SegmentMembership';
  /** The segment's description. */
  description?: Maybe<Scalars['String']['output']>;
  /** The segment's name. */
  name: Scalars['String']['output'];
  /** The version of the segment definition the customer was evaluated against. */
  version: Scalars['Int']['output'];
};

/** What an unsaved segment rule would select now. */
export type SegmentPreview = {
  __typename?: 'SegmentPreview';
  /** The first members, in customer id order (at most `sample`). */
  members: Array<Customer>;
  /** How many customers the rule selects. */
  size: Scalars['Int']['output'];
};

/** A customer account in the web shop. */
export type ShopAccount = {
  __typename?: 'ShopAccount';
  /** The account's id in the shop. */
  accountId: Scalars['ID']['output'];
  /** ISO 3166-1 alpha-2 country of the account, e.g. FR. */
  country?: Maybe<Scalars['String']['output']>;
  /** Email the account signs in with, as the customer typed it. */
  email?: Maybe<Scalars['String']['output']>;
  /** First name given at sign-up. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** Last name given at sign-up. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** Phone number given at checkout, as typed. */
  phone?: Maybe<Scalars['String']['output']>;
  /** When the account was last changed (ISO-8601). */
  updatedAt: Scalars['String']['output'];
};

/** A value a source record holds for an attribute. */
export type StringCandidate = {
  __typename?: 'StringCandidate';
  /** The record holding it. */
  lineage: Lineage;
  /** The value as normalised for comparison. */
  value?: Maybe<Scalars['String']['output']>;
};

/** What decided a golden value. */
export type SurvivorshipDecision =
  /** The most complete value (an address with a postcode beats one without). */
  | 'MOST_COMPLETE'
  /** The value held by most records. */
  | 'MOST_FREQUENT'
  /** The most recently updated record. */
  | 'MOST_RECENT'
  /** The source ranked highest by the rule's sourcePriority. */
  | 'SOURCE_PRIORITY'
  /** No strategy of the rule decided: the most recently updated record won. */
  | 'TIE_BREAK'
  /** Every source holding the attribute agrees. */
  | 'UNANIMOUS';

/** The survivorship rule of one golden attribute, as in force. */
export type SurvivorshipRule = {
  __typename?: 'SurvivorshipRule';
  /** The attribute it decides. */
  attribute: GoldenAttribute;
  /** When the change was made (ISO-8601); null for the built-in default. */
  changedAt?: Maybe<Scalars['String']['output']>;
  /** The client that made the change; null for the built-in default. */
  changedBy?: Maybe<Scalars['String']['output']>;
  /** Every version of this attribute's rule, newest first (the built-in default is not listed). */
  history: Array<SurvivorshipRuleVersion>;
  /** Source systems best first, for SOURCE_PRIORITY. */
  sourcePriority: Array<Scalars['String']['output']>;
  /** Strategies in order of precedence: later ones break the ties of earlier ones. */
  strategies: Array<SurvivorshipStrategy>;
  /** Version of this attribute's rule: 0 for the built-in default, then 1, 2 … per change. */
  version: Scalars['Int']['output'];
};

/** A survivorship rule to put in force. */
export type SurvivorshipRuleInput = {
  /** Source systems best first (e.g. crm, commerce, stores, support); required with SOURCE_PRIORITY. */
  sourcePriority?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Strategies in order of precedence, at least one, each once. */
  strategies: Array<SurvivorshipStrategy>;
};

/** One stored version of a survivorship rule. */
export type SurvivorshipRuleVersion = {
  __typename?: 'SurvivorshipRuleVersion';
  /** When the change was made (ISO-8601). */
  changedAt: Scalars['String']['output'];
  /** The client that made the change. */
  changedBy: Scalars['String']['output'];
  /** Source systems best first. */
  sourcePriority: Array<Scalars['String']['output']>;
  /** Strategies in order of precedence. */
  strategies: Array<SurvivorshipStrategy>;
  /** The version number, from 1. */
  version: Scalars['Int']['output'];
};

/** A survivorship strategy: each narrows the candidates to the ones it prefers. */
export type SurvivorshipStrategy =
  /** Prefer the most complete values. */
  | 'MOST_COMPLETE'
  /** Prefer the value held by most records. */
  | 'MOST_FREQUENT'
  /** Prefer the most recently updated records. */
  | 'MOST_RECENT'
  /** Prefer the sources listed first in sourcePriority. */
  | 'SOURCE_PRIORITY';

/** A website session (web subgraph). */
export type WebSession = {
  __typename?: 'WebSession';
  /** The session's id in web analytics. */
  sessionId: Scalars['ID']['output'];
  /** When the session's first event happened (ISO-8601). */
  startedAt: Scalars['String']['output'];
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
  AddressCandidate: ResolverTypeWrapper<AddressCandidate>;
  ChannelContactability: ResolverTypeWrapper<ChannelContactabilityModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ConsentChannel: ConsentChannel;
  ConsentPurpose: ConsentPurpose;
  ConsentState: ResolverTypeWrapper<ConsentState>;
  ContactPoint: ResolverTypeWrapper<ContactPoint>;
  ContactabilityReason: ContactabilityReason;
  CrmContact: ResolverTypeWrapper<CrmContact>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Customer: ResolverTypeWrapper<CustomerModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CustomerKpis: ResolverTypeWrapper<CustomerKpisModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GoldenAddress: ResolverTypeWrapper<GoldenAddress>;
  GoldenAttribute: GoldenAttribute;
  GoldenProfile: ResolverTypeWrapper<GoldenProfileModel>;
  GoldenString: ResolverTypeWrapper<GoldenString>;
  HelpDeskUser: ResolverTypeWrapper<HelpDeskUser>;
  InStorePurchase: ResolverTypeWrapper<InStorePurchase>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Lineage: ResolverTypeWrapper<Lineage>;
  LoyaltyCard: ResolverTypeWrapper<LoyaltyCard>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<{}>;
  NpsAnswer: ResolverTypeWrapper<NpsAnswer>;
  OnlinePurchase: ResolverTypeWrapper<OnlinePurchase>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PostalAddress: ResolverTypeWrapper<PostalAddress>;
  Query: ResolverTypeWrapper<{}>;
  Segment: ResolverTypeWrapper<SegmentModel>;
  SegmentField: ResolverTypeWrapper<SegmentField>;
  SegmentMemberConnection: ResolverTypeWrapper<Omit<SegmentMemberConnection, 'edges'> & { edges: Array<ResolversTypes['SegmentMemberEdge']> }>;
  SegmentMemberEdge: ResolverTypeWrapper<Omit<SegmentMemberEdge, 'node'> & { node: ResolversTypes['Customer'] }>;
  SegmentMembership: ResolverTypeWrapper<SegmentMembership>;
  SegmentPreview: ResolverTypeWrapper<Omit<SegmentPreview, 'members'> & { members: Array<ResolversTypes['Customer']> }>;
  ShopAccount: ResolverTypeWrapper<ShopAccount>;
  StringCandidate: ResolverTypeWrapper<StringCandidate>;
  SurvivorshipDecision: SurvivorshipDecision;
  SurvivorshipRule: ResolverTypeWrapper<SurvivorshipRuleModel>;
  SurvivorshipRuleInput: SurvivorshipRuleInput;
  SurvivorshipRuleVersion: ResolverTypeWrapper<SurvivorshipRuleVersionModel>;
  SurvivorshipStrategy: SurvivorshipStrategy;
  WebSession: ResolverTypeWrapper<WebSession>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AddressCandidate: AddressCandidate;
  ChannelContactability: ChannelContactabilityModel;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
  ConsentState: ConsentState;
  ContactPoint: ContactPoint;
  CrmContact: CrmContact;
  ID: Scalars['ID']['output'];
  Customer: CustomerModel;
  Int: Scalars['Int']['output'];
  CustomerKpis: CustomerKpisModel;
  Float: Scalars['Float']['output'];
  GoldenAddress: GoldenAddress;
  GoldenProfile: GoldenProfileModel;
  GoldenString: GoldenString;
  HelpDeskUser: HelpDeskUser;
  InStorePurchase: InStorePurchase;
  JSON: Scalars['JSON']['output'];
  Lineage: Lineage;
  LoyaltyCard: LoyaltyCard;
  Money: Money;
  Mutation: {};
  NpsAnswer: NpsAnswer;
  OnlinePurchase: OnlinePurchase;
  PageInfo: PageInfo;
  PostalAddress: PostalAddress;
  Query: {};
  Segment: SegmentModel;
  SegmentField: SegmentField;
  SegmentMemberConnection: Omit<SegmentMemberConnection, 'edges'> & { edges: Array<ResolversParentTypes['SegmentMemberEdge']> };
  SegmentMemberEdge: Omit<SegmentMemberEdge, 'node'> & { node: ResolversParentTypes['Customer'] };
  SegmentMembership: SegmentMembership;
  SegmentPreview: Omit<SegmentPreview, 'members'> & { members: Array<ResolversParentTypes['Customer']> };
  ShopAccount: ShopAccount;
  StringCandidate: StringCandidate;
  SurvivorshipRule: SurvivorshipRuleModel;
  SurvivorshipRuleInput: SurvivorshipRuleInput;
  SurvivorshipRuleVersion: SurvivorshipRuleVersionModel;
  WebSession: WebSession;
}>;

export type PiiDirectiveArgs = { };

export type PiiDirectiveResolver<Result, Parent, ContextType = ProfileContext, Args = PiiDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AddressCandidateResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['AddressCandidate'] = ResolversParentTypes['AddressCandidate']> = ResolversObject<{
  lineage?: Resolver<ResolversTypes['Lineage'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['PostalAddress']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ChannelContactabilityResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['ChannelContactability'] = ResolversParentTypes['ChannelContactability']> = ResolversObject<{
  channel?: Resolver<ResolversTypes['ConsentChannel'], ParentType, ContextType>;
  consentSince?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  contactable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['ContactabilityReason'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConsentStateResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['ConsentState'] = ResolversParentTypes['ConsentState']> = ResolversObject<{
  channel?: Resolver<ResolversTypes['ConsentChannel'], ParentType, ContextType>;
  granted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['ConsentPurpose'], ParentType, ContextType>;
  since?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ContactPointResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['ContactPoint'] = ResolversParentTypes['ContactPoint']> = ResolversObject<{
  best?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['Lineage']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CrmContactResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['CrmContact'] = ResolversParentTypes['CrmContact']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CrmContact']>, ParentType, ContextType>;


  contactId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;







  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CustomerResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;

  contactability?: Resolver<Maybe<Array<ResolversTypes['ChannelContactability']>>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"crmContacts":{"contactId":true,"firstName":true,"lastName":true,"personalEmail":true,"workEmail":true,"mobilePhone":true,"workPhone":true,"company":true,"address":{"street":true,"city":true,"postcode":true,"country":true},"updatedAt":true},"shopAccounts":{"accountId":true,"email":true,"firstName":true,"lastName":true,"phone":true,"country":true,"updatedAt":true},"loyaltyCards":{"cardNumber":true,"firstName":true,"lastName":true,"email":true,"phone":true,"country":true,"updatedAt":true},"helpDeskUsers":{"id":true,"name":true,"email":true,"phone":true,"locale":true,"updatedAt":true},"consents":{"purpose":true,"channel":true,"granted":true,"since":true}}>, ContextType>;


  id?: Resolver<ResolversTypes['ID'], { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;

  kpis?: Resolver<Maybe<ResolversTypes['CustomerKpis']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"onlinePurchases":{"reference":true,"purchasedAt":true,"total":{"amount":true,"currency":true}},"inStorePurchases":{"reference":true,"purchasedAt":true,"total":{"amount":true,"currency":true}},"openSupportTicketCount":true,"latestNps":{"score":true},"lastWebSession":{"startedAt":true}}>, ContextType>;





  profile?: Resolver<Maybe<ResolversTypes['GoldenProfile']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"crmContacts":{"contactId":true,"firstName":true,"lastName":true,"personalEmail":true,"workEmail":true,"mobilePhone":true,"workPhone":true,"company":true,"address":{"street":true,"city":true,"postcode":true,"country":true},"updatedAt":true},"shopAccounts":{"accountId":true,"email":true,"firstName":true,"lastName":true,"phone":true,"country":true,"updatedAt":true},"loyaltyCards":{"cardNumber":true,"firstName":true,"lastName":true,"email":true,"phone":true,"country":true,"updatedAt":true},"helpDeskUsers":{"id":true,"name":true,"email":true,"phone":true,"locale":true,"updatedAt":true}}>, ContextType>;
  segments?: Resolver<Maybe<Array<ResolversTypes['SegmentMembership']>>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"crmContacts":{"contactId":true,"firstName":true,"lastName":true,"personalEmail":true,"workEmail":true,"mobilePhone":true,"workPhone":true,"company":true,"address":{"street":true,"city":true,"postcode":true,"country":true},"updatedAt":true},"shopAccounts":{"accountId":true,"email":true,"firstName":true,"lastName":true,"phone":true,"country":true,"updatedAt":true},"loyaltyCards":{"cardNumber":true,"firstName":true,"lastName":true,"email":true,"phone":true,"country":true,"updatedAt":true},"helpDeskUsers":{"id":true,"name":true,"email":true,"phone":true,"locale":true,"updatedAt":true},"onlinePurchases":{"reference":true,"purchasedAt":true,"total":{"amount":true,"currency":true}},"inStorePurchases":{"reference":true,"purchasedAt":true,"total":{"amount":true,"currency":true}},"openSupportTicketCount":true,"latestNps":{"score":true},"lastWebSession":{"startedAt":true},"consents":{"purpose":true,"channel":true,"granted":true,"since":true}}>, ContextType>;

  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CustomerKpisResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['CustomerKpis'] = ResolversParentTypes['CustomerKpis']> = ResolversObject<{
  averageBasket?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  daysSinceLastPurchase?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  daysSinceLastWebVisit?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  firstPurchaseAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  frequencyScore?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  lastNps?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  lastPurchaseAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  monetaryScore?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  onlineOrderCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  openSupportTickets?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  orderCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  purchasesPerMonth?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  recencyScore?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  spentByCurrency?: Resolver<Array<ResolversTypes['Money']>, ParentType, ContextType>;
  spentLast12Months?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  storePurchaseCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalSpent?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type GoldenAddressResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['GoldenAddress'] = ResolversParentTypes['GoldenAddress']> = ResolversObject<{
  candidates?: Resolver<Array<ResolversTypes['AddressCandidate']>, ParentType, ContextType>;
  decidedBy?: Resolver<ResolversTypes['SurvivorshipDecision'], ParentType, ContextType>;
  lineage?: Resolver<ResolversTypes['Lineage'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['PostalAddress']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type GoldenProfileResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['GoldenProfile'] = ResolversParentTypes['GoldenProfile']> = ResolversObject<{
  birthDate?: Resolver<Maybe<ResolversTypes['GoldenString']>, ParentType, ContextType>;
  company?: Resolver<Maybe<ResolversTypes['GoldenString']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['GoldenString']>, ParentType, ContextType>;
  emails?: Resolver<Array<ResolversTypes['ContactPoint']>, ParentType, ContextType>;
  language?: Resolver<Maybe<ResolversTypes['GoldenString']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['GoldenString']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['GoldenString']>, ParentType, ContextType>;
  phones?: Resolver<Array<ResolversTypes['ContactPoint']>, ParentType, ContextType>;
  postalAddress?: Resolver<Maybe<ResolversTypes['GoldenAddress']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type GoldenStringResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['GoldenString'] = ResolversParentTypes['GoldenString']> = ResolversObject<{
  candidates?: Resolver<Array<ResolversTypes['StringCandidate']>, ParentType, ContextType>;
  decidedBy?: Resolver<ResolversTypes['SurvivorshipDecision'], ParentType, ContextType>;
  lineage?: Resolver<ResolversTypes['Lineage'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type HelpDeskUserResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['HelpDeskUser'] = ResolversParentTypes['HelpDeskUser']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['HelpDeskUser']>, ParentType, ContextType>;

  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;




  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type InStorePurchaseResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['InStorePurchase'] = ResolversParentTypes['InStorePurchase']> = ResolversObject<{
  purchasedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LineageResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['Lineage'] = ResolversParentTypes['Lineage']> = ResolversObject<{
  localId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  system?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type LoyaltyCardResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['LoyaltyCard'] = ResolversParentTypes['LoyaltyCard']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LoyaltyCard']>, ParentType, ContextType>;
  cardNumber?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;






  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  defineSegment?: Resolver<ResolversTypes['Segment'], ParentType, ContextType, RequireFields<MutationDefineSegmentArgs, 'name' | 'rule'>>;
  deleteSegment?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteSegmentArgs, 'name'>>;
  setSurvivorshipRule?: Resolver<ResolversTypes['SurvivorshipRule'], ParentType, ContextType, RequireFields<MutationSetSurvivorshipRuleArgs, 'attribute' | 'rule'>>;
  updateSegment?: Resolver<ResolversTypes['Segment'], ParentType, ContextType, RequireFields<MutationUpdateSegmentArgs, 'name'>>;
}>;

export type NpsAnswerResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['NpsAnswer'] = ResolversParentTypes['NpsAnswer']> = ResolversObject<{
  score?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type OnlinePurchaseResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['OnlinePurchase'] = ResolversParentTypes['OnlinePurchase']> = ResolversObject<{
  purchasedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PostalAddressResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['PostalAddress'] = ResolversParentTypes['PostalAddress']> = ResolversObject<{
  city?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postcode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  street?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  segment?: Resolver<Maybe<ResolversTypes['Segment']>, ParentType, ContextType, RequireFields<QuerySegmentArgs, 'name'>>;
  segmentFields?: Resolver<Array<ResolversTypes['SegmentField']>, ParentType, ContextType>;
  segmentPreview?: Resolver<ResolversTypes['SegmentPreview'], ParentType, ContextType, RequireFields<QuerySegmentPreviewArgs, 'rule' | 'sample'>>;
  segments?: Resolver<Array<ResolversTypes['Segment']>, ParentType, ContextType>;
  survivorshipRules?: Resolver<Array<ResolversTypes['SurvivorshipRule']>, ParentType, ContextType>;
}>;

export type SegmentResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['Segment'] = ResolversParentTypes['Segment']> = ResolversObject<{
  changedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  changedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  members?: Resolver<ResolversTypes['SegmentMemberConnection'], ParentType, ContextType, RequireFields<SegmentMembersArgs, 'first' | 'purpose'>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SegmentFieldResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['SegmentField'] = ResolversParentTypes['SegmentField']> = ResolversObject<{
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SegmentMemberConnectionResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['SegmentMemberConnection'] = ResolversParentTypes['SegmentMemberConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['SegmentMemberEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SegmentMemberEdgeResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['SegmentMemberEdge'] = ResolversParentTypes['SegmentMemberEdge']> = ResolversObject<{
  contact?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Customer'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SegmentMembershipResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['SegmentMembership'] = ResolversParentTypes['SegmentMembership']> = ResolversObject<{
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SegmentPreviewResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['SegmentPreview'] = ResolversParentTypes['SegmentPreview']> = ResolversObject<{
  members?: Resolver<Array<ResolversTypes['Customer']>, ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ShopAccountResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['ShopAccount'] = ResolversParentTypes['ShopAccount']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ShopAccount']>, ParentType, ContextType>;
  accountId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;






  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type StringCandidateResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['StringCandidate'] = ResolversParentTypes['StringCandidate']> = ResolversObject<{
  lineage?: Resolver<ResolversTypes['Lineage'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SurvivorshipRuleResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['SurvivorshipRule'] = ResolversParentTypes['SurvivorshipRule']> = ResolversObject<{
  attribute?: Resolver<ResolversTypes['GoldenAttribute'], ParentType, ContextType>;
  changedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  changedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['SurvivorshipRuleVersion']>, ParentType, ContextType>;
  sourcePriority?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  strategies?: Resolver<Array<ResolversTypes['SurvivorshipStrategy']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SurvivorshipRuleVersionResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['SurvivorshipRuleVersion'] = ResolversParentTypes['SurvivorshipRuleVersion']> = ResolversObject<{
  changedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  changedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sourcePriority?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  strategies?: Resolver<Array<ResolversTypes['SurvivorshipStrategy']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type WebSessionResolvers<ContextType = ProfileContext, ParentType extends ResolversParentTypes['WebSession'] = ResolversParentTypes['WebSession']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['WebSession']>, ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;

  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = ProfileContext> = ResolversObject<{
  AddressCandidate?: AddressCandidateResolvers<ContextType>;
  ChannelContactability?: ChannelContactabilityResolvers<ContextType>;
  ConsentState?: ConsentStateResolvers<ContextType>;
  ContactPoint?: ContactPointResolvers<ContextType>;
  CrmContact?: CrmContactResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  CustomerKpis?: CustomerKpisResolvers<ContextType>;
  GoldenAddress?: GoldenAddressResolvers<ContextType>;
  GoldenProfile?: GoldenProfileResolvers<ContextType>;
  GoldenString?: GoldenStringResolvers<ContextType>;
  HelpDeskUser?: HelpDeskUserResolvers<ContextType>;
  InStorePurchase?: InStorePurchaseResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Lineage?: LineageResolvers<ContextType>;
  LoyaltyCard?: LoyaltyCardResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  NpsAnswer?: NpsAnswerResolvers<ContextType>;
  OnlinePurchase?: OnlinePurchaseResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PostalAddress?: PostalAddressResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Segment?: SegmentResolvers<ContextType>;
  SegmentField?: SegmentFieldResolvers<ContextType>;
  SegmentMemberConnection?: SegmentMemberConnectionResolvers<ContextType>;
  SegmentMemberEdge?: SegmentMemberEdgeResolvers<ContextType>;
  SegmentMembership?: SegmentMembershipResolvers<ContextType>;
  SegmentPreview?: SegmentPreviewResolvers<ContextType>;
  ShopAccount?: ShopAccountResolvers<ContextType>;
  StringCandidate?: StringCandidateResolvers<ContextType>;
  SurvivorshipRule?: SurvivorshipRuleResolvers<ContextType>;
  SurvivorshipRuleVersion?: SurvivorshipRuleVersionResolvers<ContextType>;
  WebSession?: WebSessionResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = ProfileContext> = ResolversObject<{
  pii?: PiiDirectiveResolver<any, any, ContextType>;
}>;
