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

export type SearchByIdentifierQueryVariables = Exact<{
  kind: IdentifierKind;
  value: Scalars['String']['input'];
}>;


export type SearchByIdentifierQuery = { __typename?: 'Query', normalizedIdentifier: { __typename?: 'Identifier', kind: IdentifierKind, value?: string | null }, customerByIdentifier?: { __typename?: 'Customer', id: string, anonymous: boolean, sourceRecords: Array<{ __typename?: 'SourceRecord', system: string, localId: string }>, profile?: { __typename?: 'GoldenProfile', name?: { __typename?: 'GoldenString', value?: string | null } | null } | null } | null };

export type SearchByIdentifierMaskedQueryVariables = Exact<{
  kind: IdentifierKind;
  value: Scalars['String']['input'];
}>;


export type SearchByIdentifierMaskedQuery = { __typename?: 'Query', customerByIdentifier?: { __typename?: 'Customer', id: string, anonymous: boolean, sourceRecords: Array<{ __typename?: 'SourceRecord', system: string, localId: string }>, profile?: { __typename?: 'GoldenProfile', name?: { __typename?: 'GoldenString', decidedBy: SurvivorshipDecision } | null } | null } | null };

export type SearchBySourceRecordQueryVariables = Exact<{
  system: Scalars['String']['input'];
  localId: Scalars['ID']['input'];
}>;


export type SearchBySourceRecordQuery = { __typename?: 'Query', customerBySourceRecord?: { __typename?: 'Customer', id: string, anonymous: boolean, sourceRecords: Array<{ __typename?: 'SourceRecord', system: string, localId: string }> } | null };

export type SearchBatchQueryVariables = Exact<{
  identifiers: Array<IdentifierInput> | IdentifierInput;
}>;


export type SearchBatchQuery = { __typename?: 'Query', customersByIdentifiers: Array<{ __typename?: 'Customer', id: string, sourceRecords: Array<{ __typename?: 'SourceRecord', system: string, localId: string }>, profile?: { __typename?: 'GoldenProfile', name?: { __typename?: 'GoldenString', value?: string | null } | null } | null } | null> };

export type SearchBatchMaskedQueryVariables = Exact<{
  identifiers: Array<IdentifierInput> | IdentifierInput;
}>;


export type SearchBatchMaskedQuery = { __typename?: 'Query', customersByIdentifiers: Array<{ __typename?: 'Customer', id: string, sourceRecords: Array<{ __typename?: 'SourceRecord', system: string, localId: string }> } | null> };

export type GoldenProfileQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type GoldenProfileQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, anonymous: boolean, sourceRecords: Array<{ __typename?: 'SourceRecord', system: string, localId: string }>, identifiers: Array<{ __typename?: 'Identifier', kind: IdentifierKind, value?: string | null }>, profile?: { __typename?: 'GoldenProfile', name?: { __typename?: 'GoldenString', value?: string | null, decidedBy: SurvivorshipDecision, lineage: { __typename?: 'Lineage', system: string, localId: string, updatedAt?: string | null }, candidates: Array<{ __typename?: 'StringCandidate', value?: string | null, lineage: { __typename?: 'Lineage', system: string, localId: string, updatedAt?: string | null } }> } | null, email?: { __typename?: 'GoldenString', value?: string | null, decidedBy: SurvivorshipDecision, lineage: { __typename?: 'Lineage', system: string, localId: string, updatedAt?: string | null }, candidates: Array<{ __typename?: 'StringCandidate', value?: string | null, lineage: { __typename?: 'Lineage', system: string, localId: string, updatedAt?: string | null } }> } | null, phone?: { __typename?: 'GoldenString', value?: string | null, decidedBy: SurvivorshipDecision, lineage: { __typename?: 'Lineage', system: string, localId: string, updatedAt?: string | null }, candidates: Array<{ __typename?: 'StringCandidate', value?: string | null, lineage: { __typename?: 'Lineage', system: string, localId: string, updatedAt?: string | null } }> } | null, postalAddress?: { __typename?: 'GoldenAddress', decidedBy: SurvivorshipDecision, value?: { __typename?: 'PostalAddress', street?: string | null, postcode?: string | null, city?: string | null, country?: string | null } | null, lineage: { __typename?: 'Lineage', system: string, localId: string, updatedAt?: string | null } } | null, birthDate?: { __typename?: 'GoldenString', value?: string | null, decidedBy: SurvivorshipDecision, lineage: { __typename?: 'Lineage', system: string, localId: string, updatedAt?: string | null } } | null, company?: { __typename?: 'GoldenString', value?: string | null, decidedBy: SurvivorshipDecision, lineage: { __typename?: 'Lineage', system: string, localId: string, updatedAt?: string | null } } | null } | null } | null };

export type GoldenProfileMaskedQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type GoldenProfileMaskedQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, anonymous: boolean, sourceRecords: Array<{ __typename?: 'SourceRecord', system: string, localId: string }>, identifiers: Array<{ __typename?: 'Identifier', kind: IdentifierKind }> } | null };

export type ConsentPanelQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConsentPanelQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, consents?: Array<{ __typename?: 'ConsentState', purpose: ConsentPurpose, channel: ConsentChannel, granted: boolean, since: string, source: string }> | null, contactability?: Array<{ __typename?: 'ChannelContactability', channel: ConsentChannel, contactable: boolean, reason: ContactabilityReason }> | null } | null };

export type KpiPanelQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type KpiPanelQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, kpis?: { __typename?: 'CustomerKpis', orderCount: number, onlineOrderCount: number, storePurchaseCount: number, lastPurchaseAt?: string | null, daysSinceLastPurchase?: number | null, recencyScore?: number | null, frequencyScore?: number | null, monetaryScore?: number | null, openSupportTickets?: number | null, lastNps?: number | null, totalSpent: { __typename?: 'Money', amount: string, currency: string }, spentLast12Months: { __typename?: 'Money', amount: string, currency: string }, averageBasket?: { __typename?: 'Money', amount: string, currency: string } | null } | null } | null };

export type SegmentPanelQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SegmentPanelQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, segments?: Array<{ __typename?: 'SegmentMembership', name: string, description?: string | null }> | null } | null };

export type OrdersPanelQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type OrdersPanelQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, shopAccounts?: Array<{ __typename?: 'ShopAccount', accountId: string, orders: { __typename?: 'OrderConnection', totalCount: number, edges: Array<{ __typename?: 'OrderEdge', node: { __typename?: 'Order', orderNumber: string, placedAt: string, status: string, total: { __typename?: 'Money', amount: string, currency: string } } }> } }> | null } | null };

export type StorePurchasesPanelQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type StorePurchasesPanelQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, storePurchases?: { __typename?: 'StorePurchaseConnection', totalCount: number, edges: Array<{ __typename?: 'StorePurchaseEdge', node: { __typename?: 'StorePurchase', receiptNumber: string, purchasedAt: string, store: { __typename?: 'Store', code: string, name?: string | null }, total: { __typename?: 'Money', amount: string, currency: string } } }> } | null } | null };

export type WebSessionsPanelQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WebSessionsPanelQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, webSessions?: { __typename?: 'WebSessionConnection', totalCount: number, edges: Array<{ __typename?: 'WebSessionEdge', node: { __typename?: 'WebSession', sessionId: string, startedAt: string, durationSeconds: number, pageViewCount: number, utmCampaign?: string | null, device: { __typename?: 'WebDevice', type?: string | null, browser?: string | null } } }> } | null } | null };

export type TicketsPanelQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TicketsPanelQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, supportTickets?: { __typename?: 'SupportTicketConnection', totalCount: number, edges: Array<{ __typename?: 'SupportTicketEdge', node: { __typename?: 'SupportTicket', id: string, subject?: string | null, status: SupportTicketStatus, channel: SupportChannel, createdAt: string } }> } | null } | null };

export type TicketsPanelMaskedQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TicketsPanelMaskedQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, supportTickets?: { __typename?: 'SupportTicketConnection', totalCount: number, edges: Array<{ __typename?: 'SupportTicketEdge', node: { __typename?: 'SupportTicket', id: string, status: SupportTicketStatus, channel: SupportChannel, createdAt: string } }> } | null } | null };

export type SurveysPanelQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SurveysPanelQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, latestNps?: { __typename?: 'NpsAnswer', score: number, category: NpsCategory, answeredAt: string } | null, averageCsat?: { __typename?: 'CsatAverage', average: number, answerCount: number } | null, surveyResponses?: { __typename?: 'SurveyResponseConnection', totalCount: number, edges: Array<{ __typename?: 'SurveyResponseEdge', node: { __typename?: 'SurveyResponse', responseId: string, completed: boolean, lastActivityAt: string } }> } | null } | null };

export type IdentityGraphQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type IdentityGraphQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, sourceRecords: Array<{ __typename?: 'SourceRecord', system: string, localId: string }>, identityLinks: Array<{ __typename?: 'IdentityLink', rule: string, confidence: number, source: string, at: string, actor?: string | null, reason?: string | null, from: { __typename?: 'SourceRecord', system: string, localId: string }, to: { __typename?: 'SourceRecord', system: string, localId: string }, identifier?: { __typename?: 'Identifier', kind: IdentifierKind, value?: string | null } | null, match?: { __typename?: 'MatchEvidence', score: number, probability: number, guards: Array<string>, comparisons: Array<{ __typename?: 'MatchComparison', comparison: string, level: string, weight: number }> } | null }> } | null };

export type IdentityGraphMaskedQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type IdentityGraphMaskedQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, sourceRecords: Array<{ __typename?: 'SourceRecord', system: string, localId: string }>, identityLinks: Array<{ __typename?: 'IdentityLink', rule: string, confidence: number, source: string, at: string, actor?: string | null, reason?: string | null, from: { __typename?: 'SourceRecord', system: string, localId: string }, to: { __typename?: 'SourceRecord', system: string, localId: string }, identifier?: { __typename?: 'Identifier', kind: IdentifierKind } | null, match?: { __typename?: 'MatchEvidence', score: number, probability: number, guards: Array<string>, comparisons: Array<{ __typename?: 'MatchComparison', comparison: string, level: string, weight: number }> } | null }> } | null };

export type UnlinkRecordMutationVariables = Exact<{
  system: Scalars['String']['input'];
  localId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type UnlinkRecordMutation = { __typename?: 'Mutation', unlinkRecord: { __typename?: 'Customer', id: string } };

export type MatchReviewQueueQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MatchReviewQueueQuery = { __typename?: 'Query', matchReviews: { __typename?: 'MatchReviewPage', totalCount: number, endCursor?: string | null, hasNextPage: boolean, reviews: Array<{ __typename?: 'MatchReview', id: string, createdAt: string, left: { __typename?: 'SourceRecord', system: string, localId: string }, right: { __typename?: 'SourceRecord', system: string, localId: string }, leftCustomer?: { __typename?: 'Customer', id: string } | null, rightCustomer?: { __typename?: 'Customer', id: string } | null, evidence: { __typename?: 'MatchEvidence', score: number, probability: number, guards: Array<string>, comparisons: Array<{ __typename?: 'MatchComparison', comparison: string, level: string, weight: number }> } }> } };

export type ReviewPairQueryVariables = Exact<{
  left: Scalars['ID']['input'];
  right: Scalars['ID']['input'];
}>;


export type ReviewPairQuery = { __typename?: 'Query', left?: { __typename?: 'Customer', id: string, sourceRecords: Array<{ __typename?: 'SourceRecord', system: string, localId: string }>, profile?: { __typename?: 'GoldenProfile', name?: { __typename?: 'GoldenString', value?: string | null } | null, email?: { __typename?: 'GoldenString', value?: string | null } | null, phone?: { __typename?: 'GoldenString', value?: string | null } | null, birthDate?: { __typename?: 'GoldenString', value?: string | null } | null, postalAddress?: { __typename?: 'GoldenAddress', value?: { __typename?: 'PostalAddress', street?: string | null, postcode?: string | null, city?: string | null, country?: string | null } | null } | null } | null } | null, right?: { __typename?: 'Customer', id: string, sourceRecords: Array<{ __typename?: 'SourceRecord', system: string, localId: string }>, profile?: { __typename?: 'GoldenProfile', name?: { __typename?: 'GoldenString', value?: string | null } | null, email?: { __typename?: 'GoldenString', value?: string | null } | null, phone?: { __typename?: 'GoldenString', value?: string | null } | null, birthDate?: { __typename?: 'GoldenString', value?: string | null } | null, postalAddress?: { __typename?: 'GoldenAddress', value?: { __typename?: 'PostalAddress', street?: string | null, postcode?: string | null, city?: string | null, country?: string | null } | null } | null } | null } | null };

export type ReviewSideFragment = { __typename?: 'Customer', id: string, sourceRecords: Array<{ __typename?: 'SourceRecord', system: string, localId: string }>, profile?: { __typename?: 'GoldenProfile', name?: { __typename?: 'GoldenString', value?: string | null } | null, email?: { __typename?: 'GoldenString', value?: string | null } | null, phone?: { __typename?: 'GoldenString', value?: string | null } | null, birthDate?: { __typename?: 'GoldenString', value?: string | null } | null, postalAddress?: { __typename?: 'GoldenAddress', value?: { __typename?: 'PostalAddress', street?: string | null, postcode?: string | null, city?: string | null, country?: string | null } | null } | null } | null };

export type AcceptMatchMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type AcceptMatchMutation = { __typename?: 'Mutation', acceptMatch: { __typename?: 'MatchDecision', review: { __typename?: 'MatchReview', id: string, status: MatchReviewStatus }, customer?: { __typename?: 'Customer', id: string } | null } };

export type RejectMatchMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type RejectMatchMutation = { __typename?: 'Mutation', rejectMatch: { __typename?: 'MatchDecision', review: { __typename?: 'MatchReview', id: string, status: MatchReviewStatus } } };

export const ReviewSideFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReviewSide"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sourceRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"localId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"email"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"postalAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"street"}},{"kind":"Field","name":{"kind":"Name","value":"postcode"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReviewSideFragment, unknown>;
export const SearchByIdentifierDocument = {"__meta__":{"hash":"46f7f55fafdbe25c6968d10020c2f596c60a3191fdff3bb2638e4e04c60f5918"}} as unknown as DocumentNode<SearchByIdentifierQuery, SearchByIdentifierQueryVariables>;
export const SearchByIdentifierMaskedDocument = {"__meta__":{"hash":"11ce0d0db17517a55b012521848372b1615248bade94405e8a290675fab6cfdd"}} as unknown as DocumentNode<SearchByIdentifierMaskedQuery, SearchByIdentifierMaskedQueryVariables>;
export const SearchBySourceRecordDocument = {"__meta__":{"hash":"5cb1f17590f2917a1ead7c79400805218573d0f0c82e6af277b9a462e585b580"}} as unknown as DocumentNode<SearchBySourceRecordQuery, SearchBySourceRecordQueryVariables>;
export const SearchBatchDocument = {"__meta__":{"hash":"47b82dabaa54f680dcba2ce56ab0910ab9f48d907c6b4846e17d3e70e1a56920"}} as unknown as DocumentNode<SearchBatchQuery, SearchBatchQueryVariables>;
export const SearchBatchMaskedDocument = {"__meta__":{"hash":"1a55de0886647bdbb9e4546ae6b2ce25272095c25e470f95cd6aa5438868bac9"}} as unknown as DocumentNode<SearchBatchMaskedQuery, SearchBatchMaskedQueryVariables>;
export const GoldenProfileDocument = {"__meta__":{"hash":"1b7bddfbdee2c9edc141b01cff6ba99e6720f5dc43f79162fdd837e690145db5"}} as unknown as DocumentNode<GoldenProfileQuery, GoldenProfileQueryVariables>;
export const GoldenProfileMaskedDocument = {"__meta__":{"hash":"13395e1ef3191cca4cd22a523a94e58ad46abf842109f18ece797c00b4cfdee1"}} as unknown as DocumentNode<GoldenProfileMaskedQuery, GoldenProfileMaskedQueryVariables>;
export const ConsentPanelDocument = {"__meta__":{"hash":"0d5eeb08cf9d5f59570baf11aca5f5d1a4e69dd37aefc2c5789c01babb09c1e9"}} as unknown as DocumentNode<ConsentPanelQuery, ConsentPanelQueryVariables>;
export const KpiPanelDocument = {"__meta__":{"hash":"5ddcfc08aa359ace240ba7d94b7cd7d49409a6bf22523b13772cde731e1ce567"}} as unknown as DocumentNode<KpiPanelQuery, KpiPanelQueryVariables>;
export const SegmentPanelDocument = {"__meta__":{"hash":"2804a82729e3c2c0264a2383f2bc8ce9b09fb15d9c9d6e9825f505806d2df8bc"}} as unknown as DocumentNode<SegmentPanelQuery, SegmentPanelQueryVariables>;
export const OrdersPanelDocument = {"__meta__":{"hash":"d83aeb12bd87edc1f02d099c47195bacbe67481055ecd8a288efc2e85cdc7aab"}} as unknown as DocumentNode<OrdersPanelQuery, OrdersPanelQueryVariables>;
export const StorePurchasesPanelDocument = {"__meta__":{"hash":"255549c33eed61a98efeef0a1f3e5add3373e793d2505e81c4e97c139e4afc0d"}} as unknown as DocumentNode<StorePurchasesPanelQuery, StorePurchasesPanelQueryVariables>;
export const WebSessionsPanelDocument = {"__meta__":{"hash":"b922358476e54d5aad7e70cf63b32597d0a5c004fa10fb2e42660c3d0ef63798"}} as unknown as DocumentNode<WebSessionsPanelQuery, WebSessionsPanelQueryVariables>;
export const TicketsPanelDocument = {"__meta__":{"hash":"e191c6f335591b7e123d794ba891a1e73bc6dc9cd3c95ca8b0b033f55d41a6da"}} as unknown as DocumentNode<TicketsPanelQuery, TicketsPanelQueryVariables>;
export const TicketsPanelMaskedDocument = {"__meta__":{"hash":"8d2357846adcb6f18c49c050ab8b89de719c466e304cbdf3f590ebb9ac0629b0"}} as unknown as DocumentNode<TicketsPanelMaskedQuery, TicketsPanelMaskedQueryVariables>;
export const SurveysPanelDocument = {"__meta__":{"hash":"a8ef5d9ee2b9571d939a8d9174bb419c12f95b0aea117b23ebbffd320dcfb7a4"}} as unknown as DocumentNode<SurveysPanelQuery, SurveysPanelQueryVariables>;
export const IdentityGraphDocument = {"__meta__":{"hash":"5bc024b507cb67bc924a1f2ed2677deb96f9e7ca5c38f551a80e1ce8977d5eaf"}} as unknown as DocumentNode<IdentityGraphQuery, IdentityGraphQueryVariables>;
export const IdentityGraphMaskedDocument = {"__meta__":{"hash":"cf622331720292de29f05286931d3835bfbd96f945d9218499787dbe2535fde3"}} as unknown as DocumentNode<IdentityGraphMaskedQuery, IdentityGraphMaskedQueryVariables>;
export const UnlinkRecordDocument = {"__meta__":{"hash":"597a880b77a534ec9c49afa9788f66a425a148756cc5c9b86f2471312f2fd969"}} as unknown as DocumentNode<UnlinkRecordMutation, UnlinkRecordMutationVariables>;
export const MatchReviewQueueDocument = {"__meta__":{"hash":"f78891ca5104e1aefc53f040090e54111d2ebf0dd1f606e154ede7bf0f851d10"}} as unknown as DocumentNode<MatchReviewQueueQuery, MatchReviewQueueQueryVariables>;
export const ReviewPairDocument = {"__meta__":{"hash":"4a89a22e190613f32123f5f9717e9ee3de47e4789b74eec7f2e9013381c95c09"}} as unknown as DocumentNode<ReviewPairQuery, ReviewPairQueryVariables>;
export const AcceptMatchDocument = {"__meta__":{"hash":"1a64fe9f5f7d5b49037b2a96378f0aadd9ca336461ce8c7d6fd70baf046dbcad"}} as unknown as DocumentNode<AcceptMatchMutation, AcceptMatchMutationVariables>;
export const RejectMatchDocument = {"__meta__":{"hash":"e075a0e3fe8ae17653cc071a2239be1cf99746ff369e07946061ed5dea863603"}} as unknown as DocumentNode<RejectMatchMutation, RejectMatchMutationVariables>;