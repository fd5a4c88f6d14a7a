import type { Resolvers } from '../__generated__/resolvers-types';
import { Customer } from './Customer';
import { Query } from './Query';
import { Survey, SurveyQuestion } from './Survey';
import { NpsAnswer, SurveyAnswer, SurveyResponse, SurveyResponseConnection } from './SurveyResponse';

export const resolvers: Resolvers = {
  Query,
  Customer,
  SurveyResponseConnection,
  SurveyResponse,
  SurveyAnswer,
  NpsAnswer,
  Survey,
  SurveyQuestion,
};
