import DataLoader from 'dataloader';
import { fromSource } from '@c360/kit/errors';
import { keyedLoader } from '@c360/kit/loaders';
import type { Receipt, StoreRow } from './sources/export-files';
import type { CardEntry } from './sources/export-index';
import { SYSTEM, type TillExportFolder } from './sources/till-exports';

export interface StoresContext {
  loaders: {
    /** Member and receipts of each card number: one index lookup per request tick, whatever the number of cards. */
    cards: DataLoader<string, CardEntry>;
    receipts: DataLoader<string, Receipt | null>;
    stores: DataLoader<string, StoreRow | null>;
  };
}

export function createContext(folder: TillExportFolder): StoresContext {
  return {
    loaders: {
      // The folder answers every card number (an unknown card has no member and no receipts).
      cards: new DataLoader((numbers) => fromSource(SYSTEM, () => folder.cardsByNumbers(numbers))),
      receipts: keyedLoader(
        (numbers) => fromSource(SYSTEM, () => folder.receiptsByNumbers(numbers)),
        (receipt) => receipt.receiptNumber,
      ),
      stores: keyedLoader(
        (codes) => fromSource(SYSTEM, () => folder.storesByCodes(codes)),
        (store) => store.code,
      ),
    },
  };
}
