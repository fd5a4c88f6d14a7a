import type DataLoader from 'dataloader';
import { keyedLoader } from '@c360/kit/loaders';
import { fromSource } from '@c360/kit/errors';
import { SYSTEM, type ContactRow, type CrmDatabase } from './sources/crm-database';

export interface CrmContext {
  loaders: {
    /** Contacts by CRM id: one query per request tick, whatever the number of customers. */
    contacts: DataLoader<string, ContactRow | null>;
  };
}

export function createContext(db: CrmDatabase): CrmContext {
  return {
    loaders: {
      contacts: keyedLoader(
        (ids) => fromSource(SYSTEM, () => db.contactsByIds(ids)),
        (row) => row.contact_id,
      ),
    },
  };
}
