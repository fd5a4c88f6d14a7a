import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CustomerModel, SurveyResponsePageModel, SurveyResponseModel, SurveyAnswerModel, NpsAnswerModel, SurveyModel, SurveyQuestionModel } from '../models';
import type { SurveysContext } from '../context';
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

/** The average of a customer's CSAT answers. */
export type CsatAverage = {
  __typename?: 'CsatAverage';
  /** How many CSAT answers the average is over. */
  answerCount: Scalars['Int']['output'];
  /** Average score, 1 to 5, rounded to two decimals. */
  average: Scalars['Float']['output'];
};

/**
 * A customer, extended with what they declared in the survey tool: their survey
 * responses and the scores an analyst reads first (latest NPS, average CSAT).
 * The survey tool reads its own records (survey participants, one per person
 * invited to one survey) through the source-record keys that the identity
 * subgraph provides.
 */
export type Customer = {
  __typename?: 'Customer';
  /**
   * The average of the customer's customer-satisfaction (CSAT, 1 to 5) answers
   * in submitted responses, with how many answers it is over. Null when they
   * never gave one or the survey tool is unavailable.
   */
  averageCsat?: Maybe<CsatAverage>;
  id: Scalars['ID']['output'];
  /**
   * The customer's most recent Net Promoter Score answer, from submitted
   * responses only. Null when they never gave one or the survey tool is unavailable.
   */
  latestNps?: Maybe<NpsAnswer>;
  /** Provided by the identity subgraph; the survey tool only reads its own records (survey participants) from it. */
  sourceRecords: Array<SourceRecord>;
  /**
   * The customer's survey responses across every survey they were invited to,
   * complete or not, most recent activity first, paginated. Responses to
   * anonymised surveys are never linked to a customer. Null when the survey tool
   * is unavailable.
   */
  surveyResponses?: Maybe<SurveyResponseConnection>;
};


/**
 * A customer, extended with what they declared in the survey tool: their survey
 * responses and the scores an analyst reads first (latest NPS, average CSAT).
 * The survey tool reads its own records (survey participants, one per person
 * invited to one survey) through the source-record keys that the identity
 * subgraph provides.
 */
export type CustomerSurveyResponsesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A Net Promoter Score answer. */
export type NpsAnswer = {
  __typename?: 'NpsAnswer';
  /** When the response holding the answer was submitted (ISO-8601). */
  answeredAt: Scalars['String']['output'];
  /** The NPS category of the score: 9-10 promoter, 7-8 passive, 0-6 detractor. */
  category: NpsCategory;
  /** The response holding the answer. */
  responseId: Scalars['ID']['output'];
  /** The score given, 0 (not at all likely to recommend) to 10 (extremely likely). */
  score: Scalars['Int']['output'];
  /** The survey the answer was given in. */
  survey: Survey;
};

/** Net Promoter Score category of a score. */
export type NpsCategory =
  /** Scored 0 to 6. */
  | 'DETRACTOR'
  /** Scored 7 or 8. */
  | 'PASSIVE'
  /** Scored 9 or 10. */
  | 'PROMOTER';

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
  /** A survey by its id, with its questions. Null when the survey tool has no such survey. */
  survey?: Maybe<Survey>;
  /**
   * For the profile subgraph's audience engine only (@inaccessible: not in the
   * gateway's API; needs customer:read and pii:read). What segment membership
   * needs of many customers at once, without executing each of their records as
   * GraphQL objects: one JSON object per customer, in the order of `customers`
   * (each customer's local ids in this source, as in sourceRecords), holding the
   * facts asked among latestNps (as Customer.latestNps: { score }, or null).
   */
  surveysAudienceFacts: Scalars['JSON']['output'];
};


export type QuerySurveyArgs = {
  surveyId: Scalars['ID']['input'];
};


export type QuerySurveysAudienceFactsArgs = {
  customers: Array<Array<Scalars['ID']['input']>>;
  facts: Array<Scalars['String']['input']>;
  since?: InputMaybe<Scalars['String']['input']>;
};

/** A record in a source system, named by the system and the record's id there. */
export type SourceRecord = {
  __typename?: 'SourceRecord';
  /** The record's id in that system. */
  localId: Scalars['ID']['output'];
  /** The source system's name, e.g. commerce. */
  system: Scalars['String']['output'];
};

/** A survey of the survey tool. */
export type Survey = {
  __typename?: 'Survey';
  /** Whether the survey currently collects responses. */
  active: Scalars['Boolean']['output'];
  /** When the survey was created (ISO-8601). */
  createdAt: Scalars['String']['output'];
  /** What the survey measures, from the survey group it is filed under. */
  kind: SurveyKind;
  /** The survey's base language, e.g. en. */
  language: Scalars['String']['output'];
  /** The survey's questions in order, worded in its base language. */
  questions: Array<SurveyQuestion>;
  /** The survey's id in the survey tool. */
  surveyId: Scalars['ID']['output'];
  /** The survey's title in its base language. */
  title: Scalars['String']['output'];
};

/** The answer to one question of a survey response. */
export type SurveyAnswer = {
  __typename?: 'SurveyAnswer';
  /** The question's code in the survey, e.g. NPS1: stable across languages, for grouping answers. */
  questionCode: Scalars['String']['output'];
  /** The question's id in the survey tool. */
  questionId: Scalars['ID']['output'];
  /** The question as the respondent read it, in the language they answered in. */
  questionText: Scalars['String']['output'];
  /** What kind of question it is. */
  questionType: SurveyQuestionType;
  /** The score given: 0 to 10 for an NPS question, 1 to 5 for a CSAT question, null for other questions. */
  score?: Maybe<Scalars['Int']['output']>;
  /** The text typed for a free-text question, or the label of the option chosen for a choice question; null otherwise or when left blank. */
  textAnswer?: Maybe<Scalars['String']['output']>;
};

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

/** A question of a survey. */
export type SurveyQuestion = {
  __typename?: 'SurveyQuestion';
  /** The question's code in the survey, e.g. NPS1. */
  code: Scalars['String']['output'];
  /** Whether the respondent must answer it. */
  mandatory: Scalars['Boolean']['output'];
  /** The question's id in the survey tool. */
  questionId: Scalars['ID']['output'];
  /** The question's wording in the survey's base language. */
  text: Scalars['String']['output'];
  /** What kind of question it is. */
  type: SurveyQuestionType;
};

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

/** One person's response to one survey, complete or abandoned part-way. */
export type SurveyResponse = {
  __typename?: 'SurveyResponse';
  /** The questions answered, in the survey's question order; an incomplete response holds only the pages saved. */
  answers: Array<SurveyAnswer>;
  /** Whether the respondent submitted the response; false when they left before the last page. */
  completed: Scalars['Boolean']['output'];
  /** Language the respondent answered in, e.g. en or fr. */
  language: Scalars['String']['output'];
  /** When the respondent last saved a page (ISO-8601); responses are ordered by it. */
  lastActivityAt: Scalars['String']['output'];
  /** The survey participant (invitation) this response came from; a source record of the customer. */
  participantId: Scalars['ID']['output'];
  /** The response's id in the survey tool. */
  responseId: Scalars['ID']['output'];
  /** When the respondent opened the survey (ISO-8601). */
  startedAt: Scalars['String']['output'];
  /** When the respondent submitted the response (ISO-8601); null while it is incomplete. */
  submittedAt?: Maybe<Scalars['String']['output']>;
  /** The survey answered. */
  survey: Survey;
};

/** A page of survey responses. */
export type SurveyResponseConnection = {
  __typename?: 'SurveyResponseConnection';
  /** The responses of this page with their cursors. */
  edges: Array<SurveyResponseEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many survey responses the customer has in all. */
  totalCount: Scalars['Int']['output'];
};

/** A survey response and its cursor. */
export type SurveyResponseEdge = {
  __typename?: 'SurveyResponseEdge';
  /** Pass as `after` to read the responses older than this one. */
  cursor: Scalars['String']['output'];
  /** The survey response. */
  node: SurveyResponse;
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
  CsatAverage: ResolverTypeWrapper<CsatAverage>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Customer: ResolverTypeWrapper<CustomerModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  NpsAnswer: ResolverTypeWrapper<NpsAnswerModel>;
  NpsCategory: NpsCategory;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<{}>;
  SourceRecord: ResolverTypeWrapper<SourceRecord>;
  Survey: ResolverTypeWrapper<SurveyModel>;
  SurveyAnswer: ResolverTypeWrapper<SurveyAnswerModel>;
  SurveyKind: SurveyKind;
  SurveyQuestion: ResolverTypeWrapper<SurveyQuestionModel>;
  SurveyQuestionType: SurveyQuestionType;
  SurveyResponse: ResolverTypeWrapper<SurveyResponseModel>;
  SurveyResponseConnection: ResolverTypeWrapper<SurveyResponsePageModel>;
  SurveyResponseEdge: ResolverTypeWrapper<Omit<SurveyResponseEdge, 'node'> & { node: ResolversTypes['SurveyResponse'] }>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  CsatAverage: CsatAverage;
  Int: Scalars['Int']['output'];
  Float: Scalars['Float']['output'];
  Customer: CustomerModel;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  JSON: Scalars['JSON']['output'];
  NpsAnswer: NpsAnswerModel;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: {};
  SourceRecord: SourceRecord;
  Survey: SurveyModel;
  SurveyAnswer: SurveyAnswerModel;
  SurveyQuestion: SurveyQuestionModel;
  SurveyResponse: SurveyResponseModel;
  SurveyResponseConnection: SurveyResponsePageModel;
  SurveyResponseEdge: Omit<SurveyResponseEdge, 'node'> & { node: ResolversParentTypes['SurveyResponse'] };
}>;

export type PiiDirectiveArgs = { };

export type PiiDirectiveResolver<Result, Parent, ContextType = SurveysContext, Args = PiiDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CsatAverageResolvers<ContextType = SurveysContext, ParentType extends ResolversParentTypes['CsatAverage'] = ResolversParentTypes['CsatAverage']> = ResolversObject<{
  answerCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  average?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CustomerResolvers<ContextType = SurveysContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  averageCsat?: Resolver<Maybe<ResolversTypes['CsatAverage']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType>;
  id?: Resolver<ResolversTypes['ID'], { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  latestNps?: Resolver<Maybe<ResolversTypes['NpsAnswer']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType>;

  surveyResponses?: Resolver<Maybe<ResolversTypes['SurveyResponseConnection']>, { __typename: 'Customer' } & GraphQLRecursivePick<ParentType, {"id":true}> & GraphQLRecursivePick<ParentType, {"sourceRecords":{"system":true,"localId":true}}>, ContextType, RequireFields<CustomerSurveyResponsesArgs, 'first'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type NpsAnswerResolvers<ContextType = SurveysContext, ParentType extends ResolversParentTypes['NpsAnswer'] = ResolversParentTypes['NpsAnswer']> = ResolversObject<{
  answeredAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  category?: Resolver<ResolversTypes['NpsCategory'], ParentType, ContextType>;
  responseId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  survey?: Resolver<ResolversTypes['Survey'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = SurveysContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = SurveysContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  survey?: Resolver<Maybe<ResolversTypes['Survey']>, ParentType, ContextType, RequireFields<QuerySurveyArgs, 'surveyId'>>;
  surveysAudienceFacts?: Resolver<ResolversTypes['JSON'], ParentType, ContextType, RequireFields<QuerySurveysAudienceFactsArgs, 'customers' | 'facts'>>;
}>;

export type SourceRecordResolvers<ContextType = SurveysContext, ParentType extends ResolversParentTypes['SourceRecord'] = ResolversParentTypes['SourceRecord']> = ResolversObject<{
  localId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  system?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SurveyResolvers<ContextType = SurveysContext, ParentType extends ResolversParentTypes['Survey'] = ResolversParentTypes['Survey']> = ResolversObject<{
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['SurveyKind'], ParentType, ContextType>;
  language?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  questions?: Resolver<Array<ResolversTypes['SurveyQuestion']>, ParentType, ContextType>;
  surveyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SurveyAnswerResolvers<ContextType = SurveysContext, ParentType extends ResolversParentTypes['SurveyAnswer'] = ResolversParentTypes['SurveyAnswer']> = ResolversObject<{
  questionCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  questionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  questionText?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  questionType?: Resolver<ResolversTypes['SurveyQuestionType'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  textAnswer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SurveyQuestionResolvers<ContextType = SurveysContext, ParentType extends ResolversParentTypes['SurveyQuestion'] = ResolversParentTypes['SurveyQuestion']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  mandatory?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  questionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['SurveyQuestionType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SurveyResponseResolvers<ContextType = SurveysContext, ParentType extends ResolversParentTypes['SurveyResponse'] = ResolversParentTypes['SurveyResponse']> = ResolversObject<{
  answers?: Resolver<Array<ResolversTypes['SurveyAnswer']>, ParentType, ContextType>;
  completed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  language?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastActivityAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  participantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  responseId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  submittedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  survey?: Resolver<ResolversTypes['Survey'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SurveyResponseConnectionResolvers<ContextType = SurveysContext, ParentType extends ResolversParentTypes['SurveyResponseConnection'] = ResolversParentTypes['SurveyResponseConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['SurveyResponseEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SurveyResponseEdgeResolvers<ContextType = SurveysContext, ParentType extends ResolversParentTypes['SurveyResponseEdge'] = ResolversParentTypes['SurveyResponseEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SurveyResponse'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SurveysContext> = ResolversObject<{
  CsatAverage?: CsatAverageResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  NpsAnswer?: NpsAnswerResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SourceRecord?: SourceRecordResolvers<ContextType>;
  Survey?: SurveyResolvers<ContextType>;
  SurveyAnswer?: SurveyAnswerResolvers<ContextType>;
  SurveyQuestion?: SurveyQuestionResolvers<ContextType>;
  SurveyResponse?: SurveyResponseResolvers<ContextType>;
  SurveyResponseConnection?: SurveyResponseConnectionResolvers<ContextType>;
  SurveyResponseEdge?: SurveyResponseEdgeResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = SurveysContext> = ResolversObject<{
  pii?: PiiDirectiveResolver<any, any, ContextType>;
}>;
