/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

/** An identifier as a source system stores it. */
export type IdentifierInput = {
  /** What kind of identifier the value is. */
  kind: IdentifierKind;
  /** ISO 3166-1 alpha-2 country used to read a phone number written in national format, e.g. FR. */
  region?: string | null | undefined;
  /** The value as the source holds it: normalised here (emails trimmed and lower-cased, phones to E.164) before use. */
  value: string;
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

export type SearchByIdentifierQueryVariables = Exact<{
  kind: IdentifierKind;
  value: string;
}>;


export type SearchByIdentifierQuery = { normalizedIdentifier: { kind: IdentifierKind, value: string | null }, customerByIdentifier: { id: string, anonymous: boolean, sourceRecords: Array<{ system: string, localId: string }>, profile: { name: { value: string | null } | null } | null } | null };

export type SearchByIdentifierMaskedQueryVariables = Exact<{
  kind: IdentifierKind;
  value: string;
}>;


export type SearchByIdentifierMaskedQuery = { customerByIdentifier: { id: string, anonymous: boolean, sourceRecords: Array<{ system: string, localId: string }> } | null };

export type SearchByNameQueryVariables = Exact<{
  name: string;
  postcode: string;
}>;


export type SearchByNameQuery = { customersByName: Array<{ id: string, anonymous: boolean, sourceRecords: Array<{ system: string, localId: string }>, profile: { name: { value: string | null } | null } | null }> };

export type SearchBySourceRecordQueryVariables = Exact<{
  system: string;
  localId: string | number;
}>;


export type SearchBySourceRecordQuery = { customerBySourceRecord: { id: string, anonymous: boolean, sourceRecords: Array<{ system: string, localId: string }> } | null };

export type SearchBatchQueryVariables = Exact<{
  identifiers: Array<IdentifierInput> | IdentifierInput;
}>;


export type SearchBatchQuery = { customersByIdentifiers: Array<{ id: string, sourceRecords: Array<{ system: string, localId: string }>, profile: { name: { value: string | null } | null } | null } | null> };

export type SearchBatchMaskedQueryVariables = Exact<{
  identifiers: Array<IdentifierInput> | IdentifierInput;
}>;


export type SearchBatchMaskedQuery = { customersByIdentifiers: Array<{ id: string, sourceRecords: Array<{ system: string, localId: string }> } | null> };

export type GoldenProfileQueryVariables = Exact<{
  id: string | number;
}>;


export type GoldenProfileQuery = { customer: { id: string, anonymous: boolean, sourceRecords: Array<{ system: string, localId: string }>, identifiers: Array<{ kind: IdentifierKind, value: string | null }>, profile: { name: { value: string | null, decidedBy: SurvivorshipDecision, lineage: { system: string, localId: string, updatedAt: string | null }, candidates: Array<{ value: string | null, lineage: { system: string, localId: string, updatedAt: string | null } }> } | null, email: { value: string | null, decidedBy: SurvivorshipDecision, lineage: { system: string, localId: string, updatedAt: string | null }, candidates: Array<{ value: string | null, lineage: { system: string, localId: string, updatedAt: string | null } }> } | null, phone: { value: string | null, decidedBy: SurvivorshipDecision, lineage: { system: string, localId: string, updatedAt: string | null }, candidates: Array<{ value: string | null, lineage: { system: string, localId: string, updatedAt: string | null } }> } | null, postalAddress: { decidedBy: SurvivorshipDecision, value: { street: string | null, postcode: string | null, city: string | null, country: string | null } | null, lineage: { system: string, localId: string, updatedAt: string | null } } | null, birthDate: { value: string | null, decidedBy: SurvivorshipDecision, lineage: { system: string, localId: string, updatedAt: string | null } } | null, company: { value: string | null, decidedBy: SurvivorshipDecision, lineage: { system: string, localId: string, updatedAt: string | null } } | null } | null } | null };

export type GoldenProfileMaskedQueryVariables = Exact<{
  id: string | number;
}>;


export type GoldenProfileMaskedQuery = { customer: { id: string, anonymous: boolean, sourceRecords: Array<{ system: string, localId: string }>, identifiers: Array<{ kind: IdentifierKind }> } | null };

export type ConsentPanelQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsentPanelQuery = { customer: { id: string, consents: Array<{ purpose: ConsentPurpose, channel: ConsentChannel, granted: boolean, since: string, source: string }> | null, contactability: Array<{ channel: ConsentChannel, contactable: boolean, reason: ContactabilityReason }> | null } | null };

export type KpiPanelQueryVariables = Exact<{
  id: string | number;
}>;


export type KpiPanelQuery = { customer: { id: string, kpis: { orderCount: number, onlineOrderCount: number, storePurchaseCount: number, lastPurchaseAt: string | null, daysSinceLastPurchase: number | null, recencyScore: number | null, frequencyScore: number | null, monetaryScore: number | null, openSupportTickets: number | null, lastNps: number | null, totalSpent: { amount: string, currency: string }, spentLast12Months: { amount: string, currency: string }, averageBasket: { amount: string, currency: string } | null } | null } | null };

export type SegmentPanelQueryVariables = Exact<{
  id: string | number;
}>;


export type SegmentPanelQuery = { customer: { id: string, segments: Array<{ name: string, description: string | null }> | null } | null };

export type OrdersPanelQueryVariables = Exact<{
  id: string | number;
}>;


export type OrdersPanelQuery = { customer: { id: string, shopAccounts: Array<{ accountId: string, orders: { totalCount: number, edges: Array<{ node: { orderNumber: string, placedAt: string, status: string, total: { amount: string, currency: string } } }> } }> | null } | null };

export type StorePurchasesPanelQueryVariables = Exact<{
  id: string | number;
}>;


export type StorePurchasesPanelQuery = { customer: { id: string, storePurchases: { totalCount: number, edges: Array<{ node: { receiptNumber: string, purchasedAt: string, store: { code: string, name: string | null }, total: { amount: string, currency: string } } }> } | null } | null };

export type WebSessionsPanelQueryVariables = Exact<{
  id: string | number;
}>;


export type WebSessionsPanelQuery = { customer: { id: string, webSessions: { totalCount: number, edges: Array<{ node: { sessionId: string, startedAt: string, durationSeconds: number, pageViewCount: number, utmCampaign: string | null, device: { type: string | null, browser: string | null } } }> } | null } | null };

export type TicketsPanelQueryVariables = Exact<{
  id: string | number;
}>;


export type TicketsPanelQuery = { customer: { id: string, supportTickets: { totalCount: number, edges: Array<{ node: { id: string, subject: string | null, status: SupportTicketStatus, channel: SupportChannel, createdAt: string } }> } | null } | null };

export type TicketsPanelMaskedQueryVariables = Exact<{
  id: string | number;
}>;


export type TicketsPanelMaskedQuery = { customer: { id: string, supportTickets: { totalCount: number, edges: Array<{ node: { id: string, status: SupportTicketStatus, channel: SupportChannel, createdAt: string } }> } | null } | null };

export type SurveysPanelQueryVariables = Exact<{
  id: string | number;
}>;


export type SurveysPanelQuery = { customer: { id: string, latestNps: { score: number, category: NpsCategory, answeredAt: string } | null, averageCsat: { average: number, answerCount: number } | null, surveyResponses: { totalCount: number, edges: Array<{ node: { responseId: string, completed: boolean, lastActivityAt: string } }> } | null } | null };

export type IdentityGraphQueryVariables = Exact<{
  id: string | number;
}>;


export type IdentityGraphQuery = { customer: { id: string, sourceRecords: Array<{ system: string, localId: string }>, identityLinks: Array<{ rule: string, confidence: number, source: string, at: string, actor: string | null, reason: string | null, from: { system: string, localId: string }, to: { system: string, localId: string }, identifier: { kind: IdentifierKind, value: string | null } | null, match: { score: number, probability: number, guards: Array<string>, comparisons: Array<{ comparison: string, level: string, weight: number }> } | null }> } | null };

export type IdentityGraphMaskedQueryVariables = Exact<{
  id: string | number;
}>;


export type IdentityGraphMaskedQuery = { customer: { id: string, sourceRecords: Array<{ system: string, localId: string }>, identityLinks: Array<{ rule: string, confidence: number, source: string, at: string, actor: string | null, reason: string | null, from: { system: string, localId: string }, to: { system: string, localId: string }, identifier: { kind: IdentifierKind } | null, match: { score: number, probability: number, guards: Array<string>, comparisons: Array<{ comparison: string, level: string, weight: number }> } | null }> } | null };

export type UnlinkRecordMutationVariables = Exact<{
  system: string;
  localId: string | number;
  reason?: string | null | undefined;
}>;


export type UnlinkRecordMutation = { unlinkRecord: { id: string } };

export type MatchReviewQueueQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MatchReviewQueueQuery = { matchReviews: { totalCount: number, endCursor: string | null, hasNextPage: boolean, reviews: Array<{ id: string, createdAt: string, left: { system: string, localId: string }, right: { system: string, localId: string }, leftCustomer: { id: string } | null, rightCustomer: { id: string } | null, evidence: { score: number, probability: number, guards: Array<string>, comparisons: Array<{ comparison: string, level: string, weight: number }> } }> } };

export type ReviewPairQueryVariables = Exact<{
  left: string | number;
  right: string | number;
}>;


export type ReviewPairQuery = { left: { id: string, sourceRecords: Array<{ system: string, localId: string }>, profile: { name: { value: string | null } | null, email: { value: string | null } | null, phone: { value: string | null } | null, birthDate: { value: string | null } | null, postalAddress: { value: { street: string | null, postcode: string | null, city: string | null, country: string | null } | null } | null } | null } | null, right: { id: string, sourceRecords: Array<{ system: string, localId: string }>, profile: { name: { value: string | null } | null, email: { value: string | null } | null, phone: { value: string | null } | null, birthDate: { value: string | null } | null, postalAddress: { value: { street: string | null, postcode: string | null, city: string | null, country: string | null } | null } | null } | null } | null };

export type ReviewSideFragment = { id: string, sourceRecords: Array<{ system: string, localId: string }>, profile: { name: { value: string | null } | null, email: { value: string | null } | null, phone: { value: string | null } | null, birthDate: { value: string | null } | null, postalAddress: { value: { street: string | null, postcode: string | null, city: string | null, country: string | null } | null } | null } | null };

export type AcceptMatchMutationVariables = Exact<{
  id: string | number;
  reason?: string | null | undefined;
}>;


export type AcceptMatchMutation = { acceptMatch: { review: { id: string, status: MatchReviewStatus }, customer: { id: string } | null } };

export type RejectMatchMutationVariables = Exact<{
  id: string | number;
  reason?: string | null | undefined;
}>;


export type RejectMatchMutation = { rejectMatch: { review: { id: string, status: MatchReviewStatus } } };

export type SegmentListQueryVariables = Exact<{ [key: string]: never; }>;


export type SegmentListQuery = { segments: Array<{ name: string, description: string | null, rule: unknown, version: number, changedBy: string, changedAt: string }>, segmentFields: Array<{ name: string, type: string, description: string }> };

export type SegmentPreviewQueryVariables = Exact<{
  rule: unknown;
  sample?: number | null | undefined;
}>;


export type SegmentPreviewQuery = { segmentPreview: { size: number, members: Array<{ id: string, profile: { name: { value: string | null } | null } | null }> } };

export type DefineSegmentMutationVariables = Exact<{
  name: string;
  description?: string | null | undefined;
  rule: unknown;
}>;


export type DefineSegmentMutation = { defineSegment: { name: string, version: number } };

export type UpdateSegmentMutationVariables = Exact<{
  name: string;
  description?: string | null | undefined;
  rule?: unknown;
}>;


export type UpdateSegmentMutation = { updateSegment: { name: string, version: number } };

export type SegmentExportPageQueryVariables = Exact<{
  name: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  channel?: string | null | undefined;
  withSize: boolean;
}>;


export type SegmentExportPageQuery = { segment: { name: string, size?: number, members: { edges: Array<{ contact: string | null, node: { id: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export const ReviewSideFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReviewSide"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sourceRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"localId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"email"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"postalAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"street"}},{"kind":"Field","name":{"kind":"Name","value":"postcode"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReviewSideFragment, unknown>;
export const SearchByIdentifierDocument = {"__meta__":{"hash":"sha256:46f7f55fafdbe25c6968d10020c2f596c60a3191fdff3bb2638e4e04c60f5918"}} as unknown as DocumentNode<SearchByIdentifierQuery, SearchByIdentifierQueryVariables>;
export const SearchByIdentifierMaskedDocument = {"__meta__":{"hash":"sha256:3dbc1ad1a7bf3fe61f0e473f7e0c9f5fd9c9d886f6a834292d05d2a04db1748d"}} as unknown as DocumentNode<SearchByIdentifierMaskedQuery, SearchByIdentifierMaskedQueryVariables>;
export const SearchByNameDocument = {"__meta__":{"hash":"sha256:82948c1d89720d6058a5110a881e55d401ef8a187267ac3045695b20b005f090"}} as unknown as DocumentNode<SearchByNameQuery, SearchByNameQueryVariables>;
export const SearchBySourceRecordDocument = {"__meta__":{"hash":"sha256:5cb1f17590f2917a1ead7c79400805218573d0f0c82e6af277b9a462e585b580"}} as unknown as DocumentNode<SearchBySourceRecordQuery, SearchBySourceRecordQueryVariables>;
export const SearchBatchDocument = {"__meta__":{"hash":"sha256:47b82dabaa54f680dcba2ce56ab0910ab9f48d907c6b4846e17d3e70e1a56920"}} as unknown as DocumentNode<SearchBatchQuery, SearchBatchQueryVariables>;
export const SearchBatchMaskedDocument = {"__meta__":{"hash":"sha256:1a55de0886647bdbb9e4546ae6b2ce25272095c25e470f95cd6aa5438868bac9"}} as unknown as DocumentNode<SearchBatchMaskedQuery, SearchBatchMaskedQueryVariables>;
export const GoldenProfileDocument = {"__meta__":{"hash":"sha256:1b7bddfbdee2c9edc141b01cff6ba99e6720f5dc43f79162fdd837e690145db5"}} as unknown as DocumentNode<GoldenProfileQuery, GoldenProfileQueryVariables>;
export const GoldenProfileMaskedDocument = {"__meta__":{"hash":"sha256:13395e1ef3191cca4cd22a523a94e58ad46abf842109f18ece797c00b4cfdee1"}} as unknown as DocumentNode<GoldenProfileMaskedQuery, GoldenProfileMaskedQueryVariables>;
export const ConsentPanelDocument = {"__meta__":{"hash":"sha256:0d5eeb08cf9d5f59570baf11aca5f5d1a4e69dd37aefc2c5789c01babb09c1e9"}} as unknown as DocumentNode<ConsentPanelQuery, ConsentPanelQueryVariables>;
export const KpiPanelDocument = {"__meta__":{"hash":"sha256:5ddcfc08aa359ace240ba7d94b7cd7d49409a6bf22523b13772cde731e1ce567"}} as unknown as DocumentNode<KpiPanelQuery, KpiPanelQueryVariables>;
export const SegmentPanelDocument = {"__meta__":{"hash":"sha256:2804a82729e3c2c0264a2383f2bc8ce9b09fb15d9c9d6e9825f505806d2df8bc"}} as unknown as DocumentNode<SegmentPanelQuery, SegmentPanelQueryVariables>;
export const OrdersPanelDocument = {"__meta__":{"hash":"sha256:d83aeb12bd87edc1f02d099c47195bacbe67481055ecd8a288efc2e85cdc7aab"}} as unknown as DocumentNode<OrdersPanelQuery, OrdersPanelQueryVariables>;
export const StorePurchasesPanelDocument = {"__meta__":{"hash":"sha256:255549c33eed61a98efeef0a1f3e5add3373e793d2505e81c4e97c139e4afc0d"}} as unknown as DocumentNode<StorePurchasesPanelQuery, StorePurchasesPanelQueryVariables>;
export const WebSessionsPanelDocument = {"__meta__":{"hash":"sha256:b922358476e54d5aad7e70cf63b32597d0a5c004fa10fb2e42660c3d0ef63798"}} as unknown as DocumentNode<WebSessionsPanelQuery, WebSessionsPanelQueryVariables>;
export const TicketsPanelDocument = {"__meta__":{"hash":"sha256:e191c6f335591b7e123d794ba891a1e73bc6dc9cd3c95ca8b0b033f55d41a6da"}} as unknown as DocumentNode<TicketsPanelQuery, TicketsPanelQueryVariables>;
export const TicketsPanelMaskedDocument = {"__meta__":{"hash":"sha256:8d2357846adcb6f18c49c050ab8b89de719c466e304cbdf3f590ebb9ac0629b0"}} as unknown as DocumentNode<TicketsPanelMaskedQuery, TicketsPanelMaskedQueryVariables>;
export const SurveysPanelDocument = {"__meta__":{"hash":"sha256:a8ef5d9ee2b9571d939a8d9174bb419c12f95b0aea117b23ebbffd320dcfb7a4"}} as unknown as DocumentNode<SurveysPanelQuery, SurveysPanelQueryVariables>;
export const IdentityGraphDocument = {"__meta__":{"hash":"sha256:5bc024b507cb67bc924a1f2ed2677deb96f9e7ca5c38f551a80e1ce8977d5eaf"}} as unknown as DocumentNode<IdentityGraphQuery, IdentityGraphQueryVariables>;
export const IdentityGraphMaskedDocument = {"__meta__":{"hash":"sha256:cf622331720292de29f05286931d3835bfbd96f945d9218499787dbe2535fde3"}} as unknown as DocumentNode<IdentityGraphMaskedQuery, IdentityGraphMaskedQueryVariables>;
export const UnlinkRecordDocument = {"__meta__":{"hash":"sha256:597a880b77a534ec9c49afa9788f66a425a148756cc5c9b86f2471312f2fd969"}} as unknown as DocumentNode<UnlinkRecordMutation, UnlinkRecordMutationVariables>;
export const MatchReviewQueueDocument = {"__meta__":{"hash":"sha256:f78891ca5104e1aefc53f040090e54111d2ebf0dd1f606e154ede7bf0f851d10"}} as unknown as DocumentNode<MatchReviewQueueQuery, MatchReviewQueueQueryVariables>;
export const ReviewPairDocument = {"__meta__":{"hash":"sha256:4a89a22e190613f32123f5f9717e9ee3de47e4789b74eec7f2e9013381c95c09"}} as unknown as DocumentNode<ReviewPairQuery, ReviewPairQueryVariables>;
export const AcceptMatchDocument = {"__meta__":{"hash":"sha256:1a64fe9f5f7d5b49037b2a96378f0aadd9ca336461ce8c7d6fd70baf046dbcad"}} as unknown as DocumentNode<AcceptMatchMutation, AcceptMatchMutationVariables>;
export const RejectMatchDocument = {"__meta__":{"hash":"sha256:e075a0e3fe8ae17653cc071a2239be1cf99746ff369e07946061ed5dea863603"}} as unknown as DocumentNode<RejectMatchMutation, RejectMatchMutationVariables>;
export const SegmentListDocument = {"__meta__":{"hash":"sha256:056d49b6b0ff798abc4c9c09b498f69401a6c907caab3dfade0088cce66ed64f"}} as unknown as DocumentNode<SegmentListQuery, SegmentListQueryVariables>;
export const SegmentPreviewDocument = {"__meta__":{"hash":"sha256:26a64cf8c4beeddad19336b5fe03824fb15682057bc5d5597a906949b5c2b3b6"}} as unknown as DocumentNode<SegmentPreviewQuery, SegmentPreviewQueryVariables>;
export const DefineSegmentDocument = {"__meta__":{"hash":"sha256:ece8e37ef48faa4ff5a4401cc601ff9051c67d7a12ca41b740725c44b5910884"}} as unknown as DocumentNode<DefineSegmentMutation, DefineSegmentMutationVariables>;
export const UpdateSegmentDocument = {"__meta__":{"hash":"sha256:6a2420ed8075ca9ca37beeb0f5b615827ae337ddd58647d10166a35e2abdeb7e"}} as unknown as DocumentNode<UpdateSegmentMutation, UpdateSegmentMutationVariables>;
export const SegmentExportPageDocument = {"__meta__":{"hash":"sha256:4114a7a47407ce1fd9071dc7cf743074d9794eaa50de14efef72a243950dac81"}} as unknown as DocumentNode<SegmentExportPageQuery, SegmentExportPageQueryVariables>;