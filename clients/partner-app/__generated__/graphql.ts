/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** Any JSON value. */
  JSON: { input: any; output: any; }
  join__FieldSet: { input: any; output: any; }
  link__Import: { input: any; output: any; }
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

/** Whether a consent event gives or takes back the consent. */
export type ConsentStatus =
  /** The person gave their consent. */
  | 'GRANTED'
  /** The person withdrew their consent. */
  | 'WITHDRAWN';

/** The subject of a consent: give an id, identifiers, or both (to attach new identifiers to a known subject). */
export type ConsentSubjectInput = {
  /** The id of an existing consent subject. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Contact identifiers the consent was given with (up to 5), normalised before use. */
  identifiers?: InputMaybe<Array<ConsentIdentifierInput>>;
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

/** Where an erasure job stands. */
export type ErasureJobStatus =
  /** Every task is done. */
  | 'DONE'
  /** Some task is not done yet. */
  | 'OPEN';

/** Where one task of an erasure job stands. */
export type ErasureTaskStatus =
  /** Done. */
  | 'DONE'
  /** Tried and failed; retried at nextAttemptAt. */
  | 'FAILED'
  /** Not tried yet, or waiting for the tasks it follows. */
  | 'PENDING';

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

/** Net Promoter Score category of a score. */
export type NpsCategory =
  /** Scored 0 to 6. */
  | 'DETRACTOR'
  /** Scored 7 or 8. */
  | 'PASSIVE'
  /** Scored 9 or 10. */
  | 'PROMOTER';

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

/** What a survey measures. */
export type SurveyKind =
  /** Customer satisfaction after a purchase (CSAT). */
  | 'CUSTOMER_SATISFACTION'
  /** Net Promoter Score: how likely the customer is to recommend the company. */
  | 'NET_PROMOTER_SCORE'
  /** Any other survey. */
  | 'OTHER'
  /** Opinions on products and the product range. */
  | 'PRODUCT_FEEDBACK'
  /** Satisfaction with a help-desk interaction. */
  | 'SUPPORT_FOLLOW_UP';

/** What kind of question a survey question is. */
export type SurveyQuestionType =
  /** Customer satisfaction on a five-point scale, 1 (very dissatisfied) to 5 (very satisfied). */
  | 'CSAT'
  /** A free-text comment. */
  | 'FREE_TEXT'
  /** Net Promoter Score: how likely to recommend, 0 to 10. */
  | 'NPS'
  /** Any other kind (numbers, dates, …): its raw value is in textAnswer. */
  | 'OTHER'
  /** One option chosen from a list. */
  | 'SINGLE_CHOICE';

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

/** A survivorship rule to put in force. */
export type SurvivorshipRuleInput = {
  /** Source systems best first (e.g. crm, commerce, stores, support); required with SOURCE_PRIORITY. */
  sourcePriority?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Strategies in order of precedence, at least one, each once. */
  strategies: Array<SurvivorshipStrategy>;
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

/** What a visitor did with their cart. */
export type WebCartAction =
  /** A product was added to the cart. */
  | 'ADD_TO_CART'
  /** The visitor started checking out the cart. */
  | 'CHECKOUT_STARTED'
  /** A product was taken out of the cart. */
  | 'REMOVE_FROM_CART';

export type Join__Graph =
  | 'COMMERCE'
  | 'CONSENT'
  | 'CRM'
  | 'IDENTITY'
  | 'PRIVACY'
  | 'PROFILE'
  | 'STORES'
  | 'SUPPORT'
  | 'SURVEYS'
  | 'WEB';

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

export type PartnerCustomerByLoyaltyCardQueryVariables = Exact<{
  card: Scalars['String']['input'];
}>;


export type PartnerCustomerByLoyaltyCardQuery = { __typename?: 'Query', customerByIdentifier?: { __typename?: 'Customer', id: string, anonymous: boolean } | null };

export type PartnerRecentOrdersQueryVariables = Exact<{
  customerId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type PartnerRecentOrdersQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, shopAccounts?: Array<{ __typename?: 'ShopAccount', accountId: string, orders: { __typename?: 'OrderConnection', totalCount: number, edges: Array<{ __typename?: 'OrderEdge', node: { __typename?: 'Order', orderNumber: string, status: string, placedAt: string, total: { __typename?: 'Money', amount: string, currency: string } } }> } }> | null } | null };


export const PartnerCustomerByLoyaltyCardDocument = {"__meta__":{"hash":"38754c585123d07e79c0b95ae8c13299bfc62cbf0ed40ea57059b6aede44ad27"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerCustomerByLoyaltyCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"card"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerByIdentifier"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"LOYALTY_CARD"}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"card"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"anonymous"}}]}}]}}]} as unknown as DocumentNode<PartnerCustomerByLoyaltyCardQuery, PartnerCustomerByLoyaltyCardQueryVariables>;
export const PartnerRecentOrdersDocument = {"__meta__":{"hash":"3b77a0ef16a16b525a0c97691daa09e5b68a14aead9c3380c69be5a4cac5e70c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerRecentOrders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"shopAccounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"placedAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PartnerRecentOrdersQuery, PartnerRecentOrdersQueryVariables>;