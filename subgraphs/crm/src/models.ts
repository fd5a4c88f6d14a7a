import type { ContactRow } from './sources/crm-database';

/** A Customer reference as the query planner sends it, with the @requires fields. */
export interface CustomerModel {
  id: string;
  sourceRecords?: { system: string; localId: string }[];
}

export type CrmContactModel = ContactRow;
