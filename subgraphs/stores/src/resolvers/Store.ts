import type { StoreModel } from '../models';
import type { StoresContext } from '../context';

/** A store from the store list, or just its code when the list does not know it (yet). */
export async function storeOrPlaceholder(code: string, { loaders }: StoresContext): Promise<StoreModel> {
  return (
    (await loaders.stores.load(code)) ?? { code, name: null, city: null, country: null, timezone: null, currency: null }
  );
}
