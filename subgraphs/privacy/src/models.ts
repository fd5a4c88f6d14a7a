import type { ErasureJobRow, PiiReadRow } from './store';

/** An erasure job as resolvers pass it on: its row; tasks and events are read when asked for. */
export type ErasureJobModel = ErasureJobRow;

export type PiiReadModel = PiiReadRow;
