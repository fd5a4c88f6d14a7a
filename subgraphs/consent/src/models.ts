import type { EventRow, StateRow, SubjectRow } from './sources/consent-register';

/** A Customer reference as the query planner sends it, with the @requires fields. */
export interface CustomerModel {
  id: string;
  sourceRecords?: { system: string; localId: string }[];
}

export type ConsentSubjectModel = SubjectRow;
export type ConsentEventModel = EventRow;
export type ConsentStateModel = StateRow;

export interface ConsentEventConnectionModel {
  events: EventRow[];
  hasNextPage: boolean;
  totalCount: number;
}

/** What recordConsent returns: ids, resolved to rows by the payload's resolvers through the loaders. */
export interface RecordConsentPayloadModel {
  eventId: string;
  subjectId: string;
  replayed: boolean;
  purpose: EventRow['purpose'];
  channel: EventRow['channel'];
}
