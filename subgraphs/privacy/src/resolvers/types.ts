import { fromSource } from '@c360/kit/errors';
import type { ErasureJobResolvers, PiiReadResolvers } from '../__generated__/resolvers-types';
import { SYSTEM } from '../store';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

export const ErasureJob: ErasureJobResolvers = {
  id: (job) => job.jobId,
  requestedAt: (job) => job.requestedAt.toISOString(),
  completedAt: (job) => iso(job.completedAt),
  tasks: async (job, _args, ctx) => {
    const tasks = await fromSource(SYSTEM, () => ctx.store.tasks([job.jobId]));
    return tasks.map((t) => ({
      target: t.target,
      status: t.status,
      records: t.records,
      erased: t.erased,
      attempts: t.attempts,
      lastError: t.status === 'DONE' ? null : t.lastError,
      nextAttemptAt: t.status === 'DONE' ? null : iso(t.nextAttemptAt),
      doneAt: iso(t.doneAt),
    }));
  },
  events: async (job, _args, ctx) => {
    const events = await fromSource(SYSTEM, () => ctx.store.events([job.jobId]));
    return events.map((e) => ({ at: e.at.toISOString(), target: e.target, type: e.type, detail: e.detail }));
  },
};

export const PiiRead: PiiReadResolvers = {
  at: (read) => read.at.toISOString(),
};
