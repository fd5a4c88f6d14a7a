import type { AnswerRow, QuestionRow, ResponseRow, ScoreRow, SurveyRow } from './sources/survey-database';

/** A Customer reference as the query planner sends it, with the @requires fields. */
export interface CustomerModel {
  id: string;
  sourceRecords?: { system: string; localId: string }[];
}

/** A survey; response and score rows carry their survey's columns, so they are surveys too. */
export type SurveyModel = SurveyRow;
export type SurveyQuestionModel = QuestionRow;
export type SurveyResponseModel = ResponseRow;
export type SurveyAnswerModel = AnswerRow;
/** The latest NPS answer of a customer (a score row of type NPS). */
export type NpsAnswerModel = ScoreRow;

export interface SurveyResponsePageModel {
  responses: ResponseRow[];
  hasNextPage: boolean;
  totalCount: number;
}

/** What the derived score fields of one customer read: one row per score kind the customer has. */
export interface ScoreSummaryModel {
  nps: ScoreRow | null;
  csat: ScoreRow | null;
}
