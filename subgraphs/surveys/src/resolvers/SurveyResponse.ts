import type {
  NpsAnswerResolvers,
  SurveyAnswerResolvers,
  SurveyResponseConnectionResolvers,
  SurveyResponseResolvers,
} from '../__generated__/resolvers-types';
import { encodeResponseCursor } from '../context';

export const SurveyResponseConnection: SurveyResponseConnectionResolvers = {
  edges: (page) =>
    page.responses.map((response) => ({
      cursor: encodeResponseCursor(response.datestamp, response.id),
      node: response,
    })),
  pageInfo: (page) => {
    const last = page.responses[page.responses.length - 1];
    return { hasNextPage: page.hasNextPage, endCursor: last ? encodeResponseCursor(last.datestamp, last.id) : null };
  },
  totalCount: (page) => page.totalCount,
};

export const SurveyResponse: SurveyResponseResolvers = {
  responseId: (r) => String(r.id),
  // The row carries its survey's columns.
  survey: (r) => r,
  participantId: (r) => String(r.tid),
  completed: (r) => r.submitdate !== null,
  submittedAt: (r) => r.submitdate?.toISOString() ?? null,
  startedAt: (r) => r.startdate.toISOString(),
  lastActivityAt: (r) => r.datestamp.toISOString(),
  language: (r) => r.startlanguage,
  answers: (r, _args, { loaders }) => loaders.answers.load(r.id),
};

export const SurveyAnswer: SurveyAnswerResolvers = {
  questionId: (a) => String(a.qid),
  questionCode: (a) => a.question_code,
  questionText: (a) => a.question_text,
  questionType: (a) => a.question_type,
  score: (a) => (a.score === null ? null : Number(a.score)),
  textAnswer: (a) => {
    switch (a.question_type) {
      case 'NPS':
      case 'CSAT':
        return null;
      case 'SINGLE_CHOICE':
        // A code without an option (e.g. LimeSurvey's '-oth-') is shown as stored.
        return a.choice_label ?? (a.value?.trim() || null);
      default:
        return a.value?.trim() || null;
    }
  },
};

export const NpsAnswer: NpsAnswerResolvers = {
  score: (n) => Number(n.score),
  category: (n) => (n.score >= 9 ? 'PROMOTER' : n.score >= 7 ? 'PASSIVE' : 'DETRACTOR'),
  answeredAt: (n) => n.submitdate.toISOString(),
  responseId: (n) => String(n.response_id),
  survey: (n) => n,
};
