import { requireScope, SCOPES } from '@c360/kit/auth';
import { fromSource } from '@c360/kit/errors';
import type { MutationResolvers, RecordConsentPayloadResolvers } from '../__generated__/resolvers-types';
import { toConsentCommand } from '../commands';
import { SYSTEM } from '../sources/consent-register';

export const Mutation: MutationResolvers = {
  recordConsent: async (_parent, { input }, ctx) => {
    requireScope(ctx, SCOPES.consentWrite);
    const { register, loaders, commandOptions } = ctx;
    const command = toConsentCommand(input, commandOptions());
    const [result] = await fromSource(SYSTEM, () => register.record([command]));
    // What this request may have read of the subject before is out of date now.
    loaders.subjects.clear(result!.subjectId);
    loaders.states.clear(result!.subjectId);
    return { ...result!, purpose: command.purpose, channel: command.channel };
  },
};

export const RecordConsentPayload: RecordConsentPayloadResolvers = {
  event: async (p, _args, { loaders }) => {
    const event = await loaders.events.load(p.eventId);
    if (!event) throw new Error(`Consent event ${p.eventId} was recorded but could not be read back`);
    return event;
  },
  subject: async (p, _args, { loaders }) => {
    const subject = await loaders.subjects.load(p.subjectId);
    if (!subject) throw new Error(`Consent subject ${p.subjectId} was recorded but could not be read back`);
    return subject;
  },
  currentState: async (p, _args, { loaders }) => {
    const states = await loaders.states.load(p.subjectId);
    const state = states.find((s) => s.purpose === p.purpose && s.channel === p.channel);
    if (!state)
      throw new Error(`Consent subject ${p.subjectId} has no ${p.purpose} × ${p.channel} state after recording`);
    return state;
  },
};
