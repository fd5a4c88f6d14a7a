import DataLoader from 'dataloader';
import { packCursor, unpackCursor } from '@c360/kit/cursor';
import { badUserInput, fromSource } from '@c360/kit/errors';
import { groupedLoader, keyedLoader } from '@c360/kit/loaders';
import type { ScoreSummaryModel, SurveyResponsePageModel } from './models';
import {
  SYSTEM,
  type AnswerRow,
  type QuestionRow,
  type ResponsesAfter,
  type SurveyDatabase,
  type SurveyRow,
} from './sources/survey-database';

/** One page of one customer's responses: the customer is the set of their survey participants. */
export interface ResponsesPageKey {
  participantIds: readonly number[];
  first: number;
  after: ResponsesAfter | null;
}

export interface SurveysContext {
  loaders: {
    /** One page per customer; all customers asking for the same page go in one query. */
    responsesPages: DataLoader<ResponsesPageKey, SurveyResponsePageModel, string>;
    answers: DataLoader<number, AnswerRow[]>;
    /** Latest NPS and CSAT average per customer (keyed by participant ids), one query for all customers. */
    scores: DataLoader<readonly number[], ScoreSummaryModel, string>;
    surveys: DataLoader<number, SurveyRow | null>;
    questions: DataLoader<number, QuestionRow[]>;
  };
}

export const encodeResponseCursor = (datestamp: Date, responseId: number) =>
  packCursor([datestamp.toISOString(), responseId]);

export function decodeResponseCursor(cursor: string): ResponsesAfter {
  const [datestamp, responseId] = unpackCursor(cursor) ?? [];
  if (typeof datestamp !== 'string' || !Number.isInteger(responseId) || Number.isNaN(Date.parse(datestamp))) {
    throw badUserInput(
      `Invalid after: expected a survey responses cursor (pageInfo.endCursor), received "${cursor}"`,
      'after',
    );
  }
  return { datestamp, responseId: responseId as number };
}

const EMPTY_PAGE: SurveyResponsePageModel = { responses: [], hasNextPage: false, totalCount: 0 };

export function createContext(db: SurveyDatabase): SurveysContext {
  return {
    loaders: {
      responsesPages: new DataLoader(
        async (keys) => {
          // Customers asking for the same page size and cursor share a query.
          const groups = new Map<string, ResponsesPageKey[]>();
          for (const key of keys) {
            if (key.participantIds.length === 0) continue;
            const group = JSON.stringify([key.first, key.after]);
            groups.set(group, [...(groups.get(group) ?? []), key]);
          }
          const pages = new Map<string, SurveyResponsePageModel>();
          await Promise.all(
            [...groups.values()].map(async (group) => {
              const { first, after } = group[0]!;
              const sets = group.map((k) => k.participantIds);
              const rows = await fromSource(SYSTEM, () => db.responsesPages(sets, first, after));
              group.forEach((key, owner) => {
                const own = rows.filter((r) => r.owner === owner);
                const inPage = own.filter((r) => Number(r.in_page) === 1);
                pages.set(pageKey(key), {
                  responses: inPage.slice(0, first),
                  hasNextPage: inPage.length > first,
                  totalCount: Number(own[0]?.total_count ?? 0),
                });
              });
            }),
          );
          return keys.map((key) => pages.get(pageKey(key)) ?? EMPTY_PAGE);
        },
        { cacheKeyFn: pageKey },
      ),
      answers: groupedLoader(
        (ids) => fromSource(SYSTEM, () => db.answersByResponses(ids)),
        (row) => row.response_id,
      ),
      scores: new DataLoader(
        async (keys) => {
          const asked = keys.filter((ids) => ids.length > 0);
          const rows = asked.length > 0 ? await fromSource(SYSTEM, () => db.scores(asked)) : [];
          const summaries = new Map<string, ScoreSummaryModel>();
          asked.forEach((ids, owner) => {
            const own = rows.filter((r) => r.owner === owner);
            summaries.set(setKey(ids), {
              nps: own.find((r) => r.question_type === 'NPS') ?? null,
              csat: own.find((r) => r.question_type === 'CSAT') ?? null,
            });
          });
          return keys.map((ids) => summaries.get(setKey(ids)) ?? { nps: null, csat: null });
        },
        { cacheKeyFn: setKey },
      ),
      surveys: keyedLoader(
        (ids) => fromSource(SYSTEM, () => db.surveysByIds(ids)),
        (row) => row.sid,
      ),
      questions: groupedLoader(
        (ids) => fromSource(SYSTEM, () => db.questionsBySurveys(ids)),
        (row) => row.sid,
      ),
    },
  };
}

const setKey = (ids: readonly number[]) => [...ids].sort((a, b) => a - b).join(',');

function pageKey(key: ResponsesPageKey): string {
  return JSON.stringify([setKey(key.participantIds), key.first, key.after]);
}
