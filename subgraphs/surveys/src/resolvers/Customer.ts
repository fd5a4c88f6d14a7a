import { badUserInput } from '@c360/kit/errors';
import { localIdsOf } from '@c360/kit/loaders';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import { decodeResponseCursor } from '../context';
import { SYSTEM } from '../sources/survey-database';

/** The customer's survey participants (tids); ids that are not ours or not numbers are ignored. */
function participantIdsOf(sourceRecords: unknown): number[] {
  const ids = localIdsOf(sourceRecords, SYSTEM)
    .filter((id) => /^\d+$/.test(id))
    .map(Number);
  return [...new Set(ids)];
}

export const Customer: CustomerResolvers = {
  surveyResponses: (customer, { first, after }, { loaders }) => {
    const size = first ?? 10;
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      throw badUserInput(`Invalid first: expected an integer from 1 to 100, received ${size}`, 'first');
    }
    return loaders.responsesPages.load({
      participantIds: participantIdsOf(customer.sourceRecords),
      first: size,
      after: after ? decodeResponseCursor(after) : null,
    });
  },
  latestNps: async (customer, _args, { loaders }) =>
    (await loaders.scores.load(participantIdsOf(customer.sourceRecords))).nps,
  averageCsat: async (customer, _args, { loaders }) => {
    const { csat } = await loaders.scores.load(participantIdsOf(customer.sourceRecords));
    return csat && { average: Math.round(Number(csat.average) * 100) / 100, answerCount: Number(csat.answer_count) };
  },
};
