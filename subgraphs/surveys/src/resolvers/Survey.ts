import type { SurveyKind, SurveyQuestionResolvers, SurveyResolvers } from '../__generated__/resolvers-types';

/** This deployment files each survey under a group named after what it measures. */
const KINDS: Record<string, SurveyKind> = {
  csat: 'CUSTOMER_SATISFACTION',
  nps: 'NET_PROMOTER_SCORE',
  support: 'SUPPORT_FOLLOW_UP',
  product: 'PRODUCT_FEEDBACK',
};

export const Survey: SurveyResolvers = {
  surveyId: (s) => String(s.sid),
  kind: (s) => KINDS[s.group_name?.trim().toLowerCase() ?? ''] ?? 'OTHER',
  active: (s) => s.active === 'Y',
  createdAt: (s) => s.datecreated.toISOString(),
  questions: (s, _args, { loaders }) => loaders.questions.load(s.sid),
};

export const SurveyQuestion: SurveyQuestionResolvers = {
  questionId: (q) => String(q.qid),
  type: (q) => q.question_type,
  mandatory: (q) => q.mandatory === 'Y',
};
