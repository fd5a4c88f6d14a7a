import { audienceRequest, callResolver, plainObject, type AudienceFactsArgs } from '@c360/kit/audience';
import type { SurveysContext } from '../context';
import type { NpsAnswerModel } from '../models';
import { SYSTEM } from '../sources/survey-database';
import { Customer } from './Customer';
import { NpsAnswer } from './SurveyResponse';

const FACTS = ['latestNps'] as const;

/** `Query.surveysAudienceFacts`: the latest NPS answer through the same resolvers as Customer.latestNps (batched). */
export async function surveysAudienceFacts(args: AudienceFactsArgs, ctx: SurveysContext) {
  const request = audienceRequest(ctx, SYSTEM, args, FACTS);
  return Promise.all(
    request.customers.map(async (sourceRecords) => {
      const nps = await callResolver<NpsAnswerModel | null>(Customer.latestNps, { id: '', sourceRecords }, ctx);
      return { latestNps: nps ? await plainObject(NpsAnswer, nps, ['score'], ctx) : null };
    }),
  );
}
